package dev.imagegate.notation.internal;

import dev.imagegate.base.Result;
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

  private AuthenticTimestampCheck() {}

  /**
   * The verified RFC 3161 timestamp the chain was checked at (empty when the step relied on the
   * signed signing time or the current time), or why the step failed.
   */
  public static Result<Optional<VerifiedTimestamp>> check(
      Envelope env,
      TrustPolicyStatement statement,
      TrustStore store,
      Instant now,
      RevocationChecker revocation) {
    List<X509Certificate> chain = env.chain();
    if (SignedAttributes.SCHEME_SIGNING_AUTHORITY.equals(env.signed().signingScheme())) {
      // EnvelopeParser refuses a signingAuthority envelope without an authentic signing time
      Instant signed =
          Objects.requireNonNull(
              env.signed().authenticSigningTime(), "authentic signing time of signingAuthority");
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
      return Result.ok(Optional.empty());
    }
    boolean hasTsa = !statement.trustStores(TrustStoreType.TSA).isEmpty();
    boolean evaluate =
        hasTsa
            && (statement.verifyTimestamp() == TrustPolicyStatement.VerifyTimestamp.ALWAYS
                || chain.stream().anyMatch(c -> now.isAfter(c.getNotAfter().toInstant())));
    if (!evaluate) {
      Optional<String> outside = outsideValidity(chain, now, now, "verification time is");
      return outside.isPresent() ? fail(outside.get()) : Result.ok(Optional.empty());
    }
    return verifyTimestamp(env, statement, store, revocation);
  }

  private static Result<Optional<VerifiedTimestamp>> verifyTimestamp(
      Envelope env,
      TrustPolicyStatement statement,
      TrustStore store,
      RevocationChecker revocation) {
    byte[] countersignature = env.timestampToken();
    if (countersignature == null) {
      return fail("no timestamp countersignature was found in the signature envelope");
    }
    Result<TimestampToken> parsed = TimestampToken.parse(countersignature);
    if (!parsed.isOk()) {
      return fail("failed to parse timestamp countersignature: " + parsed.reason());
    }
    TimestampToken token = parsed.value();
    Result<TimestampToken.Info> decoded = token.info(env.signature());
    if (!decoded.isOk()) {
      return fail("timestamp countersignature is invalid: " + decoded.reason());
    }
    TimestampToken.Info info = decoded.value();
    LinkedHashSet<X509Certificate> roots = new LinkedHashSet<>();
    for (TrustStoreRef ref : statement.trustStores(TrustStoreType.TSA)) {
      roots.addAll(store.certificates(ref.type(), ref.name()));
    }
    Result<List<X509Certificate>> verified = token.verify(new ArrayList<>(roots), info.genTime());
    if (!verified.isOk()) {
      return fail("failed to verify the timestamp countersignature: " + verified.reason());
    }
    List<X509Certificate> tsa = verified.value();
    Optional<String> tsaChain =
        CertificateRules.validateChain(tsa, CertificateRules.Purpose.TIMESTAMPING, null);
    if (tsaChain.isPresent()) {
      return fail("timestamp certificate chain is invalid: " + tsaChain.get());
    }
    Instant lower = info.genTime().minus(info.accuracy());
    Instant upper = info.genTime().plus(info.accuracy());
    Optional<String> outside = outsideValidity(env.chain(), lower, upper, "timestamp can be");
    if (outside.isPresent()) {
      return fail(outside.get());
    }
    // The TSA chain is always checked for revocation once a timestamp is relied on; the policy
    // cannot skip it.
    RevocationResult r = revocation.check(tsa, RevocationChecker.Purpose.TIMESTAMPING, null);
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
    return Result.ok(Optional.of(new VerifiedTimestamp(info.genTime(), info.accuracy(), tsa)));
  }

  /**
   * Why the chain was not valid all through {@code earliest} to {@code latest}, in notation's
   * words; {@code whose} says whose time it is ({@code verification time is}, {@code timestamp can
   * be}). Empty when every certificate was valid throughout.
   */
  private static Optional<String> outsideValidity(
      List<X509Certificate> chain, Instant earliest, Instant latest, String whose) {
    for (X509Certificate c : chain) {
      if (earliest.isBefore(c.getNotBefore().toInstant())) {
        return Optional.of(
            whose
                + " before certificate \""
                + CertificateRules.subject(c)
                + "\" validity period, it will be valid from \""
                + TIME.format(c.getNotBefore().toInstant())
                + "\"");
      }
      if (latest.isAfter(c.getNotAfter().toInstant())) {
        return Optional.of(
            whose
                + " after certificate \""
                + CertificateRules.subject(c)
                + "\" validity period, it was expired at \""
                + TIME.format(c.getNotAfter().toInstant())
                + "\"");
      }
    }
    return Optional.empty();
  }

  private static Result<Optional<VerifiedTimestamp>> fail(String reason) {
    return Result.err(reason);
  }
}
