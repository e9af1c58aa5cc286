package dev.imagegate.policy;

/** Certificate transparency and timestamp authority settings of an attestor. */
public record CTLog(String pubkey, boolean ignoreSCT, String tsaCertChain) {}
