package dev.imagegate.notation.internal;

import dev.imagegate.notation.NotaryResult.VerifiedTimestamp;
import dev.imagegate.notation.RevocationChecker;
import dev.imagegate.notation.RevocationResult;
import dev.imagegate.notation.RevocationStatus;
import dev.imagegate.notation.TrustPolicyStatement;
import dev.imagegate.notation.TrustPolicyStatement.TrustStoreRef;
import dev.imagegate.notation.TrustStore;
import dev.imagegate.notation.TrustStoreType;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The authentic-timestamp step: at which trusted time must the signing chain have been valid? For
 * {@code notary.x509.signingAuthority} the signed authentic signing time; for {@code notary.x509}
 * an RFC 3161 countersignature when the policy has a {@code tsa} store (and {@code verifyTimestamp}
 * asks for it), otherwise the current time.
 */
public final class AuthenticTimestampCheck {
  /** RFC 1123 style, as notation prints times in these messages. */
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** The verified timestamp (may be null when none was evaluated) or the failure. */
  public record Result(@Nullable VerifiedTimestamp timestamp, @Nullable String error) {}

  private AuthenticTimestampCheck() {}

  public static Result check(
      Envelope env,
      TrustPolicyStatement statement,
      TrustStore store,
      Instant now,
      RevocationChecker revocation) {
    List<X509Certificate> chain = env.chain();
    if (SignedAttributes.SCHEME_SIGNING_AUTHORITY.equals(env.signed().signingScheme())) {
      // the parser requires the authentic signing time under the signing-authority scheme
      Instant signed = Objects.requireNonNull(env.signed().authenticSigningTime());
      for (X509Certificate c : chain) {
        if (signed.isBefore(c.getNotBefore().toInstant())
            || signed.isAfter(c.getNotAfter().toInstant())) {
          return fail(
              "certificate \""
                  + CertificateRules.subject(c)
                  + "\" was not valid when the digital signature was"
                  + " produced at \""
                  + TIME.format(signed)
                  + "\"");
        }
      }
      return new Result(null, null);
    }
    boolean hasTsa = !statement.trustStores(TrustStoreType.TSA).isEmpty();
    boolean evaluate =
        hasTsa
            && (statement.verifyTimestamp() == TrustPolicyStatement.VerifyTimestamp.ALWAYS
                || chain.stream().anyMatch(c -> now.isAfter(c.getNotAfter().toInstant())));
    if (!evaluate) {
      for (X509Certificate c : chain) {
        if (now.isBefore(c.getNotBefore().toInstant())) {
          return fail(
              "verification time is before certificate \""
                  + CertificateRules.subject(c)
                  + "\" validity period,"
                  + " it will be valid from \""
                  + TIME.format(c.getNotBefore().toInstant())
                  + "\"");
        }
        if (now.isAfter(c.getNotAfter().toInstant())) {
          return fail(
              "verification time is after certificate \""
                  + CertificateRules.subject(c)
                  + "\" validity period,"
                  + " it was expired at \""
                  + TIME.format(c.getNotAfter().toInstant())
                  + "\"");
        }
      }
      return new Result(null, null);
    }
    return verifyTimestamp(env, statement, store, revocation);
  }

  private static Result verifyTimestamp(
      Envelope env,
      TrustPolicyStatement statement,
      TrustStore store,
      RevocationChecker revocation) {
    if (env.timestampToken() == null) {
      return fail("no timestamp countersignature was found in the signature envelope");
    }
    TimestampToken.Parse parsed = TimestampToken.parse(env.timestampToken());
    if (parsed.error() != null) {
      return fail("failed to parse timestamp countersignature: " + parsed.error());
    }
    // results without an error carry their values
    TimestampToken token = Objects.requireNonNull(parsed.token());
    TimestampToken.Info info = token.info(env.signature());
    if (info.error() != null) {
      return fail("timestamp countersignature is invalid: " + info.error());
    }
    LinkedHashSet<X509Certificate> roots = new LinkedHashSet<>();
    for (TrustStoreRef ref : statement.trustStores(TrustStoreType.TSA)) {
      roots.addAll(store.certificates(ref.type(), ref.name()));
    }
    Instant genTime = Objects.requireNonNull(info.genTime());
    java.time.Duration accuracy = Objects.requireNonNull(info.accuracy());
    TimestampToken.Verification v = token.verify(new ArrayList<>(roots), genTime);
    if (v.error() != null) {
      return fail("failed to verify the timestamp countersignature: " + v.error());
    }
    List<X509Certificate> tsaCertificates = Objects.requireNonNull(v.chain());
    Optional<String> tsaChain =
        CertificateRules.validateChain(
            tsaCertificates, CertificateRules.Purpose.TIMESTAMPING, null);
    if (tsaChain.isPresent()) {
      return fail("timestamp certificate chain is invalid: " + tsaChain.get());
    }
    Instant lower = genTime.minus(accuracy);
    Instant upper = genTime.plus(accuracy);
    for (X509Certificate c : env.chain()) {
      if (lower.isBefore(c.getNotBefore().toInstant())) {
        return fail(
            "timestamp can be before certificate \""
                + CertificateRules.subject(c)
                + "\" validity period, it will"
                + " be valid from \""
                + TIME.format(c.getNotBefore().toInstant())
                + "\"");
      }
      if (upper.isAfter(c.getNotAfter().toInstant())) {
        return fail(
            "timestamp can be after certificate \""
                + CertificateRules.subject(c)
                + "\" validity period, it was"
                + " expired at \""
                + TIME.format(c.getNotAfter().toInstant())
                + "\"");
      }
    }
    // The TSA chain is always checked for revocation once a timestamp is relied on; the policy
    // cannot skip it.
    RevocationResult r =
        revocation.check(tsaCertificates, RevocationChecker.Purpose.TIMESTAMPING, null);
    if (r.status() != RevocationStatus.GOOD) {
      X509Certificate c = r.firstWithStatus();
      return fail(
          "timestamping certificate with subject \""
              + (c == null ? "?" : CertificateRules.subject(c))
              + "\" "
              + (r.status() == RevocationStatus.REVOKED
                  ? "is revoked"
                  : "revocation status is unknown"));
    }
    // checks without an error carry their values
    return new Result(new VerifiedTimestamp(genTime, accuracy, tsaCertificates), null);
  }

  private static Result fail(String reason) {
    return new Result(null, reason);
  }
}
