package dev.imagegate.webhook.internal;

import dev.imagegate.cosign.CosignPayloads;
import dev.imagegate.oci.Digest;
import dev.imagegate.webhook.LoopbackRegistry;
import dev.imagegate.webhook.PolicyDocument;
import dev.imagegate.webhook.PolicySet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A {@link LoopbackRegistry} holding images signed in memory the way {@code cosign sign} signs them
 * (a {@code sha256-<hex>.sig} manifest whose simple-signing layer carries the ECDSA signature),
 * with a key made for the run: the registry of {@link StartupWarmUp}. The referrers API answers
 * 404, as the CNCF distribution registry 2.8 does, so a verification takes the same fallback path
 * as against most registries.
 */
final class WarmUpRegistry implements AutoCloseable {
  static final String REPOSITORY = "imagegate/warm-up";
  private static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final String CONFIG = "application/vnd.oci.image.config.v1+json";

  /** A blob or manifest as a descriptor needs it. */
  private record Content(String mediaType, int size, String digest) {}

  private final KeyPair key;
  private final LoopbackRegistry registry;
  private final Content config;
  private final Queue<String> tags = new ConcurrentLinkedQueue<>();

  private WarmUpRegistry(KeyPair key) throws IOException {
    this.key = key;
    this.registry = LoopbackRegistry.start();
    this.config =
        blob(
            CONFIG,
            "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\"}}");
  }

  /** Starts an empty registry with a new P-256 signing key. */
  static WarmUpRegistry start() throws IOException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return new WarmUpRegistry(generator.generateKeyPair());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no P-256 key generator", e);
    }
  }

  /** {@code 127.0.0.1:PORT}. */
  String host() {
    return registry.host();
  }

  /** The public key that verifies every signature of this registry, PEM. */
  String publicKeyPem() {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(key.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  /** An image of this registry: its tagged reference and its manifest digest. */
  record SignedImage(String reference, String digest) {
    /** The reference pinned to the digest, as the mutating webhook leaves it for validation. */
    String pinned() {
      return reference + "@" + digest;
    }
  }

  /** Adds image number {@code n}, signed, as {@code HOST/REPOSITORY:tag-n}. */
  SignedImage addSignedImage(int n) {
    Content layer = blob("application/vnd.oci.image.layer.v1.tar", "imagegate warm-up image " + n);
    String tag = "tag-" + n;
    Content image = manifest(MANIFEST, manifestJson(layer, ""), tag);
    tags.add(tag);
    byte[] payloadBytes =
        CosignPayloads.simpleSigning(host() + "/" + REPOSITORY, Digest.parse(image.digest()));
    Content payload = blob("application/vnd.dev.cosign.simplesigning.v1+json", payloadBytes);
    String signature = sign(payloadBytes);
    manifest(
        MANIFEST,
        manifestJson(
            payload,
            ",\"annotations\":{\"dev.cosignproject.cosign/signature\":\"" + signature + "\"}"),
        image.digest().replace(':', '-') + ".sig");
    return new SignedImage(host() + "/" + REPOSITORY + ":" + tag, image.digest());
  }

  /**
   * The fewest and the most reads of one image tag (not signature tags) so far: the engines'
   * resolutions of an image read once against those of a tag read again and again.
   */
  IntSummaryStatistics tagReads() {
    return tags.stream().mapToInt(registry::tagReads).summaryStatistics();
  }

  /**
   * The warm-up's policies: a legacy ClusterPolicy and an ImageValidatingPolicy that verify this
   * registry's images with its key, offline.
   */
  PolicySet policies() {
    String key = publicKeyPem().indent(14).stripTrailing();
    String pattern = host() + "/" + REPOSITORY + ":*";
    String legacy =
        """
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata:
          name: imagegate-warm-up
        spec:
          validationFailureAction: Enforce
          webhookTimeoutSeconds: 10
          rules:
          - name: warm-up
            match:
              any:
              - resources:
                  kinds: [Pod]
            verifyImages:
            - imageReferences: ["%s"]
              mutateDigest: true
              attestors:
              - entries:
                - keys:
                    publicKeys: |-
        %s
                    rekor:
                      ignoreTlog: true
                    ctlog:
                      ignoreSCT: true
        """
            .formatted(pattern, key);
    String ivpol =
        """
        apiVersion: policies.kyverno.io/v1
        kind: ImageValidatingPolicy
        metadata:
          name: imagegate-warm-up
        spec:
          matchConstraints:
            resourceRules:
            - apiGroups: [""]
              apiVersions: [v1]
              operations: [CREATE, UPDATE]
              resources: [pods]
          matchImageReferences:
          - glob: "%s"
          attestors:
          - name: cosign
            cosign:
              key:
                data: |
        %s
              ctlog:
                insecureIgnoreTlog: true
          validations:
          - expression: >-
              images.containers.map(i, verifyImageSignatures(i, [attestors.cosign])).all(e, e > 0)
            message: failed the image signature verification
        """
            .formatted(pattern, publicKeyPem().indent(10).stripTrailing());
    return new PolicySet(
        "warm-up",
        List.of(
            new PolicyDocument("warm-up/clusterpolicy", null, legacy),
            new PolicyDocument("warm-up/imagevalidatingpolicy", null, ivpol)),
        Map.of());
  }

  private String manifestJson(Content layer, String layerAnnotations) {
    return "{\"schemaVersion\":2,\"mediaType\":\""
        + MANIFEST
        + "\",\"config\":"
        + descriptor(config, "")
        + ",\"layers\":["
        + descriptor(layer, layerAnnotations)
        + "]}";
  }

  private static String descriptor(Content content, String annotations) {
    return "{\"mediaType\":\""
        + content.mediaType()
        + "\",\"digest\":\""
        + content.digest()
        + "\",\"size\":"
        + content.size()
        + annotations
        + "}";
  }

  private String sign(byte[] payload) {
    try {
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(key.getPrivate());
      s.update(payload);
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("signing with a fresh P-256 key failed", e);
    }
  }

  private Content blob(String mediaType, String text) {
    return blob(mediaType, text.getBytes(StandardCharsets.UTF_8));
  }

  private Content blob(String mediaType, byte[] bytes) {
    return new Content(mediaType, bytes.length, registry.addBlob(bytes));
  }

  private Content manifest(String mediaType, String json, String tag) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return new Content(mediaType, bytes.length, registry.addManifest(mediaType, bytes, tag));
  }

  @Override
  public void close() {
    registry.close();
  }
}
