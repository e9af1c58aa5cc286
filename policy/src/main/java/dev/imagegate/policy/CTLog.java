package dev.imagegate.policy;

import org.jspecify.annotations.Nullable;

/** Certificate transparency and timestamp authority settings of an attestor. */
public record CTLog(@Nullable String pubkey, boolean ignoreSCT, @Nullable String tsaCertChain) {}
