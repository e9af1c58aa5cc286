package dev.imagegate.conditions.internal;

import static dev.imagegate.conditions.internal.KyvernoFunction.error;
import static dev.imagegate.conditions.internal.KyvernoFunction.of;
import static dev.imagegate.conditions.internal.KyvernoFunction.text;
import static dev.imagegate.conditions.internal.KyvernoFunction.textOrNumber;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.imagegate.base.Wildcard;
import io.burt.jmespath.function.Function;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Kyverno's string functions. */
final class StringFunctions {
  /** Regexes come from policies and payloads; bound their length to keep matching cheap. */
  private static final int MAX_REGEX = 1024;

  private StringFunctions() {}

  static List<Function> all() {
    return List.of(
        of("to_upper", 1, a -> str(text("to_upper", a, 0).toUpperCase(Locale.ROOT))),
        of("to_lower", 1, a -> str(text("to_lower", a, 0).toLowerCase(Locale.ROOT))),
        of("trim", 2, a -> str(trim(text("trim", a, 0), text("trim", a, 1)))),
        of(
            "trim_prefix",
            2,
            a -> {
              String s = text("trim_prefix", a, 0);
              String p = text("trim_prefix", a, 1);
              return str(s.startsWith(p) ? s.substring(p.length()) : s);
            }),
        of(
            "split",
            2,
            a -> {
              ArrayNode out = Values.NODES.arrayNode();
              String s = text("split", a, 0);
              String sep = text("split", a, 1);
              if (sep.isEmpty()) {
                s.codePoints().forEach(c -> out.add(new String(Character.toChars(c))));
              } else {
                for (String part : s.split(Pattern.quote(sep), -1)) {
                  out.add(part);
                }
              }
              return out;
            }),
        of(
            "replace",
            4,
            a ->
                str(
                    replace(
                        text("replace", a, 0),
                        text("replace", a, 1),
                        text("replace", a, 2),
                        nth(a.get(3))))),
        of(
            "replace_all",
            3,
            a ->
                str(
                    text("replace_all", a, 0)
                        .replace(text("replace_all", a, 1), text("replace_all", a, 2)))),
        of(
            "regex_match",
            2,
            a ->
                Values.NODES.booleanNode(
                    regex("regex_match", a, 0).matcher(textOrNumber("regex_match", a, 1)).find())),
        of(
            "regex_replace_all",
            3,
            a ->
                str(
                    regex("regex_replace_all", a, 0)
                        .matcher(textOrNumber("regex_replace_all", a, 1))
                        .replaceAll(goTemplate(textOrNumber("regex_replace_all", a, 2))))),
        of(
            "regex_replace_all_literal",
            3,
            a ->
                str(
                    regex("regex_replace_all_literal", a, 0)
                        .matcher(textOrNumber("regex_replace_all_literal", a, 1))
                        .replaceAll(
                            Matcher.quoteReplacement(
                                textOrNumber("regex_replace_all_literal", a, 2))))),
        of(
            "pattern_match",
            2,
            a ->
                Values.NODES.booleanNode(
                    Wildcard.match(
                        text("pattern_match", a, 0), textOrNumber("pattern_match", a, 1)))),
        of("label_match", 2, a -> Values.NODES.booleanNode(labelMatch(a.get(0), a.get(1)))),
        of(
            "base64_encode",
            1,
            a ->
                str(
                    Base64.getEncoder()
                        .encodeToString(
                            text("base64_encode", a, 0).getBytes(StandardCharsets.UTF_8)))),
        of(
            "base64_decode",
            1,
            a -> {
              try {
                return str(
                    new String(
                        Base64.getDecoder().decode(text("base64_decode", a, 0).trim()),
                        StandardCharsets.UTF_8));
              } catch (IllegalArgumentException e) {
                throw error("base64_decode", "not valid base64: " + e.getMessage());
              }
            }),
        of(
            "compare",
            2,
            a ->
                Values.NODES.numberNode(
                    Integer.signum(text("compare", a, 0).compareTo(text("compare", a, 1))))),
        of(
            "equal_fold",
            2,
            a ->
                Values.NODES.booleanNode(
                    text("equal_fold", a, 0).equalsIgnoreCase(text("equal_fold", a, 1)))),
        of(
            "truncate",
            2,
            a -> {
              String s = text("truncate", a, 0);
              if (!a.get(1).isNumber() || a.get(1).asDouble() < 0) {
                throw error("truncate", "argument 2 must be a non-negative number");
              }
              int n = (int) Math.min(a.get(1).asDouble(), s.length());
              return str(s.substring(0, n));
            }),
        of("path_canonicalize", 1, a -> str(cleanPath(text("path_canonicalize", a, 0)))),
        of(
            "semver_compare",
            2,
            a -> {
              Semver v =
                  Semver.parse(text("semver_compare", a, 0))
                      .orElseThrow(
                          () ->
                              error(
                                  "semver_compare",
                                  "'" + a.get(0).asText() + "' is not a semantic version"));
              return Values.NODES.booleanNode(
                  Semver.satisfies(v, text("semver_compare", a, 1))
                      .orElseThrow(
                          () ->
                              error(
                                  "semver_compare",
                                  "'" + a.get(1).asText() + "' is not a version range")));
            }));
  }

