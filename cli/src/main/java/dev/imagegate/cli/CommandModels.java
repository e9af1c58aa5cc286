package dev.imagegate.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Building blocks for the command models declared in code rather than with picocli annotations: the
 * root, {@code verify} and the option groups they share with annotated commands (issue 15). Reading
 * an annotation makes the JVM generate a proxy class per annotation type, which the AOT cache
 * cannot store: about 45 ms of a one-image {@code verify}. Each option is declared once, with the
 * same attributes picocli would read from the annotation (CliGoldenTest compares the models).
 */
final class CommandModels {
  /** picocli's key for the {@code -h/--help} and {@code -V/--version} mixin. */
  static final String STANDARD_HELP = "mixinStandardHelpOptions";

  private CommandModels() {}

  /** A field bound as getter and setter (picocli's interfaces are generic, so no lambdas). */
  private record Binding<T extends @Nullable Object>(Supplier<T> getter, Consumer<T> setter)
      implements IGetter, ISetter {
    @Override
    @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"})
    public <R> R get() {
      return (R) getter.get();
    }

    @Override
    @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"})
    public <R> R set(R value) {
      R old = (R) getter.get();
      setter.accept((T) value);
      return old;
    }
  }

  /**
   * An option of this type bound to a field; its initial value (restored before each parse) is the
   * field's value now, as picocli takes it from an annotated field.
   */
  static <T extends @Nullable Object> OptionSpec.Builder option(
      Class<?> type, Supplier<T> get, Consumer<T> set, String... names) {
    Binding<T> field = new Binding<>(get, set);
    return OptionSpec.builder(names)
        .type(type)
        .getter(field)
        .setter(field)
        .initialValue(get.get())
        .descriptionKey("");
  }

  /** A single-value option. */
  static OptionSpec.Builder string(
      Supplier<@Nullable String> get, Consumer<@Nullable String> set, String... names) {
    return option(String.class, get, set, names);
  }

  /** A single-value path option. */
  static OptionSpec.Builder path(
      Supplier<@Nullable Path> get, Consumer<@Nullable Path> set, String... names) {
    return option(Path.class, get, set, names);
  }

  /** An int option. */
  static OptionSpec.Builder integer(Supplier<Integer> get, Consumer<Integer> set, String... names) {
    return option(int.class, get, set, names);
  }

  /** A repeatable option collected into a list of this element type. */
  static <E> OptionSpec.Builder list(
      Class<E> element, Supplier<List<E>> get, Consumer<List<E>> set, String... names) {
    return option(List.class, get, set, names).auxiliaryTypes(element);
  }

  /** Positional parameters collected into a list of this element type. */
  static <E> PositionalParamSpec.Builder positionals(
      Class<E> element, Supplier<List<E>> get, Consumer<List<E>> set) {
    Binding<List<E>> field = new Binding<>(get, set);
    return PositionalParamSpec.builder()
        .type(List.class)
        .auxiliaryTypes(element)
        .getter(field)
        .setter(field)
        .initialValue(get.get())
        .descriptionKey("");
  }

  /**
   * A flag; its parameter label is picocli's inferred {@code <field>} (never shown, kept so the
   * model matches the annotated one).
   */
  static OptionSpec.Builder flag(
      String field, Supplier<Boolean> get, Consumer<Boolean> set, String... names) {
    return option(boolean.class, get, set, names).paramLabel("<" + field + ">");
  }

  /**
   * picocli's {@code mixinStandardHelpOptions}: {@code -h/--help} and {@code -V/--version}, with
   * the names, keys and texts of picocli's own mixin, added last as picocli adds it.
   */
  static CommandSpec standardHelp() {
    HelpFlags flags = new HelpFlags();
    CommandSpec help = CommandSpec.wrapWithoutInspection(flags);
    help.addOption(
        flag(
                "helpRequested",
                () -> flags.help,
                v -> flags.help = v,
                "${picocli.help.name.0:--h}",
                "${picocli.help.name.1:---help}")
            .usageHelp(true)
            .descriptionKey("mixinStandardHelpOptions.help")
            .description("Show this help message and exit.")
            .build());
    help.addOption(
        flag(
                "versionRequested",
                () -> flags.version,
                v -> flags.version = v,
                "${picocli.version.name.0:--V}",
                "${picocli.version.name.1:---version}")
            .versionHelp(true)
            .descriptionKey("mixinStandardHelpOptions.version")
            .description("Print version information and exit.")
            .build());
    return help;
  }

  /** Where picocli stores the standard help flags (it reads them from the parse result). */
  private static final class HelpFlags {
    boolean help;
    boolean version;
  }

  /**
   * An option group declared in code and shared with annotated commands: picocli's {@code @Mixin}
   * without the annotation.
   */
  interface OptionGroup {
    /** The mixin name (the field name it had as a {@code @Mixin}). */
    String mixinName();

    /** Its options, bound to this instance. */
    CommandSpec mixin();
  }

  /**
   * A command declared with annotations that uses option groups declared in code; {@link #model}
   * adds them after its own options, then the standard help options, the order picocli gave them
   * when they were {@code @Mixin} fields declared last.
   */
  interface AnnotatedWithGroups {
    List<OptionGroup> optionGroups();
  }

  /** The model of an annotated command plus its code-declared option groups and standard help. */
  static CommandSpec model(AnnotatedWithGroups command) {
    CommandSpec spec = CommandSpec.forAnnotatedObject(command);
    for (OptionGroup group : command.optionGroups()) {
      spec.addMixin(group.mixinName(), group.mixin());
    }
    return spec.addMixin(STANDARD_HELP, standardHelp());
  }
}
