package dev.imagegate.cel.internal;

/** Go's {@code strconv.Quote}: double quotes, C-like escapes, printable Unicode kept. */
final class GoQuote {
  private GoQuote() {}

  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    s.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case 0x07 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 0x0b -> sb.append("\\v");
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                default -> {
                  if (cp < 0x20 || cp == 0x7f) {
                    sb.append(String.format("\\x%02x", cp));
                  } else if (isPrintable(cp)) {
                    sb.appendCodePoint(cp);
                  } else if (cp < 0x10000) {
                    sb.append(String.format("\\u%04x", cp));
                  } else {
                    sb.append(String.format("\\U%08x", cp));
                  }
                }
              }
            });
    return sb.append('"').toString();
  }

  private static boolean isPrintable(int cp) {
    int type = Character.getType(cp);
    return cp == ' '
        || !(Character.isISOControl(cp)
            || Character.isWhitespace(cp)
            || type == Character.UNASSIGNED
            || type == Character.SURROGATE
            || type == Character.PRIVATE_USE
            || type == Character.FORMAT
            || type == Character.LINE_SEPARATOR
            || type == Character.PARAGRAPH_SEPARATOR
            || type == Character.SPACE_SEPARATOR);
  }
}