  private static JsonNode str(String s) {
    return Values.NODES.textNode(s);
  }

  private static int nth(JsonNode n) {
    if (!n.isNumber()) {
      throw error("replace", "argument 4 must be a number");
    }
    return n.asInt();
  }

  /** Go's strings.Replace: n < 0 replaces all. */
  private static String replace(String s, String old, String repl, int n) {
    if (n < 0) {
      return s.replace(old, repl);
    }
    StringBuilder sb = new StringBuilder();
    int from = 0;
    for (int i = 0; i < n; i++) {
      int at = s.indexOf(old, from);
      if (at < 0 || old.isEmpty()) {
        break;
      }
      sb.append(s, from, at).append(repl);
      from = at + old.length();
    }
    return sb.append(s.substring(from)).toString();
  }

  /** Go's strings.Trim: strips any of the cutset characters from both ends. */
  private static String trim(String s, String cutset) {
    int start = 0;
    int end = s.length();
    while (start < end && cutset.indexOf(s.charAt(start)) >= 0) {
      start++;
    }
    while (end > start && cutset.indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    return s.substring(start, end);
  }

  private static Pattern regex(String function, List<JsonNode> args, int i) {
    String r = text(function, args, i);
    if (r.length() > MAX_REGEX) {
      throw error(function, "regular expression longer than " + MAX_REGEX + " characters");
    }
    try {
      return Pattern.compile(r);
    } catch (PatternSyntaxException e) {
      throw error(function, "invalid regular expression: " + e.getDescription());
    }
  }

  /**
   * Go templates write {@code $1}/{@code ${1}}/{@code ${name}}; Java understands those, but a lone
   * {@code $} must be literal.
   */
  private static String goTemplate(String repl) {
    return repl.replaceAll("\\$(?![0-9{])", "\\\\\\$");
  }

  private static boolean labelMatch(JsonNode selector, JsonNode labels) {
    if (!selector.isObject() || !labels.isObject()) {
      throw error("label_match", "both arguments must be objects");
    }
    for (Map.Entry<String, JsonNode> e : selector.properties()) {
      JsonNode have = labels.get(e.getKey());
      if (have == null || !Values.sprint(have).equals(Values.sprint(e.getValue()))) {
        return false;
      }
    }
    return true;
  }

  /** Go's filepath.Clean on slash paths. */
  static String cleanPath(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    boolean rooted = path.startsWith("/");
    java.util.ArrayDeque<String> out = new java.util.ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!out.isEmpty() && !out.peekLast().equals("..")) {
          out.removeLast();
        } else if (!rooted) {
          out.addLast("..");
        }
      } else {
        out.addLast(part);
      }
    }
    String joined = String.join("/", out);
    return rooted ? "/" + joined : joined.isEmpty() ? "." : joined;
  }
}
