package dev.imagegate.cel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.bundle.CelBuilder;
import dev.cel.common.CelOptions;
import dev.imagegate.cel.internal.CelValues;
import dev.imagegate.cel.internal.Environment;
import org.jspecify.annotations.Nullable;

/**
 * Entry point of the CEL environment of Kyverno's ImageValidatingPolicy. See the package
 * documentation for the full contract.
 */
public final class PolicyCel {
  private PolicyCel() {}

  /** {@link #newBuilder(CelSettings)} with {@link CelSettings#defaults()}. */
  public static CelBuilder newBuilder() {
    return newBuilder(CelSettings.defaults());
  }

  /**
   * A cel-java planner builder ({@code CelFactory.plannerCelBuilder()}, the runtime that supports
   * late-bound per-request functions) with Kyverno's ivpol options ({@link #options}) and every
   * library of the environment declared and bound. Callers add their variables, their functions
   * (bindings or {@code addLateBoundFunctions}), then {@code build()}. Callers must not call {@code
   * setOptions} with options other than {@link #options(CelSettings)} (it would drop the bounds).
   */
  public static CelBuilder newBuilder(CelSettings settings) {
    return Environment.newBuilder(settings);
  }

  /** The cel-java options of the environment (Kyverno's DefaultEnvOptions plus the bounds). */
  public static CelOptions options(CelSettings settings) {
    return Environment.options(settings);
  }

  /**
   * Jackson tree or plain Java ({@code Map}, {@code List}, {@code String}, {@code Long}/{@code
   * Integer}, {@code Double}/{@code Float}, {@code Boolean}, {@code byte[]}, {@code null}) to a CEL
   * input value: null becomes {@code NullValue.NULL_VALUE} at every depth, integers become {@code
   * Long}, floats {@code Double}, bytes {@code CelByteString}, maps and lists are copied
   * recursively (insertion order kept). Other objects are passed through unchanged.
   */
  public static Object toCel(@Nullable Object value) {
    return CelValues.toCel(value);
  }

  /** Jackson tree to a CEL input value (see {@link #toCel(Object)}). */
  public static Object toCel(JsonNode node) {
    return CelValues.toCel(node);
  }

  /**
   * CEL result to plain Java/JSON values: {@code Optional} is unwrapped (empty to null), {@code
   * NullValue} to null, {@code CelByteString} to base64 text (as Go's JSON encodes {@code []byte}),
   * timestamps to RFC 3339 text with nanoseconds as needed, durations to seconds text ({@code
   * "1.5s"}), unsigned integers to {@code Long} when they fit (else {@code BigInteger}), maps and
   * lists recursively. Opaque values (for example a parsed image) are returned unchanged.
   */
  public static @Nullable Object fromCel(@Nullable Object value) {
    return CelValues.fromCel(value);
  }
}
