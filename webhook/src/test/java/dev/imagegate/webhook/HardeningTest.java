package dev.imagegate.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression tests for the findings of issue 12 through the real interface: real HTTPS round trips
 * to {@code imagegate serve} with the production engine, against a real registry whose images are
 * signed by the real cosign. Each test failed before its fix.
 */
class HardeningTest {
  @TempDir static Path work;
  static RealGate gate;
  static String signedDigest;
  static String sidecarDigest;

  @BeforeAll
  static void images() {
    gate = RealGate.start(work);
    signedDigest = gate.pushSigned("x/app:signed", "k1");
    gate.push("x/app:unsigned");
    sidecarDigest = gate.pushSigned("x/sidecar:v1", "k1");
  }

  @AfterAll
  static void stop() {
    if (gate != null) {
      gate.close();
    }
  }

  /** Finding 1: other spellings of the registry host are the same registry for policies. */
  @Test
  void registryHostSpellingsCannotBypassAPolicy() throws Exception {
    int port = gate.registry.port();
    RealGate.Server server =
        gate.serve(
            List.of(
                gate.policy("by-ip", "127.0.0.1:" + port + "/x*", "k1", "Enforce"),
                gate.policy("by-name", "localhost:" + port + "/x*", "k1", "Enforce"),
                gate.policy("by-upper", "LOCALHOST:0" + port + "/x*", "k1", "Enforce")));

    for (String image :
        List.of(
            "127.0.0.1:0" + port + "/x/app:unsigned",
            "127.0.0.1:00" + port + "/x/app:unsigned",
            "LOCALHOST:" + port + "/x/app:unsigned",
            "LocalHost:0" + port + "/x/app:unsigned")) {
      JsonNode response =
          server.review("/mutate", Reviews.create("spell", Reviews.pod("spelled", image)));
      assertThat(response.path("allowed").asBoolean()).as(image).isFalse();
      assertThat(response.at("/status/message").asText()).as(image).contains("was blocked");
    }
    // A pattern's literal host is canonical too.
    JsonNode upper =
        server.review(
            "/mutate",
            Reviews.create(
                "spell-upper", Reviews.pod("upper", "localhost:" + port + "/x/app:unsigned")));
    assertThat(upper.at("/status/message").asText()).contains("by-upper:");
    // The canonical spelling still verifies: the fix refuses nothing that is signed.
    JsonNode signed =
        server.review(
            "/mutate",
            Reviews.create(
                "spell-ok", Reviews.pod("signed", "127.0.0.1:0" + port + "/x/app:signed")));
    assertThat(signed.path("allowed").asBoolean()).as(signed.toString()).isTrue();
  }

  /** Finding 2: a Pod cannot make the webhook read an OCI layout from the server's disk. */
  @Test
  void ociLayoutImagesInAdmissionRequestsAreRefused() throws Exception {
    RealGate.Server server = gate.serve(List.of(gate.policy("audit-all", "*", "k1", "Audit")));

    for (String path : List.of("/mutate", "/validate")) {
      JsonNode response =
          server.review(
              path, Reviews.create("layout", Reviews.pod("probe", "oci-layout:/etc:latest")));
      assertThat(response.path("allowed").asBoolean()).isFalse();
      assertThat(response.at("/status/message").asText())
          .contains("oci-layout:/etc:latest", "/spec/containers/0/image", "registry references");
    }
    assertThat(gate.logText()).doesNotContain("not an OCI layout");
  }

