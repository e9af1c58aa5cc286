package dev.imagegate.notation.internal;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.jspecify.annotations.Nullable;

/**
 * One certificate's revocation question, asked the same way of OCSP and of CRLs: the certificate,
 * its issuer (which must sign the answer), the time the answer must be valid at, and the authentic
 * signing time when the signature has one.
 */
record RevocationQuery(
    X509Certificate cert, X509Certificate issuer, Instant now, @Nullable Instant signingTime) {
  /**
   * Notation's rule for both protocols: a certificate revoked with an invalidity date after the
   * authentic signing time still vouches for that signature.
   */
  boolean invalidOnlyAfterSigning(Date invalidity) {
    return signingTime != null && signingTime.isBefore(invalidity.toInstant());
  }
}
