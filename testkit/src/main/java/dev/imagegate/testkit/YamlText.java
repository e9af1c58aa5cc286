package dev.imagegate.testkit;

import java.util.stream.Collectors;

/** Text that tests splice into YAML documents written as Java text blocks. */
public final class YamlText {
  private YamlText() {}

  /**
   * {@code block} (a PEM key or certificate, say) stripped and with every line indented by {@code
   * spaces}, to stand as the content of a block scalar ({@code data: |}) at that depth.
   */
  public static String indent(String block, int spaces) {
    String pad = " ".repeat(spaces);
    return block.strip().lines().map(l -> pad + l).collect(Collectors.joining("\n"));
  }
}
