package dev.imagegate.cli;

import dev.imagegate.cosign.CertificateRequirements;
import dev.imagegate.cosign.CosignTrust;
import dev.imagegate.cosign.TrustSource;
import dev.imagegate.sigstore.CertificateIdentity;
import dev.imagegate.sigstore.TrustedRoot;
import dev.imagegate.trust.TrustMaterialException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * cosign's certificate, keyless and trust flags for {@code imagegate verify}, with cosign's rules:
 * key and identity exclude each other, keyless needs an identity and an issuer, {@code --ca-roots}
 * and {@code --certificate-chain} exclude each other. Trust starts from {@code --trusted-root} or
 * the bundled public-good root; the PEM flags replace the matching part of it. Declared in code
 * ({@link CommandModels}): {@code verify} reads no annotations.
 */
final class CosignTrustOptions {
  @Nullable String identity;

  @Nullable String identityRegexp;

  @Nullable String issuer;

  @Nullable String issuerRegexp;

  @Nullable String workflowTrigger;

  @Nullable String workflowSha;

  @Nullable String workflowName;

  @Nullable String workflowRepository;

  @Nullable String workflowRef;

  @Nullable Path certificate;

  @Nullable Path certificateChain;

  @Nullable Path caRoots;

  @Nullable Path trustedRoot;

  @Nullable Path rekorPublicKey;

  @Nullable Path ctLogPublicKey;

  boolean ignoreSct;

  /** The options as verify's mixin, bound to this instance, in help order. */
  CommandSpec mixin() {
    CommandSpec m = CommandSpec.wrapWithoutInspection(this);
    m.addOption(
        CommandModels.string(() -> identity, v -> identity = v, "--certificate-identity")
            .paramLabel("SAN")
            .description("Identity (SAN: email, URI, ...) the signing certificate must have.")
            .build());
    m.addOption(
        CommandModels.string(
                () -> identityRegexp, v -> identityRegexp = v, "--certificate-identity-regexp")
            .paramLabel("REGEX")
            .description("Regular expression alternative to --certificate-identity.")
            .build());
    m.addOption(
        CommandModels.string(() -> issuer, v -> issuer = v, "--certificate-oidc-issuer")
            .paramLabel("URL")
            .description("OIDC issuer the signing certificate must name.")
            .build());
    m.addOption(
        CommandModels.string(
                () -> issuerRegexp, v -> issuerRegexp = v, "--certificate-oidc-issuer-regexp")
            .paramLabel("REGEX")
            .description("Regular expression alternative to --certificate-oidc-issuer.")
            .build());
    m.addOption(
        CommandModels.string(
                () -> workflowTrigger,
                v -> workflowTrigger = v,
                "--certificate-github-workflow-trigger")
            .paramLabel("VALUE")
            .description("Required GitHub workflow trigger (OID .1.2).")
            .build());
    m.addOption(
        CommandModels.string(
                () -> workflowSha, v -> workflowSha = v, "--certificate-github-workflow-sha")
            .paramLabel("VALUE")
            .description("Required GitHub workflow commit SHA (OID .1.3).")
            .build());
    m.addOption(
        CommandModels.string(
                () -> workflowName, v -> workflowName = v, "--certificate-github-workflow-name")
            .paramLabel("VALUE")
            .description("Required GitHub workflow name (OID .1.4).")
            .build());
    m.addOption(
        CommandModels.string(
                () -> workflowRepository,
                v -> workflowRepository = v,
                "--certificate-github-workflow-repository")
            .paramLabel("VALUE")
            .description("Required GitHub workflow repository (OID .1.5).")
            .build());
    m.addOption(
        CommandModels.string(
                () -> workflowRef, v -> workflowRef = v, "--certificate-github-workflow-ref")
            .paramLabel("VALUE")
            .description("Required GitHub workflow ref (OID .1.6).")
            .build());
    m.addOption(
        CommandModels.path(() -> certificate, v -> certificate = v, "--certificate")
            .paramLabel("FILE")
            .description(
                "Signing certificate (PEM) to verify with, instead of the one stored with each signature.")
            .build());
    m.addOption(
        CommandModels.path(() -> certificateChain, v -> certificateChain = v, "--certificate-chain")
            .paramLabel("FILE")
            .description(
                "CA chain (PEM) of the signing certificate: parent first, root last. Conflicts with --ca-roots.")
            .build());
    m.addOption(
        CommandModels.path(() -> caRoots, v -> caRoots = v, "--ca-roots")
            .paramLabel("FILE")
            .description("Trusted root CA certificates (PEM) instead of the Fulcio roots.")
            .build());
    m.addOption(
        CommandModels.path(() -> trustedRoot, v -> trustedRoot = v, "--trusted-root")
            .paramLabel("FILE")
            .description("Sigstore trusted_root.json (default: the bundled public-good root).")
            .build());
    m.addOption(
        CommandModels.path(() -> rekorPublicKey, v -> rekorPublicKey = v, "--rekor-public-key")
            .paramLabel("FILE")
            .description("Rekor public key(s) (PEM) instead of the trusted root's logs.")
            .build());
    m.addOption(
        CommandModels.path(() -> ctLogPublicKey, v -> ctLogPublicKey = v, "--ct-log-public-key")
            .paramLabel("FILE")
            .description("CT log public key(s) (PEM) instead of the trusted root's CT logs.")
            .build());
    m.addOption(
        CommandModels.flag(
                "ignoreSct", () -> ignoreSct, v -> ignoreSct = v, "--insecure-ignore-sct")
            .description("Accept certificates without a verified embedded SCT.")
            .build());
    return m;
  }

