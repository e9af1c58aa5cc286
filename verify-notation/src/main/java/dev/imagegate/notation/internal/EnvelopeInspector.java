package dev.imagegate.notation.internal;

import dev.imagegate.base.Result;
import dev.imagegate.notation.ArtifactDescriptor;
import dev.imagegate.notation.SignatureInspection;
import dev.imagegate.notation.SignatureInspection.CertificateInfo;
import dev.imagegate.notation.SignatureInspection.TimestampInfo;
import dev.imagegate.trust.Certificates;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Builds {@link SignatureInspection} from an envelope without verifying anything. */
public final class EnvelopeInspector {
  private EnvelopeInspector() {}

  public static SignatureInspection.Outcome inspect(byte[] bytes, String mediaType) {
    EnvelopeParser.Outcome parsed = EnvelopeParser.parse(bytes, mediaType);
    if (parsed instanceof EnvelopeParser.Outcome.Unsupported u) {
      return new SignatureInspection.Outcome.Unreadable(
          "signature envelope media type \"" + u.mediaType() + "\" is not supported");
    }
    if (parsed instanceof EnvelopeParser.Outcome.Invalid i) {
      return new SignatureInspection.Outcome.Unreadable(i.reason());
    }
    Envelope env = ((EnvelopeParser.Outcome.Parsed) parsed).envelope();
    SignedAttributes s = env.signed();
    Map<String, String> signed = new LinkedHashMap<>();
    signed.put("signingScheme", s.signingScheme());
    put(signed, "signingTime", s.signingTime());
    put(signed, "authenticSigningTime", s.authenticSigningTime());
    put(signed, "expiry", s.expiry());
    if (s.verificationPlugin() != null) {
      signed.put("verificationPlugin", s.verificationPlugin());
    }
    if (s.verificationPluginMinVersion() != null) {
      signed.put("verificationPluginMinVersion", s.verificationPluginMinVersion());
    }
    signed.putAll(s.extendedAttributes());
    Map<String, String> unsigned =
        env.signingAgent() == null ? Map.of() : Map.of("signingAgent", env.signingAgent());
    Result<IntegrityCheck.Verified> checked = IntegrityCheck.verify(env);
    ArtifactDescriptor payload = checked.isOk() ? checked.value().payload() : null;
    return new SignatureInspection.Outcome.Inspected(
        new SignatureInspection(
            mediaType,
            env.algorithm().displayName(),
            signed,
            payload == null ? Map.of() : payload.annotations(),
            unsigned,
            infos(env.chain()),
            timestamp(env),
            payload));
  }

  private static @Nullable TimestampInfo timestamp(Envelope env) {
    byte[] countersignature = env.timestampToken();
    if (countersignature == null) {
      return null;
    }
    return switch (TimestampToken.parse(countersignature)) {
      case Result.Err<TimestampToken>(String reason) ->
          new TimestampInfo(null, null, List.of(), reason);
      case Result.Ok<TimestampToken>(TimestampToken token) ->
          switch (token.info(null)) {
            case Result.Ok<TimestampToken.Info>(TimestampToken.Info info) ->
                new TimestampInfo(
                    info.genTime(), info.accuracy().toString(), infos(token.certificates()), null);
            case Result.Err<TimestampToken.Info>(String reason) ->
                new TimestampInfo(null, null, infos(token.certificates()), reason);
          };
    };
  }

  private static List<CertificateInfo> infos(List<X509Certificate> certs) {
    return certs.stream()
        .map(
            c ->
                new CertificateInfo(
                    Certificates.sha256Fingerprint(c),
                    CertificateRules.subject(c),
                    CertificateRules.issuer(c),
                    c.getNotAfter().toInstant()))
        .toList();
  }

  private static void put(Map<String, String> m, String key, @Nullable Instant t) {
    if (t != null) {
      m.put(key, t.toString());
    }
  }
}
