package dev.imagegate.ivpol.convert.internal;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Writes a {@link Y} tree as block YAML with two-space indentation, list items at their key's
 * indentation (kubectl's style), comments above what they explain, multi-line strings as literal
 * blocks and every scalar quoted only when YAML would otherwise read it differently.
 */
public final class YamlWriter {
  // YAML 1.1 (SnakeYAML, Jackson) and 1.2 words that would not stay strings when plain.
  private static final Pattern SPECIAL =
      Pattern.compile("(?i)(true|false|yes|no|on|off|y|n|null|~|[-+.]?[0-9].*|\\.inf|\\.nan|<<|=)");
  private static final String INDICATORS = "-?:,[]{}#&*!|>'\"%@`";

  private final StringBuilder out = new StringBuilder();

  private YamlWriter() {}

  /** One document (no leading {@code ---}). */
  public static String write(Y.Map root) {
    YamlWriter w = new YamlWriter();
    if (!root.isEmpty()) {
      w.comments(root.entries.get(0).comment(), 0);
    }
    w.map(root, 0);
    return w.out.toString();
  }

  /** The cursor is already at the first entry's position (its comment written by the caller). */
  private void map(Y.Map m, int indent) {
    for (int i = 0; i < m.entries.size(); i++) {
      Y.Entry e = m.entries.get(i);
      if (i > 0) {
        comments(e.comment(), indent);
        pad(indent);
      }
      out.append(key(e.key())).append(':');
      value(e.value(), indent, true);
    }
  }

  /** Writes the value after "key:" ({@code afterKey}) or after "- ". */
  private void value(Y v, int indent, boolean afterKey) {
    switch (v) {
      case Y.Scalar s -> {
        out.append(afterKey ? " " : "");
        scalar(s, indent + 2, false);
        out.append('\n');
      }
      case Y.Map m when m.isEmpty() -> out.append(afterKey ? " {}\n" : "{}\n");
      case Y.Map m -> {
        if (afterKey) {
          out.append('\n');
          comments(m.entries.get(0).comment(), indent + 2);
          pad(indent + 2);
          map(m, indent + 2);
        } else {
          map(m, indent);
        }
      }
      case Y.Seq s when s.isEmpty() -> out.append(afterKey ? " []\n" : "[]\n");
      case Y.Seq s when s.flow -> {
        out.append(afterKey ? " [" : "[");
        for (int i = 0; i < s.items.size(); i++) {
          if (i > 0) {
            out.append(", ");
          }
          scalar((Y.Scalar) s.items.get(i).value(), indent, true);
        }
        out.append("]\n");
      }
      case Y.Seq s -> {
        if (!afterKey) {
          throw new IllegalArgumentException("a block list directly inside a list");
        }
        out.append('\n');
        for (Y.Item item : s.items) {
          comments(item.comment(), indent);
          if (item.value() instanceof Y.Map m && !m.isEmpty()) {
            comments(m.entries.get(0).comment(), indent);
          }
          pad(indent);
          out.append("- ");
          value(item.value(), indent + 2, false);
        }
      }
    }
  }

  private void pad(int indent) {
    out.append(" ".repeat(indent));
  }

  private void comments(@Nullable String comment, int indent) {
    if (comment == null) {
      return;
    }
    for (String line : comment.split("\n", -1)) {
      pad(indent);
      out.append(line.isEmpty() ? "#" : "# " + line).append('\n');
    }
  }

  private void scalar(Y.Scalar s, int blockIndent, boolean flow) {
    String t = s.text();
    if (s.plain()) {
      out.append(t);
    } else if (!flow && t.contains("\n") && literalSafe(t)) {
      boolean endsNewline = t.endsWith("\n");
      out.append(endsNewline ? "|" : "|-");
      String body = endsNewline ? t.substring(0, t.length() - 1) : t;
      for (String line : body.split("\n", -1)) {
        out.append('\n');
        if (!line.isEmpty()) {
          pad(blockIndent);
          out.append(line);
        }
      }
    } else if (plainSafe(t, flow)) {
      out.append(t);
    } else {
      out.append(doubleQuoted(t));
    }
  }

  private static String key(String k) {
    return plainSafe(k, false) ? k : doubleQuoted(k);
  }

  /** A literal block keeps the text exactly when no line starts with a space or ends with one. */
  private static boolean literalSafe(String t) {
    String body = t.endsWith("\n") ? t.substring(0, t.length() - 1) : t;
    if (body.isEmpty() || body.endsWith("\n") || body.startsWith(" ") || body.contains("\t")) {
      return false;
    }
    for (String line : body.split("\n", -1)) {
      if (line.endsWith(" ") || line.chars().anyMatch(c -> c < 0x20)) {
        return false;
      }
    }
    return true;
  }

  static boolean plainSafe(String t, boolean flow) {
    if (t.isEmpty()
        || INDICATORS.indexOf(t.charAt(0)) >= 0
        || Character.isWhitespace(t.charAt(0))
        || Character.isWhitespace(t.charAt(t.length() - 1))
        || t.endsWith(":")
        || t.contains(": ")
        || t.contains(" #")
        || SPECIAL.matcher(t.toLowerCase(Locale.ROOT)).matches()) {
      return false;
    }
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c < 0x20 || c == 0x7f || c > 0x7e) {
        return false;
      }
      if (flow && ",[]{}".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  /** JSON string syntax is valid YAML double-quoted syntax. */
  static String doubleQuoted(String t) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
