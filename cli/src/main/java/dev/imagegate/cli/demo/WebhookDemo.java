package dev.imagegate.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.peers.RegistryServer;
import dev.imagegate.webhook.Webhook;
import dev.imagegate.webhook.WebhookConfig;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The webhook half of the demo: a real CNCF registry on loopback holding the shipped example images
 * (signed with the real cosign and the real notation, copied from their OCI layouts with the real
 * oras), {@code imagegate serve} with the demo policy over HTTPS, and AdmissionReviews for signed
 * pods (allowed, pinned to their digests), unsigned and wrongly signed pods (denied with the
 * reason) and a pod in the Audit namespace (allowed with a warning), printed as the API server
 * would see them.
 */
public final class WebhookDemo {
  private final Path root;
  private final PrintWriter out;

  public WebhookDemo(Path root, PrintWriter out) {
    this.root = root;
    this.out = out;
  }

  /** Runs the scenario; true when every answer is the expected one. */
  public boolean run() throws Exception {
    DemoPeers peers = DemoPeers.installed();
    if (!peers.available()) {
      out.println(
          "skipped: the real registry and oras are not installed (run bin/peers, or use bin/imagegate demo which does)");
      return false;
    }
    Path work = Files.createTempDirectory("imagegate-demo");
    try (RegistryServer registry = peers.startRegistry(work)) {
      out.println("started the CNCF distribution registry on " + registry.host());
      int pushed =
          pushLayout(peers, registry, work, root.resolve("demo/cosign/layout"), "demo/app");
      out.println(
          "pushed the shipped demo images ("
              + pushed
              + " tags, with their cosign signatures) to "
              + registry.host()
              + "/demo/app");
      pushed =
          pushLayout(peers, registry, work, root.resolve("demo/notary/layout"), "demo/payments");
      out.println(
          "pushed the shipped Notary demo images ("
              + pushed
              + " tags, with their notation signatures) to "
              + registry.host()
              + "/demo/payments");
      DemoTls tls = DemoTls.create(work);
      int port = freePort();
      WebhookConfig config =
          WebhookConfig.builder(tls.certFile(), tls.keyFile())
              .policies(List.of(root.resolve("demo/policies")))
              .bind("127.0.0.1", port)
              .insecureRegistries(List.of(registry.host()))
              .workDirectory(work.resolve("serve"))
              .logLevel("error")
              .build();
      try (Webhook running = Webhook.start(config)) {
        awaitReady(running);
        out.println(
            "started imagegate serve on https://127.0.0.1:"
                + port
                + " with demo/policies/require-signed-images.yaml");
        out.println();
        AdmissionReviews reviews = new AdmissionReviews(tls.clientContext(), port);
        String app = registry.host() + "/demo/app";
        boolean ok = show(reviews, "production", "signed", app + ":signed", Expect.ALLOWED_PATCHED);
        ok &= show(reviews, "production", "unsigned", app + ":unsigned", Expect.DENIED);
        ok &=
            show(
                reviews,
                "production",
                "someone-else",
                app + ":signed-by-someone-else",
                Expect.DENIED);
        ok &= show(reviews, "development", "unsigned", app + ":unsigned", Expect.ALLOWED_WARNING);
        String payments = registry.host() + "/demo/payments";
        ok &=
            show(
                reviews,
                "payments",
                "notation-signed",
                payments + ":notary-signed",
                Expect.ALLOWED_PATCHED);
        ok &=
            show(
                reviews,
                "payments",
                "not-notation-signed",
                payments + ":notary-unsigned",
                Expect.DENIED);
        return ok;
      }
    }
  }

  private enum Expect {
    ALLOWED_PATCHED,
    DENIED,
    ALLOWED_WARNING
  }