  /** Whether any certificate or identity flag was given (then a --key is a contradiction). */
  boolean anyCertificateFlag() {
    return identity != null
        || identityRegexp != null
        || certificate != null
        || certificateChain != null;
  }

  /** cosign's rule: key and identity exclude each other. */
  void checkAgainstKeys(boolean keysGiven) {
    if (keysGiven && (identity != null || identityRegexp != null)) {
      throw new UsageException(
          "exactly one of: key reference (--key) or certificate identity (--certificate-identity or"
              + " --certificate-identity-regexp), must be provided");
    }
    if (keysGiven && (certificate != null || certificateChain != null)) {
      throw new UsageException(
          "--certificate and --certificate-chain verify certificate signatures; they cannot be combined with --key");
    }
  }

  /**
   * The certificate requirements for a verification without --key; cosign's usage errors when
   * incomplete.
   */
  CertificateRequirements certificates() {
    if (identity == null && identityRegexp == null) {
      throw new UsageException(
          "--certificate-identity or --certificate-identity-regexp is required for verification in keyless mode"
              + " (or pass --key FILE to verify with a public key)");
    }
    if (issuer == null && issuerRegexp == null) {
      throw new UsageException(
          "--certificate-oidc-issuer or --certificate-oidc-issuer-regexp is required for verification in keyless mode");
    }
    if (caRoots != null && certificateChain != null) {
      throw new UsageException("--ca-roots and --certificate-chain cannot be used together");
    }
    Map<String, String> ext = new LinkedHashMap<>();
    put(ext, "githubWorkflowTrigger", workflowTrigger);
    put(ext, "githubWorkflowSha", workflowSha);
    put(ext, "githubWorkflowName", workflowName);
    put(ext, "githubWorkflowRepository", workflowRepository);
    put(ext, "githubWorkflowRef", workflowRef);
    List<CertificateIdentity> ids =
        List.of(
            new CertificateIdentity(
                identity,
                identityRegexp,
                issuer,
                issuerRegexp,
                ext,
                CertificateIdentity.MatchMode.EXACT));
    if (certificate == null) {
      return CertificateRequirements.keyless(ids, ignoreSct);
    }
    X509Certificate leaf = TrustFiles.certificates(certificate, "--certificate").get(0);
    List<X509Certificate> chain =
        certificateChain == null
            ? List.of()
            : TrustFiles.certificates(certificateChain, "--certificate-chain");
    if (chain.size() > CertificateRequirements.MAX_CHAIN) {
      throw new UsageException(
          "--certificate-chain "
              + certificateChain
              + ": "
              + chain.size()
              + " certificates, at most "
              + CertificateRequirements.MAX_CHAIN
              + " are accepted");
    }
    return CertificateRequirements.given(leaf, chain, ids, ignoreSct);
  }

  /**
   * Trusted root, then the PEM overrides; a chain without --certificate is the CA (root last), as
   * in cosign. Without any trust flag it is the bundled root, parsed only when a check needs it (a
   * {@code --key --insecure-ignore-tlog} run never does; issue 15). With trust flags the files are
   * read and checked now, so their errors stay usage errors reported before any image is fetched.
   */
  TrustSource trust() {
    if (trustedRoot == null
        && caRoots == null
        && rekorPublicKey == null
        && ctLogPublicKey == null
        && certificateChain == null) {
      return TrustSource.publicGood();
    }
    return TrustSource.of(parsedTrust());
  }

  private TrustedRoot parsedTrust() {
    TrustedRoot base = TrustFiles.trustedRootOrPublicGood(trustedRoot);
    try {
      TrustedRoot t =
          CosignTrust.compose(
              base,
              caRoots == null ? null : TrustFiles.text(caRoots, "--ca-roots"),
              rekorPublicKey == null ? null : TrustFiles.text(rekorPublicKey, "--rekor-public-key"),
              ctLogPublicKey == null
                  ? null
                  : TrustFiles.text(ctLogPublicKey, "--ct-log-public-key"),
              null);
      if (certificateChain != null && certificate == null) {
        t =
            CosignTrust.withChain(
                t, TrustFiles.certificates(certificateChain, "--certificate-chain"));
      }
      return t;
    } catch (TrustMaterialException e) {
      throw new UsageException("trust material: " + e.getMessage(), e);
    }
  }

  private static void put(Map<String, String> m, String k, @Nullable String v) {
    if (v != null) {
      m.put(k, v);
    }
  }
}
