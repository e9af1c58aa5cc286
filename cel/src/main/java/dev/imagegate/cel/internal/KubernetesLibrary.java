package dev.imagegate.cel.internal;

import static dev.imagegate.cel.internal.Functions.classes;
import static dev.imagegate.cel.internal.Functions.types;

import com.google.common.primitives.UnsignedLong;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cel.bundle.CelBuilder;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.TypeParamType;
import dev.cel.common.values.CelByteString;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kubernetes CEL libraries URLs, Quantity, Lists and Regex ({@code
 * k8s.io/apiserver/pkg/cel/library} as k8s.io/apiserver v0.36 declares them, the overloads
 * included: a list function on the wrong element type and {@code quantity.sign()} (a global
 * function in Kubernetes) are compile errors, as there.
 */
final class KubernetesLibrary {
  static final OpaqueType URL = OpaqueType.create("kubernetes.URL");
  static final OpaqueType QUANTITY = OpaqueType.create("kubernetes.Quantity");
  private static final TypeParamType A = TypeParamType.create("A");

  private KubernetesLibrary() {}

  static void register(CelBuilder b, int maxRegexProgramSize) {
    Functions f = new Functions();
    urls(f);
    quantity(f);
    lists(f);
    regex(f, maxRegexProgramSize);
    f.install(b);
  }

  private static void urls(Functions f) {
    f.global(
        "url",
        "string_to_url",
        URL,
        types(SimpleType.STRING),
        classes(String.class),
        a -> {
          try {
            return GoUrl.parse((String) a[0]);
          } catch (IllegalArgumentException e) {
            throw CelErrors.error(
                "URL parse error during conversion from string: " + e.getMessage());
          }
        });
    f.global(
        "isURL",
        "is_url_string",
        SimpleType.BOOL,
        types(SimpleType.STRING),
        classes(String.class),
        a -> GoUrl.isValid((String) a[0]));
    urlGetter(f, "getScheme", "url_get_scheme", 0);
    urlGetter(f, "getHost", "url_get_host", 1);
    urlGetter(f, "getHostname", "url_get_hostname", 2);
    urlGetter(f, "getPort", "url_get_port", 3);
    urlGetter(f, "getEscapedPath", "url_get_escaped_path", 4);
    f.member(
        "getQuery",
        "url_get_query",
        MapType.create(SimpleType.STRING, ListType.create(SimpleType.STRING)),
        types(URL),
        classes(GoUrl.class),
        a -> ((GoUrl) a[0]).query());
  }

  private static void urlGetter(Functions f, String name, String id, int which) {
    f.member(
        name,
        id,
        SimpleType.STRING,
        types(URL),
        classes(GoUrl.class),
        a -> {
          GoUrl u = (GoUrl) a[0];
          return switch (which) {
            case 0 -> u.scheme();
            case 1 -> u.host();
            case 2 -> u.hostname();
            case 3 -> u.port();
            default -> u.escapedPath();
          };
        });
  }

  private static void quantity(Functions f) {
    f.global(
        "quantity",
        "string_to_quantity",
        QUANTITY,
        types(SimpleType.STRING),
        classes(String.class),
        a -> {
          try {
            return Quantity.parse((String) a[0]);
          } catch (IllegalArgumentException e) {
            throw CelErrors.error(String.valueOf(e.getMessage()));
          }
        });
    f.global(
        "isQuantity",
        "is_quantity_string",
        SimpleType.BOOL,
        types(SimpleType.STRING),
        classes(String.class),
        a -> {
          try {
            Quantity.parse((String) a[0]);
            return true;
          } catch (IllegalArgumentException e) {
            return false;
          }
        });
    // Kubernetes declares sign as a global overload only: its documentation shows
    // quantity(..).sign(), which cel-go's checker refuses as a member call, so that is a compile
    // error here too. mul, div and divInt are not declared: kubernetes#135995 (not in v0.36).
    f.global(
        "sign",
        "quantity_sign",
        SimpleType.INT,
        types(QUANTITY),
        classes(Quantity.class),
        a -> (long) ((Quantity) a[0]).sign());
    qq(f, "isGreaterThan", "quantity_is_greater_than", SimpleType.BOOL, 0);
    qq(f, "isLessThan", "quantity_is_less_than", SimpleType.BOOL, 1);
    qq(f, "compareTo", "quantity_compare_to", SimpleType.INT, 2);
    qq(f, "add", "quantity_add", QUANTITY, 3);
    qq(f, "sub", "quantity_sub", QUANTITY, 4);
    f.member(
        "add",
        "quantity_add_int",
        QUANTITY,
        types(QUANTITY, SimpleType.INT),
        classes(Quantity.class, Long.class),
        a -> ((Quantity) a[0]).add(new Quantity(BigDecimal.valueOf((Long) a[1]))));
    f.member(
        "sub",
        "quantity_sub_int",
        QUANTITY,
        types(QUANTITY, SimpleType.INT),
        classes(Quantity.class, Long.class),
        a -> ((Quantity) a[0]).sub(new Quantity(BigDecimal.valueOf((Long) a[1]))));
    f.member(
        "asApproximateFloat",
        "quantity_get_float",
        SimpleType.DOUBLE,
        types(QUANTITY),
        classes(Quantity.class),
        a -> ((Quantity) a[0]).asApproximateFloat());
    f.member(
        "asInteger",
        "quantity_get_int",
        SimpleType.INT,
        types(QUANTITY),
        classes(Quantity.class),
        a -> ((Quantity) a[0]).asInteger());
    f.member(
        "isInteger",
        "quantity_is_integer",
        SimpleType.BOOL,
        types(QUANTITY),
        classes(Quantity.class),
        a -> ((Quantity) a[0]).isInteger());
  }

  private static void qq(
      Functions f, String name, String id, dev.cel.common.types.CelType r, int op) {
    f.member(
        name,
        id,
        r,
        types(QUANTITY, QUANTITY),
        classes(Quantity.class, Quantity.class),
        a -> {
          Quantity x = (Quantity) a[0];
          Quantity y = (Quantity) a[1];
          return switch (op) {
            case 0 -> x.compareTo(y) > 0;
            case 1 -> x.compareTo(y) < 0;
            case 2 -> (long) Integer.signum(x.compareTo(y));
            case 3 -> x.add(y);
            default -> x.sub(y);
          };
        });
  }

  /** Kubernetes' {@code summableTypes}. */
  private static final List<ElementType> SUMMABLE =
      List.of(
          new ElementType("int", SimpleType.INT),
          new ElementType("uint", SimpleType.UINT),
          new ElementType("double", SimpleType.DOUBLE),
          new ElementType("duration", SimpleType.DURATION));

  /** Kubernetes' {@code comparableTypes}, in its order. */
  private static final List<ElementType> COMPARABLE =
      List.of(
          new ElementType("int", SimpleType.INT),
          new ElementType("uint", SimpleType.UINT),
          new ElementType("double", SimpleType.DOUBLE),
          new ElementType("bool", SimpleType.BOOL),
          new ElementType("duration", SimpleType.DURATION),
          new ElementType("timestamp", SimpleType.TIMESTAMP),
          new ElementType("string", SimpleType.STRING),
          new ElementType("bytes", SimpleType.BYTES));

  /** The element type of a per-type list overload, named as in Kubernetes' overload ids. */
  private record ElementType(String name, CelType type) {}

  /** The value {@code [].sum()} has for a summable element type (Kubernetes' zero values). */
  private static Object zero(String elementType) {
    return switch (elementType) {
      case "uint" -> UnsignedLong.ZERO;
      case "double" -> 0.0d;
      case "duration" -> Duration.ZERO;
      default -> 0L;
    };
  }

  /**
   * Kubernetes declares {@code sum}, {@code min}, {@code max} and {@code isSorted} once per element
   * type ({@code list(string).sum()} is a compile error) and {@code indexOf}/{@code lastIndexOf} on
   * {@code list(A), A}; the overload ids are Kubernetes'. Every per-type overload binds one generic
   * implementation: a {@code dyn} list (JSON input) keeps all overloads after type checking and is
   * dispatched by its Java class, which is the same for every list.
   */
  private static void lists(Functions f) {
    for (ElementType e : COMPARABLE) {
      ListType list = ListType.create(e.type());
      f.member(
          "isSorted",
          "list_" + e.name() + "_is_sorted_bool",
          SimpleType.BOOL,
          types(list),
          classes(List.class),
          a -> isSorted((List<?>) a[0]));
      f.member(
          "min",
          "list_" + e.name() + "_min_" + e.name(),
          e.type(),
          types(list),
          classes(List.class),
          a -> extreme((List<?>) a[0], -1));
      f.member(
          "max",
          "list_" + e.name() + "_max_" + e.name(),
          e.type(),
          types(list),
          classes(List.class),
          a -> extreme((List<?>) a[0], 1));
    }
    for (ElementType e : SUMMABLE) {
      String element = e.name();
      f.member(
          "sum",
          "list_" + e.name() + "_sum_" + e.name(),
          e.type(),
          types(ListType.create(e.type())),
          classes(List.class),
          a -> sum((List<?>) a[0], zero(element)));
    }
    f.member(
        "indexOf",
        "list_a_index_of_int",
        SimpleType.INT,
        types(ListType.create(A), A),
        classes(List.class, Object.class),
        a -> (long) ((List<?>) a[0]).indexOf(a[1]));
    f.member(
        "lastIndexOf",
        "list_a_last_index_of_int",
        SimpleType.INT,
        types(ListType.create(A), A),
        classes(List.class, Object.class),
        a -> (long) ((List<?>) a[0]).lastIndexOf(a[1]));
    // indexOf/lastIndexOf keep one overload each: the strings extension binds those names for
    // dispatch (a dyn receiver with a string argument fits both libraries), and cel-java keeps
    // the first binding of a name (see Functions.install).
  }

  private static boolean isSorted(List<?> l) {
    for (int i = 1; i < l.size(); i++) {
      if (compare(l.get(i - 1), l.get(i)) > 0) {
        return false;
      }
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  static int compare(Object x, Object y) {
    if (x instanceof Number && y instanceof Number && x.getClass() != y.getClass()) {
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
    }
    if (x instanceof CelByteString s && y instanceof CelByteString t) {
      return CelByteString.unsignedLexicographicalComparator().compare(s, t);
    }
    if (x.getClass() != y.getClass() || !(x instanceof Comparable<?>)) {
      throw CelErrors.error(
          "no such overload: comparison of %s and %s", CelTypes.name(x), CelTypes.name(y));
    }
    if (x instanceof String s && y instanceof String t) {
      return s.compareTo(t);
    }
    return ((Comparable<Object>) x).compareTo(y);
  }

  /**
   * The sum of a list; {@code zero} (the declared element type's zero) for an empty one. A
   * non-empty list is summed from its first element, so a {@code dyn} list of doubles sums to a
   * double whichever overload the dispatch picked.
   */
  private static Object sum(List<?> l, Object zero) {
    if (l.isEmpty()) {
      return zero;
    }
    Object acc = l.get(0);
    for (int i = 1; i < l.size(); i++) {
      Object v = l.get(i);
      acc =
          switch (acc) {
            case Long x when v instanceof Long y -> Math.addExact(x, y);
            case Double x when v instanceof Double y -> x + y;
            case UnsignedLong x when v instanceof UnsignedLong y -> x.plus(y);
            case Duration x when v instanceof Duration y -> x.plus(y);
            default ->
                throw CelErrors.error(
                    "no such overload: sum of %s and %s", CelTypes.name(acc), CelTypes.name(v));
          };
    }
    if (!(acc instanceof Long
        || acc instanceof Double
        || acc instanceof UnsignedLong
        || acc instanceof Duration)) {
      throw CelErrors.error("no such overload: sum of list(%s)", CelTypes.name(acc));
    }
    return acc;
  }

  private static Object extreme(List<?> l, int sign) {
    if (l.isEmpty()) {
      throw CelErrors.error("%s called on empty list", sign < 0 ? "min" : "max");
    }
    Object best = l.get(0);
    if (!(best instanceof Comparable<?>) && !(best instanceof CelByteString)) {
      throw CelErrors.error("no such overload: %s", CelTypes.name(best));
    }
    for (Object v : l) {
      if (Integer.signum(compare(v, best)) == sign) {
        best = v;
      }
    }
    return best;
  }

  private static void regex(Functions f, int maxProgramSize) {
    f.member(
        "find",
        "string_find_string",
        SimpleType.STRING,
        types(SimpleType.STRING, SimpleType.STRING),
        classes(String.class, String.class),
        a -> {
          Matcher m = compile((String) a[1], maxProgramSize).matcher((String) a[0]);
          return m.find() ? m.group() : "";
        });
    f.member(
        "findAll",
        "string_find_all_string",
        ListType.create(SimpleType.STRING),
        types(SimpleType.STRING, SimpleType.STRING),
        classes(String.class, String.class),
        a -> findAll((String) a[0], (String) a[1], -1, maxProgramSize));
    f.member(
        "findAll",
        "string_find_all_string_int",
        ListType.create(SimpleType.STRING),
        types(SimpleType.STRING, SimpleType.STRING, SimpleType.INT),
        classes(String.class, String.class, Long.class),
        a -> findAll((String) a[0], (String) a[1], (Long) a[2], maxProgramSize));
  }

  private static List<String> findAll(String s, String re, long limit, int maxProgramSize) {
    List<String> out = new ArrayList<>();
    if (limit == 0) {
      return out;
    }
    Matcher m = compile(re, maxProgramSize).matcher(s);
    while (m.find() && (limit < 0 || out.size() < limit)) {
      out.add(m.group());
    }
    return out;
  }

  static Pattern compile(String re, int maxProgramSize) {
    try {
      Pattern p = Pattern.compile(re);
      if (p.programSize() > maxProgramSize) {
        throw CelErrors.error(
            "regex program size %d exceeds the limit %d", p.programSize(), maxProgramSize);
      }
      return p;
    } catch (PatternSyntaxException e) {
      throw CelErrors.error("error parsing regexp: %s", e.getDescription());
    }
  }
}
