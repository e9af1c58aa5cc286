package dev.imagegate.cosign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.ImageReference;
import dev.imagegate.oci.OciClient;
import dev.imagegate.oci.OciClientConfig;
import dev.imagegate.sigstore.TrustedRoot;
import dev.imagegate.verify.Failure;
import dev.imagegate.verify.Outcome;
import dev.imagegate.verify.PhaseTimings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key-signed legacy {@code .sig} layers that carry a Rekor SET ({@code
 * dev.sigstore.cosign/bundle}), as cosign v2 writes them with the default {@code
 * --tlog-upload=true}: the SET is verified offline with the configured Rekor key, and the logged
 * hashedrekord entry must record this signature, key and payload.
 */
class KeySetTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long INTEGRATED_TIME = 1_735_689_600L;

  @TempDir Path tmp;

  private final KeyPair signer = ec();
  private final KeyPair rekor = ec();
  private final KeyPair otherRekor = ec();

  @Test
  void setVerifiesWithTheConfiguredRekorKey() throws Exception {
    CosignReport r = verify(layer(rekor, null), trust(rekor), false);
    assertThat(r.outcome().verified()).as(r.findings().toString()).isTrue();
  }

  @Test
  void setSignedByAnotherLogIsRejected() throws Exception {
    CosignReport r = verify(layer(otherRekor, null), trust(rekor), false);
    assertThat(reason(r)).contains("not a trusted transparency log");
    assertThat(r.findings().get(0).reason().code()).isEqualTo(Failure.Code.TLOG);
  }

  @Test
  void setForgedWithTheRightLogIdIsRejected() throws Exception {
    // logID names the trusted log, but another key signed the SET.
    CosignReport r = verify(layer(otherRekor, logId(rekor.getPublic())), trust(rekor), false);
    assertThat(reason(r)).contains("does not verify");
  }

  @Test
  void publicGoodTrustDoesNotKnowAPrivateLog() throws Exception {
    CosignReport r = verify(layer(rekor, null), CosignTrust.publicGood(), false);
    assertThat(reason(r)).contains("not a trusted transparency log");
  }

  @Test
  void entryForAnotherSignatureIsRejected() throws Exception {
    Layer l = layer(rekor, null);
    byte[] otherPayload = payload("sha256:" + "0".repeat(64));
    Layer swapped =
        new Layer(
            l.payload, l.signatureB64, set(rekor, null, body(otherPayload, sign(otherPayload))));
    CosignReport r = verify(swapped, trust(rekor), false);
    assertThat(reason(r)).contains("tlog entry records a different signature");
  }

  @Test
  void missingEntryIsRejectedUnlessTheLogIsIgnored() throws Exception {
    Layer l = layer(rekor, null);
    Layer bare = new Layer(l.payload, l.signatureB64, null);
    assertThat(reason(verify(bare, trust(rekor), false))).contains("no transparency log entry");
    assertThat(verify(bare, trust(rekor), true).outcome().verified()).isTrue();
  }

  @Test
  void noRekorKeyAtAllIsExplained() throws Exception {
    TrustedRoot none = new TrustedRoot(List.of(), List.of(), List.of(), List.of());
    assertThat(reason(verify(layer(rekor, null), none, false)))
        .contains("no Rekor public key is trusted");
  }

  private record Layer(byte[] payload, String signatureB64, String bundleAnnotation) {}

  private Layer layer(KeyPair log, byte[] claimedLogId) throws Exception {
    byte[] payload = payload(imageDigest().toString());
    String sig = sign(payload);
    return new Layer(payload, sig, set(log, claimedLogId, body(payload, sig)));
  }

  private static Digest imageDigest() throws Exception {
    return Digest.sha256(
        Files.readAllBytes(
            KeyVectorTest.VECTORS.resolve("generated/images/primary-manifest.json")));
  }

  private static byte[] payload(String digest) {
    return ("{\"critical\":{\"identity\":{\"docker-reference\":\"example.test/app\"},\"image\":{\"docker-manifest-digest\":\""
            + digest
            + "\"},\"type\":\"cosign container image signature\"},\"optional\":null}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private String sign(byte[] data) throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(signer.getPrivate());
    s.update(data);
    return Base64.getEncoder().encodeToString(s.sign());
  }

  /** A hashedrekord v0.0.1 entry body, base64. */
  private String body(byte[] payload, String sigB64) throws Exception {
    ObjectNode b = JSON.createObjectNode().put("apiVersion", "0.0.1").put("kind", "hashedrekord");
    ObjectNode spec = b.putObject("spec");
    spec.putObject("data")
        .putObject("hash")
        .put("algorithm", "sha256")
        .put(
            "value",
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload)));
    ObjectNode sig = spec.putObject("signature").put("content", sigB64);
    sig.putObject("publicKey")
        .put(
            "content",
            Base64.getEncoder()
                .encodeToString(pem(signer.getPublic()).getBytes(StandardCharsets.UTF_8)));
    return Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(b));
  }

  /**
   * The cosign bundle annotation: the SET signs the RFC 8785 form of {body, integratedTime, logID,
   * logIndex}.
   */
  private static String set(KeyPair log, byte[] claimedLogId, String body) throws Exception {
    String logId =
        HexFormat.of().formatHex(claimedLogId != null ? claimedLogId : logId(log.getPublic()));
    String canonical =
        "{\"body\":\""
            + body
            + "\",\"integratedTime\":"
            + INTEGRATED_TIME
            + ",\"logID\":\""
            + logId
            + "\",\"logIndex\":42}";
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(log.getPrivate());
    s.update(canonical.getBytes(StandardCharsets.UTF_8));
    ObjectNode a =
        JSON.createObjectNode()
            .put("SignedEntryTimestamp", Base64.getEncoder().encodeToString(s.sign()));
    a.putObject("Payload")
        .put("body", body)
        .put("integratedTime", INTEGRATED_TIME)
        .put("logIndex", 42)
        .put("logID", logId);
    return JSON.writeValueAsString(a);
  }

  private static byte[] logId(PublicKey k) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(k.getEncoded());
  }

  private static TrustedRoot trust(KeyPair log) {
    return CosignTrust.compose(CosignTrust.publicGood(), null, pem(log.getPublic()), null, null);
  }

  private CosignReport verify(Layer l, TrustedRoot trust, boolean ignoreTlog) throws Exception {
    Path layout = tmp.resolve("layout-" + System.nanoTime());
    VectorLayouts v = new VectorLayouts(layout);
    Digest image =
        v.manifest(
            Files.readAllBytes(
                KeyVectorTest.VECTORS.resolve("generated/images/primary-manifest.json")),
            "image");
    Digest config = v.blob("{}".getBytes(StandardCharsets.UTF_8));
    Digest blob = v.blob(l.payload);
    Map<String, String> ann = new TreeMap<>();
    ann.put("dev.cosignproject.cosign/signature", l.signatureB64);
    if (l.bundleAnnotation != null) {
      ann.put("dev.sigstore.cosign/bundle", l.bundleAnnotation);
    }
    ObjectNode m =
        JSON.createObjectNode()
            .put("schemaVersion", 2)
            .put("mediaType", "application/vnd.oci.image.manifest.v1+json");
    m.putObject("config")
        .put("mediaType", "application/vnd.oci.image.config.v1+json")
        .put("digest", config.toString())
        .put("size", 2);
    ObjectNode layer =
        m.putArray("layers")
            .addObject()
            .put("mediaType", "application/vnd.dev.cosign.simplesigning.v1+json")
            .put("digest", blob.toString())
            .put("size", l.payload.length);
    layer.set("annotations", JSON.valueToTree(ann));
    v.manifest(JSON.writeValueAsBytes(m), image.tagForm() + ".sig");
    v.write();
    NamedKey key = new NamedKey("cosign.pub", signer.getPublic());
    CosignRequirements req =
        CosignRequirements.builder().keys(List.of(key)).ignoreTlog(ignoreTlog).trust(trust).build();
    try (OciClient client = OciClient.create(OciClientConfig.defaults())) {
      return new CosignVerifier(client)
          .verify(
              ImageReference.parse("oci-layout:" + layout + "@" + image),
              image,
              req,
              new PhaseTimings());
    }
  }

  private static String reason(CosignReport r) {
    assertThat(r.outcome()).isInstanceOf(Outcome.Denied.class);
    return r.findings().get(0).reason().message();
  }

  private static String pem(PublicKey k) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(k.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  private static KeyPair ec() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
