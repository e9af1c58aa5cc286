package dev.imagegate.cel.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.primitives.UnsignedLong;
import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Conversion between Jackson/plain Java values and cel-java's runtime values. cel-java fails on a
 * Java {@code null} inside an input map, so nulls become {@link NullValue#NULL_VALUE}.
 */
public final class CelValues {
  private CelValues() {}

  public static Object toCel(@Nullable Object value) {
    return switch (value) {
      case null -> NullValue.NULL_VALUE;
      case JsonNode n -> toCel(n);
      case Integer i -> i.longValue();
      case Short s -> s.longValue();
      case Byte b -> b.longValue();
      case Float f -> f.doubleValue();
      case BigInteger b -> b.bitLength() < 64 ? (Object) b.longValue() : b.doubleValue();
      case BigDecimal d -> d.doubleValue();
      case byte[] b -> CelByteString.of(b);
      case Map<?, ?> m -> {
        Map<Object, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(toCel(k), toCel(v)));
        yield out;
      }
      case List<?> l -> {
        List<Object> out = new ArrayList<>(l.size());
        l.forEach(v -> out.add(toCel(v)));
        yield out;
      }
      default -> value;
    };
  }

  public static Object toCel(JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          out.put(e.getKey(), toCel(e.getValue()));
        }
        return out;
      }
      case ARRAY -> {
        List<Object> out = new ArrayList<>(node.size());
        node.forEach(v -> out.add(toCel(v)));
        return out;
      }
      case STRING -> {
        return node.textValue();
      }
      case BOOLEAN -> {
        return node.booleanValue();
      }
      case NUMBER -> {
        if (node.isIntegralNumber()) {
          return node.canConvertToLong() ? (Object) node.longValue() : node.doubleValue();
        }
        return node.doubleValue();
      }
      case BINARY -> {
        try {
          return CelByteString.of(node.binaryValue());
        } catch (java.io.IOException e) {
          throw new IllegalStateException(e);
        }
      }
      default -> {
        return NullValue.NULL_VALUE; // NULL, MISSING, POJO
      }
    }
  }

  public static @Nullable Object fromCel(@Nullable Object value) {
    return switch (value) {
      case null -> null;
      case NullValue n -> null;
      case Optional<?> o -> o.isPresent() ? fromCel(o.get()) : null;
      case CelByteString b -> Base64.getEncoder().encodeToString(b.toByteArray());
      case com.google.protobuf.ByteString b -> Base64.getEncoder().encodeToString(b.toByteArray());
      case UnsignedLong u ->
          u.compareTo(UnsignedLong.valueOf(Long.MAX_VALUE)) <= 0
              ? (Object) u.longValue()
              : u.bigIntegerValue();
      case Integer i -> i.longValue();
      case Instant t -> formatTimestamp(t);
      case com.google.protobuf.Timestamp t ->
          formatTimestamp(Instant.ofEpochSecond(t.getSeconds(), t.getNanos()));
      case Duration d -> formatDuration(d);
      case com.google.protobuf.Duration d ->
          formatDuration(Duration.ofSeconds(d.getSeconds(), d.getNanos()));
      case Map<?, ?> m -> {
        Map<Object, @Nullable Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k instanceof UnsignedLong ? fromCel(k) : k, fromCel(v)));
        yield out;
      }
      case List<?> l -> {
        List<@Nullable Object> out = new ArrayList<>(l.size());
        l.forEach(v -> out.add(fromCel(v)));
        yield out;
      }
      default -> value;
    };
  }

  /** RFC 3339 with as many fractional digits as needed, as Go's {@code time.RFC3339Nano}. */
  public static String formatTimestamp(Instant t) {
    String whole = DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    if (t.getNano() == 0) {
      return whole;
    }
    String frac = String.format("%09d", t.getNano()).replaceAll("0+$", "");
    return whole.substring(0, whole.length() - 1) + "." + frac + "Z";
  }

  /** Seconds with 0, 3, 6 or 9 fractional digits and an {@code s} suffix, as protojson prints. */
  public static String formatDuration(Duration d) {
    long secs = d.getSeconds();
    int nanos = d.getNano();
    if (secs < 0 && nanos > 0) {
      secs += 1;
      nanos = 1_000_000_000 - nanos;
    }
    String sign = d.isNegative() && secs == 0 ? "-" : "";
    if (nanos == 0) {
      return sign + secs + "s";
    }
    String frac = String.format("%09d", nanos);
    if (nanos % 1_000_000 == 0) {
      frac = frac.substring(0, 3);
    } else if (nanos % 1_000 == 0) {
      frac = frac.substring(0, 6);
    }
    return sign + secs + "." + frac + "s";
  }
}
