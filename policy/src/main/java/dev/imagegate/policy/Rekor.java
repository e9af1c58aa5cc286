package dev.imagegate.policy;

/**
 * Transparency log settings of an attestor; {@code url} null means the engine's default (public
 * Rekor).
 */
public record Rekor(String url, String pubkey, boolean ignoreTlog) {}
