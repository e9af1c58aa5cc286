package dev.imagegate.policy;

import org.jspecify.annotations.Nullable;

/**
 * {@code imageExtractors.<Kind>[]}: where images live in a custom resource. {@code path} is a
 * JSON-pointer-like path where {@code *} walks every array element or map value; {@code value}
 * names the field holding the image (default {@code image}); {@code key} names the field giving the
 * entry's name; {@code jmesPath} transforms the value.
 */
public record ImageExtractor(
    String name,
    String path,
    String value,
    @Nullable String key,
    @Nullable String jmesPath,
    Location location) {}
