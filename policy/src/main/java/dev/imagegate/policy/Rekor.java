package dev.imagegate.policy;

import org.jspecify.annotations.Nullable;

/**
 * Transparency log settings of an attestor; {@code url} null means the engine's default (public
 * Rekor).
 */
public record Rekor(@Nullable String url, @Nullable String pubkey, boolean ignoreTlog) {}
