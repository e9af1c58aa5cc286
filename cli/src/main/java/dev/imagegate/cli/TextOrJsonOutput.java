package dev.imagegate.cli;

import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code -o/--output text|json} option of {@code verify}, {@code inspect} and {@code lint}: one
 * declaration, so the flag, its default and its help line cannot drift apart between them. Declared
 * in code ({@link CommandModels}) because {@code verify} reads no annotations.
 */
final class TextOrJsonOutput implements CommandModels.OptionGroup {
  String format = "text";

  @Override
  public String mixinName() {
    return "output";
  }

  @Override
  public CommandSpec mixin() {
    CommandSpec m = CommandSpec.wrapWithoutInspection(this);
    m.addOption(
        CommandModels.option(String.class, () -> format, v -> format = v, "-o", "--output")
            .paramLabel("FORMAT")
            .defaultValue("text")
            .description("text or json (default: ${DEFAULT-VALUE}).")
            .build());
    return m;
  }

  /**
   * Anything but text or json is a usage error (exit 2). {@code lint} does not call it: it has
   * always printed text for any other value.
   */
  void check() {
    if (!format.equals("text") && !format.equals("json")) {
      throw new UsageException("--output must be text or json, not '" + format + "'");
    }
  }

  boolean json() {
    return format.equals("json");
  }
}
