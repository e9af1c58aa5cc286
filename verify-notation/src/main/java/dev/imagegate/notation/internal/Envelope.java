package dev.imagegate.notation.internal;

import java.security.cert.X509Certificate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A parsed, not yet verified, Notary signature envelope: what the JWS and COSE parsers both
 * produce.
 *
 * @param mediaType {@code application/jose+json} or {@code application/cose}
 * @param algorithm the {@code alg} of the protected header
 * @param payload the raw payload bytes (JSON)
 * @param signingInput the bytes the signature covers (JWS compact input, COSE Sig_structure)
 * @param signature the primitive signature; also what an RFC 3161 timestamp countersigns
 * @param chain unsigned certificate chain, leaf first
 * @param timestampToken DER TimeStampToken from the unsigned header, or null
 * @param signingAgent free text, never validated, or null
 */
public record Envelope(
    String mediaType,
    NotaryAlgorithm algorithm,
    SignedAttributes signed,
    byte[] payload,
    byte[] signingInput,
    byte[] signature,
    List<X509Certificate> chain,
    byte @Nullable [] timestampToken,
    @Nullable String signingAgent) {
  public Envelope {
    chain = List.copyOf(chain);
  }

  public X509Certificate leaf() {
    return chain.get(0);
  }
}
