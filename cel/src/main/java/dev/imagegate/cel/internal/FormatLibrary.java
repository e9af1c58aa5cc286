package dev.imagegate.cel.internal;

import static dev.imagegate.cel.internal.Functions.classes;
import static dev.imagegate.cel.internal.Functions.types;

import dev.cel.bundle.CelBuilder;
import dev.cel.common.types.ListType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.OptionalType;
import dev.cel.common.types.SimpleType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The Kubernetes Format library: {@code format.named(name)} / {@code format.<name>()} and {@code
 * <Format>.validate(s)}, which returns {@code optional.none()} when valid, else the list of
 * Kubernetes validation messages (apimachinery {@code util/validation} wording).
 */
final class FormatLibrary {
  static final OpaqueType FORMAT = OpaqueType.create("kubernetes.NamedFormat");

  /** A named format; {@code validate} returns the error messages (empty when valid). */
  record NamedFormat(String name, Function<String, List<String>> validate) {}

  private static final String LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String SUBDOMAIN_FMT = LABEL_FMT + "(\\." + LABEL_FMT + ")*";
  private static final String DNS1035_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
  private static final String QNAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final String LABEL_VALUE_FMT = "(" + QNAME_FMT + ")?";
  private static final String QNAME_MSG =
      "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an"
          + " alphanumeric character";
  private static final Pattern UUID =
      Pattern.compile("(?i)[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}");

  static final Map<String, NamedFormat> FORMATS = new LinkedHashMap<>();

  static {
    add("dns1123Label", "DNS1123Label", s -> dns1123Label(s));
    add("dns1123Subdomain", "DNS1123Subdomain", s -> dns1123Subdomain(s));
    add("dns1035Label", "DNS1035Label", s -> dns1035Label(s));
    add("qualifiedName", "QualifiedName", s -> qualifiedName(s));
    add("dns1123LabelPrefix", "DNS1123LabelPrefix", s -> dns1123Label(maskTrailingDash(s)));
    add(
        "dns1123SubdomainPrefix",
        "DNS1123SubdomainPrefix",
        s -> dns1123Subdomain(maskTrailingDash(s)));
    add("dns1035LabelPrefix", "DNS1035LabelPrefix", s -> dns1035Label(maskTrailingDash(s)));
    add("labelValue", "LabelValue", s -> labelValue(s));
    add(
        "uri",
        "URI",
        s -> {
          try {
            GoUrl.parse(s);
            return List.of();
          } catch (IllegalArgumentException e) {
            return List.of(String.valueOf(e.getMessage()));
          }
        });
    add(
        "uuid",
        "uuid",
        s -> UUID.matcher(s).matches() ? List.of() : List.of("does not match the UUID format"));
    add("byte", "byte", s -> isBase64(s) ? List.of() : List.of("invalid base64"));
    add("date", "date", s -> isDate(s) ? List.of() : List.of("invalid date"));
    add("datetime", "datetime", s -> isDateTime(s) ? List.of() : List.of("invalid datetime"));
  }

  private FormatLibrary() {}

  private static void add(String key, String name, Function<String, List<String>> v) {
    FORMATS.put(key, new NamedFormat(name, v));
  }

  static void register(CelBuilder b) {
    Functions f = new Functions();
    f.global(
        "format.named",
        "format-named",
        OptionalType.create(FORMAT),
        types(SimpleType.STRING),
        classes(String.class),
        a -> Optional.ofNullable(FORMATS.get((String) a[0])));
    FORMATS.forEach(
        (key, format) ->
            f.global(
                "format." + key,
                "format." + key,
                FORMAT,
                types(),
                classes(),
                a -> java.util.Objects.requireNonNull(FORMATS.get(key))));
    f.member(
        "validate",
        "format-validate",
        OptionalType.create(ListType.create(SimpleType.STRING)),
        types(FORMAT, SimpleType.STRING),
        classes(NamedFormat.class, String.class),
        a -> {
          List<String> errs = ((NamedFormat) a[0]).validate().apply((String) a[1]);
          return errs.isEmpty() ? Optional.empty() : Optional.of(errs);
        });
    f.install(b);
  }

  private static String maskTrailingDash(String s) {
    return s.length() > 1 && s.endsWith("-") ? s.substring(0, s.length() - 2) + "a" : s;
  }

  private static String regexError(String msg, String fmt, String... examples) {
    StringBuilder sb = new StringBuilder(msg).append(" (e.g. ");
    for (int i = 0; i < examples.length; i++) {
      if (i > 0) {
        sb.append(" or ");
      }
      sb.append('\'').append(examples[i]).append("', ");
    }
    return sb.append("regex used for validation is '").append(fmt).append("')").toString();
  }

  private static String maxLen(int n) {
    return "must be no more than " + n + " characters";
  }

  /**
   * Kubernetes' validation of a length-bounded pattern: the length error first, then the pattern
   * error with its description and examples (both when both fail).
   */
  private static List<String> boundedPattern(
      String s, int maxLength, String fmt, String description, String... examples) {
    List<String> errs = new ArrayList<>();
    if (s.length() > maxLength) {
      errs.add(maxLen(maxLength));
    }
    if (!s.matches(fmt)) {
      errs.add(regexError(description, fmt, examples));
    }
    return errs;
  }

  static List<String> dns1123Label(String s) {
    return boundedPattern(
        s,
        63,
        LABEL_FMT,
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and"
            + " must start and end with an alphanumeric character",
        "my-name",
        "123-abc");
  }

  static List<String> dns1123Subdomain(String s) {
    return boundedPattern(
        s,
        253,
        SUBDOMAIN_FMT,
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or"
            + " '.', and must start and end with an alphanumeric character",
        "example.com");
  }

  static List<String> dns1035Label(String s) {
    return boundedPattern(
        s,
        63,
        DNS1035_FMT,
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an"
            + " alphabetic character, and end with an alphanumeric character",
        "my-name",
        "abc-123");
  }

  static List<String> qualifiedName(String s) {
    List<String> errs = new ArrayList<>();
    String[] parts = s.split("/", -1);
    String name;
    switch (parts.length) {
      case 1 -> name = parts[0];
      case 2 -> {
        name = parts[1];
        if (parts[0].isEmpty()) {
          errs.add("prefix part must be non-empty");
        } else {
          dns1123Subdomain(parts[0]).forEach(m -> errs.add("prefix part " + m));
        }
      }
      default -> {
        errs.add(
            "a qualified name "
                + regexError(QNAME_MSG, QNAME_FMT, "MyName", "my.name", "123-abc")
                + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
        return errs;
      }
    }
    if (name.isEmpty()) {
      errs.add("name part must be non-empty");
    } else if (name.length() > 63) {
      errs.add("name part " + maxLen(63));
    }
    if (!name.matches(QNAME_FMT)) {
      errs.add("name part " + regexError(QNAME_MSG, QNAME_FMT, "MyName", "my.name", "123-abc"));
    }
    return errs;
  }

  static List<String> labelValue(String s) {
    return boundedPattern(
        s,
        63,
        LABEL_VALUE_FMT,
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or"
            + " '.', and must start and end with an alphanumeric character",
        "MyValue",
        "my_value",
        "12345");
  }

  private static boolean isBase64(String s) {
    if (s.length() % 4 != 0) {
      return false;
    }
    try {
      Base64.getDecoder().decode(s);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isDate(String s) {
    try {
      LocalDate.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean isDateTime(String s) {
    try {
      OffsetDateTime.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      try {
        LocalDateTime.parse(s);
        return true;
      } catch (DateTimeParseException e2) {
        return false;
      }
    }
  }
}
