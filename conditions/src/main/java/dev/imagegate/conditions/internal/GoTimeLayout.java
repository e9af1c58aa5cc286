package dev.imagegate.conditions.internal;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Translates Go reference-time layouts ({@code 2006-01-02T15:04:05Z07:00}) into Java formatters,
 * for {@code time_parse} and {@code time_since}. Covers the layout elements of Go's {@code time}
 * package except day-of-year and {@code _2}-style padding.
 */
public final class GoTimeLayout {
  private static final String[] TOKENS = {
    "January",
    "Monday",
    "2006",
    "Z07:00",
    "Z0700",
    "-07:00",
    "-0700",
    "Z07",
    "-07",
    "MST",
    "Jan",
    "Mon",
    ".000000000",
    ".000000",
    ".000",
    ".999999999",
    ".999999",
    ".999",
    "01",
    "02",
    "03",
    "04",
    "05",
    "06",
    "15",
    "PM",
    "pm",
    "1",
    "2",
    "3",
    "4",
    "5"
  };

  private GoTimeLayout() {}

  public static DateTimeFormatter toFormatter(String layout) {
    DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().parseCaseInsensitive();
    int i = 0;
    while (i < layout.length()) {
      String token = null;
      for (String t : TOKENS) {
        if (layout.startsWith(t, i)) {
          token = t;
          break;
        }
      }
      if (token == null) {
        b.appendLiteral(layout.charAt(i));
        i++;
        continue;
      }
      append(b, token);
      i += token.length();
    }
    return b.toFormatter(Locale.ROOT);
  }

  private static void append(DateTimeFormatterBuilder b, String token) {
    switch (token) {
      case "January" -> b.appendPattern("MMMM");
      case "Monday" -> b.appendPattern("EEEE");
      case "2006" -> b.appendValue(ChronoField.YEAR, 4);
      case "06" -> b.appendPattern("yy");
      case "Z07:00" -> b.appendOffset("+HH:MM", "Z");
      case "Z0700" -> b.appendOffset("+HHMM", "Z");
      case "Z07" -> b.appendOffset("+HH", "Z");
      case "-07:00" -> b.appendOffset("+HH:MM", "+00:00");
      case "-0700" -> b.appendOffset("+HHMM", "+0000");
      case "-07" -> b.appendOffset("+HH", "+00");
      case "MST" -> b.appendZoneText(java.time.format.TextStyle.SHORT);
      case "Jan" -> b.appendPattern("MMM");
      case "Mon" -> b.appendPattern("EEE");
      case ".000" -> b.appendFraction(ChronoField.NANO_OF_SECOND, 3, 3, true);
      case ".000000" -> b.appendFraction(ChronoField.NANO_OF_SECOND, 6, 6, true);
      case ".000000000" -> b.appendFraction(ChronoField.NANO_OF_SECOND, 9, 9, true);
      case ".999", ".999999", ".999999999" ->
          b.optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd();
      case "01" -> b.appendValue(ChronoField.MONTH_OF_YEAR, 2);
      case "02" -> b.appendValue(ChronoField.DAY_OF_MONTH, 2);
      case "03" -> b.appendValue(ChronoField.CLOCK_HOUR_OF_AMPM, 2);
      case "04" -> b.appendValue(ChronoField.MINUTE_OF_HOUR, 2);
      case "05" -> b.appendValue(ChronoField.SECOND_OF_MINUTE, 2);
      case "15" -> b.appendValue(ChronoField.HOUR_OF_DAY, 2);
      case "PM", "pm" -> b.appendText(ChronoField.AMPM_OF_DAY);
      case "1" -> b.appendValue(ChronoField.MONTH_OF_YEAR);
      case "2" -> b.appendValue(ChronoField.DAY_OF_MONTH);
      case "3" -> b.appendValue(ChronoField.CLOCK_HOUR_OF_AMPM);
      case "4" -> b.appendValue(ChronoField.MINUTE_OF_HOUR);
      case "5" -> b.appendValue(ChronoField.SECOND_OF_MINUTE);
      default -> throw new IllegalStateException("unhandled Go layout token " + token);
    }
  }
}
