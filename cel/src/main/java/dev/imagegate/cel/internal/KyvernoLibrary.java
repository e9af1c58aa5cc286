package dev.imagegate.cel.internal;

import static dev.imagegate.cel.internal.Functions.classes;
import static dev.imagegate.cel.internal.Functions.types;

import dev.cel.bundle.CelBuilder;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.CelByteString;
import dev.imagegate.cel.CelSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Kyverno's helper libraries registered for ImageValidatingPolicy (sdk extensions/cel/libs): hash,
 * json, yaml, time, math.round, transform.listObjToMap, gzip, random, user, and globalContext
 * (declared, but fails: imagegate has no GlobalContextEntry). Each namespaced function is declared
 * under its full name ({@code json.unmarshal}), which cel-java resolves like Kyverno's member calls
 * on its {@code json}/{@code yaml} variables.
 */
final class KyvernoLibrary {
  /** Bound on gzip.decompress output. */
  static final int MAX_DECOMPRESSED_BYTES = 4 << 20;

  private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  private KyvernoLibrary() {}

  static void register(CelBuilder b, CelSettings s) {
    Functions f = new Functions();
    hash(f);
    f.global(
        "json.unmarshal",
        "unmarshal_string_dyn",
        SimpleType.DYN,
        types(SimpleType.STRING),
        classes(String.class),
        a -> GoJson.unmarshal((String) a[0]));
    f.global(
        "json.marshal",
        "marshal_dyn_string",
        SimpleType.STRING,
        types(SimpleType.DYN),
        classes(Object.class),
        a -> GoJson.marshal(a[0]));
    f.global(
        "yaml.parse",
        "parse_string_dyn",
        SimpleType.DYN,
        types(SimpleType.STRING),
        classes(String.class),
        a -> GoJson.parseYaml((String) a[0]));
    time(f, s.clock());
    f.global(
        "math.round",
        "math_round_float_int",
        SimpleType.DOUBLE,
        types(SimpleType.DOUBLE, SimpleType.INT),
        classes(Double.class, Long.class),
        a -> round((Double) a[0], (Long) a[1]));
    for (String name : List.of("listObjToMap", "transform.listObjToMap")) {
      f.global(
          name,
          name.equals("listObjToMap") ? "list_obj_to_map_non_prefixed" : "list_obj_to_map_prefixed",
          MapType.create(SimpleType.STRING, SimpleType.DYN),
          types(
              ListType.create(SimpleType.DYN),
              ListType.create(SimpleType.DYN),
              SimpleType.STRING,
              SimpleType.STRING),
          classes(List.class, List.class, String.class, String.class),
          a -> listObjToMap((List<?>) a[0], (List<?>) a[1], (String) a[2], (String) a[3]));
    }
    f.global(
        "gzip.compress",
        "compress_any_bytes",
        SimpleType.BYTES,
        types(SimpleType.DYN),
        classes(Object.class),
        a -> gzip(a[0]));
    f.global(
        "gzip.decompress",
        "decompress_bytes_string",
        SimpleType.STRING,
        types(SimpleType.BYTES),
        classes(CelByteString.class),
        a -> gunzip((CelByteString) a[0]));
    RandomLibrary.register(f, s.random());
    for (String name : List.of("parseServiceAccount", "user.parseServiceAccount")) {
      f.global(
          name,
          name.startsWith("user.")
              ? "parse_service_account_string_prefixed"
              : "parse_service_account_string_non_prefixed",
          MapType.create(SimpleType.STRING, SimpleType.STRING),
          types(SimpleType.STRING),
          classes(String.class),
          a -> parseServiceAccount((String) a[0]));
    }
    for (String name : List.of("globalContext.get", "globalContext.Get")) {
      String suffix = name.endsWith("Get") ? "_pascal" : "";
      f.global(
          name,
          "global_context_get_string" + suffix,
          SimpleType.DYN,
          types(SimpleType.STRING),
          classes(String.class),
          a -> {
            throw globalContextUnsupported();
          });
      f.global(
          name,
          "global_context_get_string_string" + suffix,
          SimpleType.DYN,
          types(SimpleType.STRING, SimpleType.STRING),
          classes(String.class, String.class),
          a -> {
            throw globalContextUnsupported();
          });
    }
    f.install(b);
  }

  private static RuntimeException globalContextUnsupported() {
    return CelErrors.error(
        "globalContext.get is not supported by imagegate (there are no GlobalContextEntry"
            + " resources); use a variable or http with an allowed host instead");
  }

