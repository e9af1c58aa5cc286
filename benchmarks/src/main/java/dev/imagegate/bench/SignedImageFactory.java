package dev.imagegate.bench;

import dev.imagegate.cosign.CosignPayloads;
import dev.imagegate.oci.Digest;
import dev.imagegate.testkit.RegistryUpload;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;

/**
 * Pushes many distinct images with legacy cosign signatures (the exact layout {@code cosign sign}
 * writes: a {@code sha256-<hex>.sig} manifest whose simple-signing layer carries the signature
 * annotation) straight to a registry. Load benchmarks need thousands of distinct signed images; the
 * cosign CLI signs about ten per second.
 */
final class SignedImageFactory {
  private static final String CONFIG_TYPE = "application/vnd.oci.image.config.v1+json";
  private static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
  private final RegistryUpload upload;
  private final KeyPair key;
  private final String configDigest;
  private final int configSize;
  private final String host;

  SignedImageFactory(String host, KeyPair key, String repo) {
    this.host = host;
    this.upload = new RegistryUpload(host);
    this.key = key;
    byte[] config =
        "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
            .getBytes(StandardCharsets.UTF_8);
    this.configDigest = upload.blob(repo, config);
    this.configSize = config.length;
  }

  /** Pushes image number {@code n} to {@code repo:tag} and signs it; returns the tag reference. */
  String pushSigned(String repo, String tag, int n) throws Exception {
    byte[] layer =
        ("imagegate benchmark image " + n + " " + System.nanoTime())
            .getBytes(StandardCharsets.UTF_8);
    String layerDigest = upload.blob(repo, layer);
    String digest =
        upload.manifest(
            repo,
            tag,
            MANIFEST_TYPE,
            oneLayerManifest(
                "application/vnd.oci.image.layer.v1.tar", layerDigest, layer.length, ""));
    byte[] payload = CosignPayloads.simpleSigning(host + "/" + repo, Digest.parse(digest));
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(key.getPrivate());
    s.update(payload);
    String sig = Base64.getEncoder().encodeToString(s.sign());
    String payloadDigest = upload.blob(repo, payload);
    upload.manifest(
        repo,
        digest.replace(':', '-') + ".sig",
        MANIFEST_TYPE,
        oneLayerManifest(
            "application/vnd.dev.cosign.simplesigning.v1+json",
            payloadDigest,
            payload.length,
            ",\"annotations\":{\"dev.cosignproject.cosign/signature\":\"" + sig + "\"}"));
    return host + "/" + repo + ":" + tag;
  }

  /**
   * An OCI image manifest over the shared config and one layer; {@code layerExtra} is appended to
   * the layer descriptor as is (the signature annotation, or nothing).
   */
  private byte[] oneLayerManifest(
      String layerMediaType, String layerDigest, int layerSize, String layerExtra) {
    return ("{\"schemaVersion\":2,\"mediaType\":\""
            + MANIFEST_TYPE
            + "\",\"config\":{\"mediaType\":\""
            + CONFIG_TYPE
            + "\",\"digest\":\""
            + configDigest
            + "\",\"size\":"
            + configSize
            + "},\"layers\":[{\"mediaType\":\""
            + layerMediaType
            + "\",\"digest\":\""
            + layerDigest
            + "\",\"size\":"
            + layerSize
            + layerExtra
            + "}]}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