  /** Finding 7: a malformed object gets a schema message, never a Java exception. */
  @Test
  void malformedPodSpecIsDeniedWithASchemaMessage() throws Exception {
    RealGate.Server server =
        gate.serve(List.of(gate.policy("enforce", gate.host() + "/*", "k1", "Enforce")));
    ObjectNode pod = Reviews.pod("bad", gate.host() + "/x/app:unsigned");
    ObjectNode asObject = Reviews.JSON.createObjectNode();
    asObject.putObject("c0").put("name", "c0").put("image", gate.host() + "/x/app:unsigned");
    ((ObjectNode) pod.path("spec")).set("containers", asObject);
    ObjectNode numberImage = Reviews.pod("bad2", "x");
    ((ObjectNode) numberImage.at("/spec/containers/0")).put("image", 42);

    JsonNode response = server.review("/mutate", Reviews.create("shape", pod));
    JsonNode second = server.review("/validate", Reviews.create("shape2", numberImage));

    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.at("/status/message").asText())
        .contains("/spec/containers must be a list of containers")
        .doesNotContain("Exception", "com.fasterxml", "Cannot invoke");
    assertThat(second.path("allowed").asBoolean()).isFalse();
    assertThat(second.at("/status/message").asText())
        .contains("/spec/containers/0/image must be a string");
  }

  /** Finding 8: a review whose request.kind disagrees with the object is refused. */
  @Test
  void reviewWhoseKindDisagreesWithTheObjectIsRefused() throws Exception {
    RealGate.Server server =
        gate.serve(List.of(gate.policy("enforce", gate.host() + "/*", "k1", "Enforce")));
    ObjectNode review =
        Reviews.create("confused", Reviews.pod("p", gate.host() + "/x/app:unsigned"));
    ((ObjectNode) review.at("/request/kind")).put("kind", "ConfigMap");
    ((ObjectNode) review.at("/request/resource")).put("resource", "configmaps");

    JsonNode response = server.review("/validate", review);

    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.at("/status/message").asText())
        .contains("request.kind is v1/ConfigMap but the object is kind 'Pod'");
  }

  /**
   * Finding 9: with reinvocationPolicy IfNeeded the API server calls the mutating webhook again
   * after a sidecar injector; that review pins the sidecar and leaves the pinned app alone.
   */
  @Test
  void reinvokedReviewPinsTheInjectedSidecar() throws Exception {
    RealGate.Server server =
        gate.serve(List.of(gate.policy("enforce", gate.host() + "/x/*", "k1", "Enforce")));
    ObjectNode pod = Reviews.pod("web", gate.host() + "/x/app:signed");
    ObjectNode first = apply(pod, server.review("/mutate", Reviews.create("r1", pod)));
    assertThat(first.at("/spec/containers/0/image").asText()).endsWith("@" + signedDigest);
    ((ArrayNode) first.at("/spec/containers"))
        .addObject()
        .put("name", "istio-proxy")
        .put("image", gate.host() + "/x/sidecar:v1");

    JsonNode reinvoked = server.review("/mutate", Reviews.create("r2", first));
    ObjectNode second = apply(first, reinvoked);

    assertThat(reinvoked.path("allowed").asBoolean()).isTrue();
    assertThat(patchPaths(reinvoked)).doesNotContain("/spec/containers/0/image");
    assertThat(second.at("/spec/containers/1/image").asText())
        .isEqualTo(gate.host() + "/x/sidecar:v1@" + sidecarDigest);
    JsonNode validated = server.review("/validate", Reviews.create("r3", second));
    assertThat(validated.path("allowed").asBoolean()).as(validated.toString()).isTrue();
  }

  /**
   * Finding 10: a Pod whose images are all pinned and recorded in the annotation is not mutated.
   */
  @Test
  void noPatchWhenEveryImageIsPinnedAndRecorded() throws Exception {
    RealGate.Server server =
        gate.serve(List.of(gate.policy("enforce", gate.host() + "/x/*", "k1", "Enforce")));
    ObjectNode pod = Reviews.pod("pinned", gate.host() + "/x/app:signed");
    ObjectNode mutated = apply(pod, server.review("/mutate", Reviews.create("p1", pod)));

    JsonNode again = server.review("/mutate", Reviews.create("p2", mutated));

    assertThat(again.path("allowed").asBoolean()).isTrue();
    assertThat(again.has("patch")).as(again.toString()).isFalse();
  }

  /**
   * Finding 11: a failed Audit policy is one warning per image and policy across the mutating and
   * validating webhooks (the API server shows both webhooks' warnings).
   */
  @Test
  void auditFailureIsOneWarningAcrossBothWebhooks() throws Exception {
    RealGate.Server server =
        gate.serve(
            List.of(
                gate.policy("pin", gate.host() + "/x/*", "k1", "Enforce"),
                gate.policy("audit-k2", gate.host() + "/x/*", "k2", "Audit")));
    ObjectNode pod = Reviews.pod("audited", gate.host() + "/x/app:signed");

    JsonNode mutate = server.review("/mutate", Reviews.create("w1", pod));
    ObjectNode mutated = apply(pod, mutate);
    JsonNode validate = server.review("/validate", Reviews.create("w2", mutated));

    List<String> warnings = new ArrayList<>();
    mutate.path("warnings").forEach(w -> warnings.add(w.asText()));
    validate.path("warnings").forEach(w -> warnings.add(w.asText()));
    assertThat(validate.path("allowed").asBoolean()).isTrue();
    assertThat(warnings).filteredOn(w -> w.contains("audit-k2")).hasSize(1);
  }

  /** Applies a mutate answer's JSONPatch (replace and add of object members) to a copy. */
  static ObjectNode apply(ObjectNode object, JsonNode response) throws Exception {
    ObjectNode copy = object.deepCopy();
    if (!response.has("patch")) {
      return copy;
    }
    JsonNode patch =
        Reviews.JSON.readTree(Base64.getDecoder().decode(response.path("patch").asText()));
    for (JsonNode op : patch) {
      String path = op.path("path").asText();
      int slash = path.lastIndexOf('/');
      JsonNode parent = copy.at(path.substring(0, slash));
      String last = path.substring(slash + 1).replace("~1", "/").replace("~0", "~");
      if (parent instanceof ArrayNode array) {
        array.set(Integer.parseInt(last), op.path("value"));
      } else {
        ((ObjectNode) parent).set(last, op.path("value"));
      }
    }
    return copy;
  }

  static List<String> patchPaths(JsonNode response) throws Exception {
    List<String> paths = new ArrayList<>();
    if (response.has("patch")) {
      Reviews.JSON
          .readTree(Base64.getDecoder().decode(response.path("patch").asText()))
          .forEach(op -> paths.add(op.path("path").asText()));
    }
    return paths;
  }
}