  private boolean show(
      AdmissionReviews reviews, String ns, String name, String image, Expect expect)
      throws Exception {
    ObjectNode pod = AdmissionReviews.pod(ns, name, image);
    out.println("$ kubectl run " + name + " -n " + ns + " --image=" + image);
    JsonNode r = reviews.review("/mutate", pod);
    boolean allowed = r.path("allowed").asBoolean();
    List<String> warnings = new ArrayList<>();
    r.path("warnings").forEach(w -> warnings.add(w.asText()));
    boolean asExpected;
    if (allowed) {
      String patch =
          r.hasNonNull("patch")
              ? new String(
                  Base64.getDecoder().decode(r.get("patch").asText()), StandardCharsets.UTF_8)
              : null;
      JsonNode validate = reviews.review("/validate", patched(pod, patch));
      // The API server shows the warnings of both webhooks; an Audit failure is warned about once,
      // by the validating webhook when it re-checks the image.
      validate.path("warnings").forEach(w -> warnings.add(w.asText()));
      out.println("  mutate:   allowed" + (patch == null ? "" : ", JSONPatch " + summarize(patch)));
      warnings.forEach(w -> out.println("  warning:  " + w));
      out.println(
          "  validate: "
              + (validate.path("allowed").asBoolean()
                  ? "allowed"
                  : "denied: " + validate.path("status").path("message").asText()));
      asExpected =
          switch (expect) {
            case ALLOWED_PATCHED ->
                patch != null && patch.contains("@sha256:") && validate.path("allowed").asBoolean();
            case ALLOWED_WARNING -> !warnings.isEmpty();
            case DENIED -> false;
          };
    } else {
      out.println(
          "  Error from server: admission webhook \"mutate.imagegate.dev\" denied the request:");
      out.println("  " + r.path("status").path("message").asText().replace("\n", "\n  "));
      asExpected = expect == Expect.DENIED;
    }
    out.println(asExpected ? "  -> as expected" : "  -> UNEXPECTED (expected " + expect + ")");
    out.println();
    out.flush();
    return asExpected;
  }

  private static ObjectNode patched(ObjectNode pod, @Nullable String patch) throws Exception {
    ObjectNode copy = pod.deepCopy();
    if (patch != null) {
      for (JsonNode op : AdmissionReviews.JSON.readTree(patch)) {
        if (op.path("path").asText().equals("/spec/containers/0/image")) {
          ((ObjectNode) copy.path("spec").path("containers").get(0)).set("image", op.get("value"));
        }
      }
    }
    return copy;
  }

  private static String summarize(String patch) throws Exception {
    List<String> parts = new ArrayList<>();
    for (JsonNode op : AdmissionReviews.JSON.readTree(patch)) {
      parts.add(
          op.path("op").asText()
              + " "
              + op.path("path").asText()
              + (op.path("value").isTextual() ? " = " + op.path("value").asText() : ""));
    }
    return String.join("; ", parts);
  }

  /**
   * Copies every tagged image of a shipped layout, with its referrers, to {@code registry/repo:tag}
   * with the real oras.
   */
  private static int pushLayout(
      DemoPeers peers, RegistryServer registry, Path work, Path layout, String repo)
      throws Exception {
    int n = 0;
    for (JsonNode m :
        AdmissionReviews.JSON.readTree(layout.resolve("index.json").toFile()).path("manifests")) {
      String tag = m.path("annotations").path("org.opencontainers.image.ref.name").asText("");
      if (tag.isEmpty()) {
        continue;
      }
      peers.oras(
          work,
          "copy",
          "-r",
          "--from-oci-layout",
          layout + ":" + tag,
          registry.host() + "/" + repo + ":" + tag,
          "--to-plain-http");
      n++;
    }
    return n;
  }

  private static void awaitReady(Webhook running) throws InterruptedException {
    for (int i = 0; i < 300 && !running.ready(); i++) {
      Thread.sleep(100);
    }
    if (!running.ready()) {
      throw new IllegalStateException("imagegate serve did not become ready within 30 s");
    }
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
