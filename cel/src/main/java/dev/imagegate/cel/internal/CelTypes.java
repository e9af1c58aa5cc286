package dev.imagegate.cel.internal;

import com.google.common.primitives.UnsignedLong;
import dev.cel.common.types.CelType;
import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** CEL type names of cel-java runtime values, for error messages worded as cel-go's. */
final class CelTypes {
  private CelTypes() {}

  static String name(@Nullable Object v) {
    return switch (v) {
      case null -> "null_type";
      case String s -> "string";
      case Long l -> "int";
      case UnsignedLong u -> "uint";
      case Double d -> "double";
      case Boolean b -> "bool";
      case CelByteString b -> "bytes";
      case NullValue n -> "null_type";
      case Instant t -> "google.protobuf.Timestamp";
      case Duration d -> "google.protobuf.Duration";
      case CelType t -> "type";
      case List<?> l -> "list";
      case Map<?, ?> m -> "map";
      case Optional<?> o -> "optional_type";
      default -> v.getClass().getSimpleName();
    };
  }
}
