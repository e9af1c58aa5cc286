package dev.imagegate.cli;

import dev.imagegate.cosign.CertificateRequirements;
import dev.imagegate.cosign.CosignReport;
import dev.imagegate.cosign.CosignRequirements;
import dev.imagegate.cosign.CosignVerifier;
import dev.imagegate.cosign.NamedKey;
import dev.imagegate.cosign.PredicateTypes;
import dev.imagegate.oci.ImageReference;
import dev.imagegate.oci.InvalidReferenceException;
import dev.imagegate.oci.OciClient;
import dev.imagegate.oci.RepositoryName;
import dev.imagegate.trust.SignatureAlgorithm;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code imagegate verify}: cosign-compatible verification of many images in one run. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Verify cosign signatures (or attestations with --type) of one or more images, with public keys (--key)",
      "or certificates and keyless identities (--certificate-identity, --certificate-oidc-issuer). Offline: the",
      "transparency log is checked from the entry stored with each signature, never by contacting Rekor.",
      "Exit codes: 0 all verified, 1 any not verified, 2 usage or configuration error."
    })
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--key",
      paramLabel = "FILE",
      description = "Public key (PEM) to verify with; repeat for several keys: any may match.")
  List<String> keys = new ArrayList<>();

  @Option(
      names = {"-a", "--annotations"},
      paramLabel = "KEY=VALUE",
      description = "Required signature annotation; repeatable, all must match.")
  Map<String, String> annotations = new LinkedHashMap<>();

  @Option(
      names = "--type",
      paramLabel = "PREDICATE_TYPE",
      description =
          "Verify in-toto attestations of this predicate type (a URI or a cosign shorthand: custom, slsaprovenance, slsaprovenance1, spdx, spdxjson, cyclonedx, link, vuln, openvex).")
  @Nullable String type;

  @Option(
      names = "--repository",
      paramLabel = "REGISTRY/REPO",
      description =
          "Repository holding the signatures (default: $COSIGN_REPOSITORY, else the image's own repository).")
  @Nullable String repository;

  @Option(
      names = "--insecure-ignore-tlog",
      description = "Accept signatures without a verified transparency log entry.")
  boolean ignoreTlog;

  @Option(
      names = "--signature-digest-algorithm",
      paramLabel = "ALG",
      defaultValue = "sha256",
      description =
          "Hash used with the key for legacy signatures (sha224, sha256, sha384, sha512; default: ${DEFAULT-VALUE}).")
  String hash = "sha256";

  @Mixin TextOrJsonOutput output;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      defaultValue = "16",
      description = "Images verified at once (default: ${DEFAULT-VALUE}).")
  int parallel;

  @Mixin CosignTrustOptions trust;

  @Mixin RegistryOptions registry;

  @Mixin NotationOptions notation;

  @Option(
      names = "--policy",
      paramLabel = "FILE_OR_DIR",
      description =
          "Evaluate these Kyverno policies' verifyImages rules for each image, as if it ran in a Pod in namespace default (repeatable).")
  List<java.nio.file.Path> policies = new ArrayList<>();

  @Option(
      names = "--explain",
      description =
          "With --policy: show how each decision was reached (rules, images, digests, timings).")
  boolean explain;

  @Parameters(
      paramLabel = "IMAGE",
      arity = "1..*",
      description = "Image references (REGISTRY/REPO:TAG, ...@sha256:..., oci-layout:PATH:TAG).")
  List<String> images = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    output.check();
    if (!policies.isEmpty()) {
      if (!keys.isEmpty() || notation.requested()) {
        throw new UsageException(
            "--policy brings its own attestors: do not combine it with --key or Notary options");
      }
      return new PolicyVerifyRun(policies, registry, output.format, explain, spec).run(images);
    }
    if (notation.requested()) {
      // Notary Project verification (notation trust policy + store, or Ratify's verifier
      // configuration).
      return new NotationVerifyRun(notation, registry, output.format, parallel, spec).run(images);
    }
    if (parallel < 1 || parallel > 256) {
      throw new UsageException("--parallel must be between 1 and 256");
    }
    trust.checkAgainstKeys(!keys.isEmpty());
    CertificateRequirements certificates = keys.isEmpty() ? trust.certificates() : null;
    List<NamedKey> loaded = KeyFiles.load(keys);
    String repo = repository != null ? repository : System.getenv("COSIGN_REPOSITORY");
    RepositoryName sigRepo;
    try {
      sigRepo = repo == null || repo.isBlank() ? null : RepositoryName.parse(repo);
    } catch (InvalidReferenceException e) {
      throw new UsageException("--repository " + repo + ": " + e.getMessage(), e);
    }
    String predicateType = type == null ? null : PredicateTypes.resolve(type);
    CosignRequirements req =
        CosignRequirements.builder()
            .keys(loaded)
            .certificates(certificates)
            .hash(SignatureAlgorithm.fromKyverno(hash))
            .annotations(annotations)
            .signatureRepository(sigRepo)
            .ignoreTlog(ignoreTlog)
            .predicateType(predicateType)
            .trust(trust.trust())
            .build();
    List<ImageReference> refs = images.stream().map(ImageReference::parse).toList();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter progress =
        images.size() > 10 && !output.json() && System.console() != null
            ? spec.commandLine().getErr()
            : null;
    try (OciClient client = registry.client()) {
      CosignVerifier verifier = new CosignVerifier(client);
      List<ImageResult> results =
          new BatchVerifier(client, parallel, progress)
              .verifyAll(
                  images,
                  refs,
                  (ref, digest, t) -> {
                    CosignReport r = verifier.verify(ref, digest, req, t);
                    return new BatchVerifier.Checked(r.outcome(), r.findings());
                  });
      if (output.json()) {
        ResultPrinter.json(out, results);
      } else {
        ResultPrinter.text(out, results, checksDone(req));
      }
      return results.stream().allMatch(ImageResult::verified) ? Main.VERIFIED : Main.DENIED;
    }
  }

  private static String checksDone(CosignRequirements req) {
    StringBuilder b = new StringBuilder();
    b.append(
        req.attestations()
            ? "  - The statement subject matched the image digest and the predicate type\n"
            : "  - The cosign claims were validated\n");
    b.append(
        req.ignoreTlog()
            ? "  - The transparency log was NOT checked (--insecure-ignore-tlog)\n"
            : "  - Existence of the claims in the transparency log was verified offline\n");
    CertificateRequirements c = req.certificates();
    if (c == null) {
      b.append("  - The signatures were verified against the specified public key\n");
    } else if (!c.verifyCertificate()) {
      b.append("  - The signatures were verified against the key of the specified certificate\n");
    } else {
      b.append(
          "  - The code-signing certificate was verified using trusted certificate authority certificates\n");
      b.append("  - The certificate identity matched " + c.identities().get(0).describe() + "\n");
      b.append(
          c.ignoreSct()
              ? "  - The certificate's SCT was NOT checked (--insecure-ignore-sct)\n"
              : "  - The certificate's embedded SCT was verified\n");
    }
    return b.toString();
  }
}
