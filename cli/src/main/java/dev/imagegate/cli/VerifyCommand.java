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
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code imagegate verify}: cosign-compatible verification of many images in one run. Its model is
 * declared in code ({@link #model}), not with annotations, so a verification reads none (issue 15).
 */
final class VerifyCommand implements Callable<Integer> {
  /** The model {@link #model} built; picocli's {@code @Spec}. */
  CommandSpec spec = CommandSpec.create();

  List<String> keys = new ArrayList<>();

  Map<String, String> annotations = new LinkedHashMap<>();

  @Nullable String type;

  @Nullable String repository;

  boolean ignoreTlog;

  String hash = "sha256";

  final TextOrJsonOutput output = new TextOrJsonOutput();

  int parallel;

  final CosignTrustOptions trust = new CosignTrustOptions();

  final RegistryOptions registry = new RegistryOptions();

  final NotationOptions notation = new NotationOptions();

  List<java.nio.file.Path> policies = new ArrayList<>();

  boolean explain;

  List<String> images = new ArrayList<>();

  /**
   * This command's picocli model, bound to this instance: what the annotations declared, in the
   * same order (the help lists the options unsorted), with the option groups as mixins.
   */
  CommandSpec model() {
    CommandSpec s = CommandSpec.wrapWithoutInspection(this).name("verify");
    s.usageMessage()
        .sortOptions(false)
        .description(
            "Verify cosign signatures (or attestations with --type) of one or more images, with public keys (--key)",
            "or certificates and keyless identities (--certificate-identity, --certificate-oidc-issuer). Offline: the",
            "transparency log is checked from the entry stored with each signature, never by contacting Rekor.",
            "Exit codes: 0 all verified, 1 any not verified, 2 usage or configuration error.");
    s.addOption(
        CommandModels.list(String.class, () -> keys, v -> keys = v, "--key")
            .paramLabel("FILE")
            .description("Public key (PEM) to verify with; repeat for several keys: any may match.")
            .build());
    s.addOption(
        CommandModels.option(
                Map.class,
                () -> annotations,
                (Map<String, String> v) -> annotations = v,
                "-a",
                "--annotations")
            .auxiliaryTypes(String.class, String.class)
            .paramLabel("KEY=VALUE")
            .description("Required signature annotation; repeatable, all must match.")
            .build());
    s.addOption(
        CommandModels.string(() -> type, v -> type = v, "--type")
            .paramLabel("PREDICATE_TYPE")
            .description(
                "Verify in-toto attestations of this predicate type (a URI or a cosign shorthand: custom, slsaprovenance, slsaprovenance1, spdx, spdxjson, cyclonedx, link, vuln, openvex).")
            .build());
    s.addOption(
        CommandModels.string(() -> repository, v -> repository = v, "--repository")
            .paramLabel("REGISTRY/REPO")
            .description(
                "Repository holding the signatures (default: $COSIGN_REPOSITORY, else the image's own repository).")
            .build());
    s.addOption(
        CommandModels.flag(
                "ignoreTlog", () -> ignoreTlog, v -> ignoreTlog = v, "--insecure-ignore-tlog")
            .description("Accept signatures without a verified transparency log entry.")
            .build());
    s.addOption(
        CommandModels.option(
                String.class, () -> hash, v -> hash = v, "--signature-digest-algorithm")
            .paramLabel("ALG")
            .defaultValue("sha256")
            .description(
                "Hash used with the key for legacy signatures (sha224, sha256, sha384, sha512; default: ${DEFAULT-VALUE}).")
            .build());
    s.addMixin(output.mixinName(), output.mixin());
    s.addOption(
        CommandModels.integer(() -> parallel, v -> parallel = v, "--parallel")
            .paramLabel("N")
            .defaultValue("16")
            .description("Images verified at once (default: ${DEFAULT-VALUE}).")
            .build());
    s.addMixin("trust", trust.mixin());
    s.addMixin(registry.mixinName(), registry.mixin());
    s.addMixin("notation", notation.mixin());
    s.addOption(
        CommandModels.list(java.nio.file.Path.class, () -> policies, v -> policies = v, "--policy")
            .paramLabel("FILE_OR_DIR")
            .description(
                "Evaluate these Kyverno policies' verifyImages rules for each image, as if it ran in a Pod in namespace default (repeatable).")
            .build());
    s.addOption(
        CommandModels.flag("explain", () -> explain, v -> explain = v, "--explain")
            .description(
                "With --policy: show how each decision was reached (rules, images, digests, timings).")
            .build());
    s.addPositional(
        CommandModels.positionals(String.class, () -> images, v -> images = v)
            .paramLabel("IMAGE")
            .arity("1..*")
            .required(true)
            .description(
                "Image references (REGISTRY/REPO:TAG, ...@sha256:..., oci-layout:PATH:TAG).")
            .build());
    s.addMixin(CommandModels.STANDARD_HELP, CommandModels.standardHelp());
    spec = s;
    return s;
  }

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
