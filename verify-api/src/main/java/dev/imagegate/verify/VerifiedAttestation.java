package dev.imagegate.verify;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * An attestation whose signature and subject were verified: its predicate type, the payload the
 * policy conditions see (the in-toto predicate for cosign; the signed referrer's JSON payload for
 * Notary), and who signed.
 */
public record VerifiedAttestation(
    String predicateType, JsonNode predicate, @Nullable JsonNode statement, String signer) {}
