package dev.imagegate.cel.internal;

import static dev.imagegate.cel.internal.Functions.classes;
import static dev.imagegate.cel.internal.Functions.types;

import com.google.common.primitives.UnsignedLong;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cel.bundle.CelBuilder;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.TypeParamType;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kubernetes CEL libraries URLs, Quantity, Lists and Regex ({@code
 * k8s.io/apiserver/pkg/cel/library}). The list functions are declared on {@code list(T)} (one
 * overload each) instead of Kubernetes' per-element-type overloads: cel-java dispatches on the Java
 * class at runtime and would find per-type list overloads ambiguous for {@code dyn} lists, which is
 * what JSON input gives. The element type is checked at evaluation instead.
 */
final class KubernetesLibrary {
  static final OpaqueType URL = OpaqueType.create("kubernetes.URL");
  static final OpaqueType QUANTITY = OpaqueType.create("kubernetes.Quantity");
  private static final TypeParamType T = TypeParamType.create("T");

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
    // Kubernetes declares sign as a global overload; its documentation shows the member form.
    f.global(
        "sign",
        "quantity_sign",
        SimpleType.INT,
        types(QUANTITY),
        classes(Quantity.class),
        a -> (long) ((Quantity) a[0]).sign());
    f.member(
        "sign",
        "quantity_sign_member",
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

  private static void lists(Functions f) {
    ListType listT = ListType.create(T);
    f.member(
        "isSorted",
        "list_is_sorted",
        SimpleType.BOOL,
        types(listT),
        classes(List.class),
        a -> {
          List<?> l = (List<?>) a[0];
          for (int i = 1; i < l.size(); i++) {
            if (compare(l.get(i - 1), l.get(i)) > 0) {
              return false;
            }
          }
          return true;
        });
    f.member("sum", "list_sum", T, types(listT), classes(List.class), a -> sum((List<?>) a[0]));
    f.member(
        "min", "list_min", T, types(listT), classes(List.class), a -> extreme((List<?>) a[0], -1));
    f.member(
        "max", "list_max", T, types(listT), classes(List.class), a -> extreme((List<?>) a[0], 1));
    f.member(
        "indexOf",
        "list_index_of",
        SimpleType.INT,
        types(listT, T),
        classes(List.class, Object.class),
        a -> (long) ((List<?>) a[0]).indexOf(a[1]));
    f.member(
        "lastIndexOf",
        "list_last_index_of",
        SimpleType.INT,
        types(listT, T),
        classes(List.class, Object.class),
        a -> (long) ((List<?>) a[0]).lastIndexOf(a[1]));
  }

  @SuppressWarnings("unchecked")
  static int compare(Object x, Object y) {
    if (x instanceof Number && y instanceof Number && x.getClass() != y.getClass()) {
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
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

  private static Object sum(List<?> l) {
    if (l.isEmpty()) {
      return 0L;
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
    if (!(best instanceof Comparable<?>)) {
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