  private static void hash(Functions f) {
    for (String alg : List.of("sha1", "sha256", "md5")) {
      String jca =
          switch (alg) {
            case "sha1" -> "SHA-1";
            case "sha256" -> "SHA-256";
            default -> "MD5";
          };
      for (String name : List.of(alg, "hash." + alg)) {
        f.global(
            name,
            alg + "_string_" + (name.startsWith("hash.") ? "prefixed" : "non_prefixed"),
            SimpleType.STRING,
            types(SimpleType.STRING),
            classes(String.class),
            a -> hex(jca, (String) a[0]));
      }
    }
  }

  private static String hex(String alg, String s) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance(alg).digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("Immutable") // Clock implementations are immutable by contract
  private static void time(Functions f, Clock clock) {
    f.global(
        "time.now", "time_now", SimpleType.TIMESTAMP, types(), classes(), a -> clock.instant());
    f.global(
        "time.toCron",
        "time_to_cron",
        SimpleType.STRING,
        types(SimpleType.TIMESTAMP),
        classes(Instant.class),
        a -> dev.imagegate.base.CronText.of((Instant) a[0]));
    f.global(
        "time.truncate",
        "time_truncate",
        SimpleType.TIMESTAMP,
        types(SimpleType.TIMESTAMP, SimpleType.DURATION),
        classes(Instant.class, Duration.class),
        a -> truncate((Instant) a[0], (Duration) a[1]));
  }

  /** Go's {@code Time.Truncate}: round down to a multiple of d since Go's zero time. */
  static Instant truncate(Instant t, Duration d) {
    if (d.isNegative() || d.isZero()) {
      return t;
    }
    BigInteger nanos =
        BigInteger.valueOf(Duration.between(GO_ZERO_TIME, t).getSeconds())
            .multiply(BigInteger.valueOf(1_000_000_000))
            .add(BigInteger.valueOf(Duration.between(GO_ZERO_TIME, t).getNano()));
    BigInteger step = BigInteger.valueOf(d.toNanos());
    BigInteger down = nanos.subtract(nanos.mod(step));
    BigInteger[] sn = down.divideAndRemainder(BigInteger.valueOf(1_000_000_000));
    return GO_ZERO_TIME.plusSeconds(sn[0].longValueExact()).plusNanos(sn[1].longValue());
  }

  /** Go's {@code math.Round(v*10^p) / 10^p} (halves away from zero). */
  static double round(double v, long p) {
    double shift = Math.pow(10, p);
    double x = v * shift;
    double r = Math.signum(x) * Math.floor(Math.abs(x) + 0.5);
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      r = x;
    }
    return r / shift;
  }

  static Map<String, Object> listObjToMap(List<?> keys, List<?> values, String key, String value) {
    if (keys.size() != values.size()) {
      throw CelErrors.error(
          "listObjToMap must take lists of equal length. list1: %d, list2: %d",
          keys.size(), values.size());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      if (!(keys.get(i) instanceof Map<?, ?> k) || !(k.get(key) instanceof String ks)) {
        throw CelErrors.error(
            "the passed key name cannot be handled as a string in the key object list");
      }
      if (!(values.get(i) instanceof Map<?, ?> v)) {
        throw CelErrors.error(
            "object cannot be handled as a map string to any in the value object list");
      }
      Object val = v.get(value);
      out.put(ks, val == null ? dev.cel.common.values.NullValue.NULL_VALUE : val);
    }
    return out;
  }

  private static CelByteString gzip(Object v) {
    if (!(v instanceof String s)) {
      throw CelErrors.error("type conversion error from '%s' to 'string'", CelTypes.name(v));
    }
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(buf)) {
      out.write(s.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return CelByteString.of(buf.toByteArray());
  }

  private static String gunzip(CelByteString b) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(b.toByteArray()))) {
      byte[] out = in.readNBytes(MAX_DECOMPRESSED_BYTES + 1);
      if (out.length > MAX_DECOMPRESSED_BYTES) {
        throw CelErrors.error(
            "gzip: decompressed data larger than %d bytes", MAX_DECOMPRESSED_BYTES);
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw CelErrors.error("gzip: invalid header");
    }
  }

  /** {@code system:serviceaccount:<ns>:<name>}; other users give empty fields, as Kyverno. */
  static Map<String, String> parseServiceAccount(String user) {
    String ns = "";
    String name = "";
    String prefix = "system:serviceaccount:";
    if (user.startsWith(prefix)) {
      String rest = user.substring(prefix.length());
      int sep = rest.indexOf(':');
      if (sep >= 0) {
        ns = rest.substring(0, sep);
        name = rest.substring(sep + 1);
      }
    }
    Map<String, String> sa = new LinkedHashMap<>();
    sa.put("Name", name);
    sa.put("Namespace", ns);
    return sa;
  }
}
