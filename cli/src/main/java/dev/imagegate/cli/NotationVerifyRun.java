package dev.imagegate.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.notation.NotaryImageReport;
import dev.imagegate.notation.NotaryImageVerifier;
import dev.imagegate.notation.NotaryImageVerifier.Mode;
import dev.imagegate.notation.NotaryResult;
import dev.imagegate.notation.NotationConfigException;
import dev.imagegate.notation.RatifyNotationConfig;
import dev.imagegate.notation.RatifyVerifierReport;
import dev.imagegate.oci.ImageReference;
import dev.imagegate.oci.MediaTypes;
import dev.imagegate.oci.OciClient;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code imagegate verify} with Notary Project trust: notation style ({@code --trust-policy} +
 * {@code --trust-store}; the first valid signature wins, as {@code notation verify}) or Ratify
 * style ({@code --verifier-config}; every signature is verified and reported as Ratify's notation
 * verifier does, any success passes). With {@code --type T} the Notary attestations of artifact
 * type T (e.g. {@code sbom/cyclone-dx}) are verified instead.
 */
final class NotationVerifyRun {
  private static final String CHECKS =
      """
        - The signature envelope and the signed artifact descriptor (media type, digest, size) were verified
        - The certificate chain was verified against the trust store and the trusted identities
        - Expiry, timestamp and revocation were checked as the trust policy level requires
      """;
  private final NotationOptions options;
  private final RegistryOptions registry;
  private final String output;
  private final int parallel;
  private final CommandSpec spec;

  NotationVerifyRun(
      NotationOptions options,
      RegistryOptions registry,
      String output,
      int parallel,
      CommandSpec spec) {
    this.options = options;
    this.registry = registry;
    this.output = output;
    this.parallel = parallel;
    this.spec = spec;
  }

  int run(List<String> images) {
    if (parallel < 1 || parallel > 256) {
      throw new UsageException("--parallel must be between 1 and 256");
    }
    NotationTrustLoader.Loaded loaded = NotationTrustLoader.load(options);
    RatifyNotationConfig ratifyConfig = loaded.ratify();
    boolean ratify = ratifyConfig != null;
    PrintWriter err = spec.commandLine().getErr();
    if (ratifyConfig != null && !ratifyConfig.canVerify(MediaTypes.NOTARY_SIGNATURE)) {
      err.println(
          "Warning: "
              + options.verifierConfig
              + " lists artifactTypes "
              + ratifyConfig.artifactTypes()
              + ", which do not include "
              + MediaTypes.NOTARY_SIGNATURE
              + "; verifying Notary signatures anyway");
    }
    String type = attestationType();
    List<ImageReference> refs = images.stream().map(ImageReference::parse).toList();
    Map<String, NotaryImageReport> reports = new ConcurrentHashMap<>();
    PrintWriter out = spec.commandLine().getOut();
    try (OciClient client = registry.client()) {
      NotaryImageVerifier verifier = NotaryImageVerifier.builder(client).build();
      List<ImageResult> results =
          new BatchVerifier(client, parallel, null)
              .verifyAll(
                  images,
                  refs,
                  (ref, digest, t) -> {
                    NotaryImageReport r =
                        type == null
                            ? verifier.verify(
                                ref,
                                digest,
                                loaded.trust(),
                                ratify ? Mode.ALL : Mode.FIRST_VALID,
                                t)
                            : verifier.verifyAttestations(ref, digest, type, loaded.trust(), t);
                    reports.put(ref + "@" + digest, r);
                    return new BatchVerifier.Checked(r.outcome(), r.findings());
                  });
      if (output.equals("json")) {
        json(out, results, reports, ratify);
      } else {
        warnings(err, reports);
        ResultPrinter.text(out, results, CHECKS);
      }
      return results.stream().allMatch(ImageResult::verified) ? Main.VERIFIED : Main.DENIED;
    } catch (NotationConfigException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }

  /**
   * {@code --type} of the verify command, read through the command spec (the option belongs to
   * VerifyCommand).
   */
  private @Nullable String attestationType() {
    OptionSpec o = spec.findOption("--type");
    Object v = o == null ? null : o.getValue();
    return v == null || v.toString().isBlank() ? null : v.toString();
  }

  /** notation prints logged failures as warnings. */
  private static void warnings(PrintWriter err, Map<String, NotaryImageReport> reports) {
    reports.values().stream()
        .flatMap(r -> r.checks().stream())
        .forEach(
            c -> {
              for (NotaryResult.StepWarning w : c.result().warnings()) {
                err.println(
                    "Warning: "
                        + w.step().policyName()
                        + " was set to \"log\" and failed with error: "
                        + w.reason()
                        + " (signature "
                        + c.signature()
                        + " of "
                        + c.subject()
                        + ")");
              }
            });
    err.flush();
  }

  private static void json(
      PrintWriter out,
      List<ImageResult> results,
      Map<String, NotaryImageReport> reports,
      boolean ratify) {
    ArrayNode arr = JsonOutput.JSON.createArrayNode();
    for (ImageResult r : results) {
      ObjectNode n = ResultPrinter.toJson(r);
      NotaryImageReport report =
          r.digest() == null
              ? null
              : reports.get(ImageReference.parse(r.reference()) + "@" + r.digest());
      if (ratify) {
        n.set("ratify", ratifyResult(r, report));
      }
      arr.add(n);
    }
    try {
      out.println(JsonOutput.JSON.writeValueAsString(arr));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    out.flush();
  }

  /** Ratify's {@code VerifyResult}: {@code isSuccess} and one verifier report per signature. */
  static ObjectNode ratifyResult(ImageResult r, @Nullable NotaryImageReport report) {
    ObjectNode n = JsonOutput.JSON.createObjectNode();
    n.put("isSuccess", r.verified());
    ArrayNode reports = n.putArray("verifierReports");
    if (report != null) {
      for (NotaryImageReport.SignatureCheck c : report.checks()) {
        ObjectNode v =
            JsonOutput.JSON.valueToTree(
                RatifyVerifierReport.of(c.result(), c.subject(), "notation"));
        v.put("referenceDigest", c.signature().toString());
        reports.add(v);
      }
    }
    return n;
  }
}
