package dev.imagegate.ivpol.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.ImageReference;
import dev.imagegate.oci.Manifest;
import dev.imagegate.oci.OciClient;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.Repository;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What all policies of one admission request share: the registry client with the request's
 * credentials, one fetch per image string (Kyverno's ImageContext), and the verification evidence
 * that {@code required} reads after every policy has run (image to "some verification succeeded").
 */
public final class RequestScope {
  // Manifests and configs come from a registry: parsed with the untrusted-JSON limits.
  private static final ObjectMapper JSON = dev.imagegate.base.UntrustedJson.mapper();
  private static final long MAX_CONFIG_BYTES = 4L * 1024 * 1024;

  private final OciClient client;
  private final @Nullable Cache<String, Digest> resolutions;
  private final Map<String, Object> imageData;
  private final Map<String, Boolean> evidence;
  // Per request: every policy of the request sees the same digest for a tag, while the shared
  // cache's background refresh may replace it between two of their reads.
  private final Map<String, Digest> digests;

  public RequestScope(OciClient client) {
    this(client, null);
  }

  /**
   * @param resolutions tag resolutions shared across requests (the webhook; the legacy engine's
   *     cache with the same TTL, {@code EngineConfig.resolveTtl}), null to resolve every time (CLI)
   */
  public RequestScope(OciClient client, @Nullable Cache<String, Digest> resolutions) {
    this(
        client,
        resolutions,
        new ConcurrentHashMap<>(),
        new ConcurrentHashMap<>(),
        new ConcurrentHashMap<>());
  }

  private RequestScope(
      OciClient client,
      @Nullable Cache<String, Digest> resolutions,
      Map<String, Object> imageData,
      Map<String, Boolean> evidence,
      Map<String, Digest> digests) {
    this.client = client;
    this.resolutions = resolutions;
    this.imageData = imageData;
    this.evidence = evidence;
    this.digests = digests;
  }

  /**
   * The same scope (image data, evidence) with another client: one policy's view whose registry
   * work stops at that policy's own deadline ({@code webhookConfiguration.timeoutSeconds}).
   */
  public RequestScope withClient(OciClient other) {
    return new RequestScope(other, resolutions, imageData, evidence, digests);
  }

  public OciClient client() {
    return client;
  }

  /** Records a verification attempt for {@code image}. */
  public void record(String image, boolean verified) {
    evidence.merge(image, verified, Boolean::logicalOr);
  }

  /** True verified, false attempted and failed, null never attempted. */
  public @Nullable Boolean evidence(String image) {
    return evidence.get(image);
  }

  /** The reference and resolved digest of an image, or the registry's failure. */
  public record Resolved(ImageReference ref, Digest digest) {}

  public Resolved resolve(String image) throws RegistryException {
    ImageReference ref = ImageReference.parse(image);
    Digest d = ref.digest();
    if (d == null) {
      String key = ref.toString();
      d = digests.get(key);
      if (d == null) {
        d = resolutions == null ? null : resolutions.getIfPresent(key);
        if (d == null) {
          d = client.resolve(ref);
          if (resolutions != null) {
            resolutions.put(key, d);
          }
        }
        Digest first = digests.putIfAbsent(key, d);
        d = first != null ? first : d;
      }
    }
    return new Resolved(ref, d);
  }

  /**
   * Kyverno's image data: image, resolvedImage, registry, repository, identifier, tag, digest,
   * manifest, config (an index when the image is multi-platform: {@code imageIndex}).
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> imageData(String image) throws RegistryException {
    Object cached = imageData.get(image);
    if (cached instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    Resolved r = resolve(image);
    Repository repo = client.repository(r.ref());
    Manifest manifest =
        repo.manifest(r.digest().toString())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "manifest " + r.digest() + " of " + image + " not found"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("image", image);
    out.put("resolvedImage", r.ref().registry() + "/" + r.ref().repository() + "@" + r.digest());
    out.put("registry", r.ref().registry());
    out.put("repository", r.ref().repository());
    out.put("identifier", r.ref().digest() != null ? r.ref().digest().toString() : r.ref().tag());
    out.put("tag", r.ref().tag() == null ? "" : r.ref().tag());
    out.put("digest", r.digest().toString());
    Manifest image0 = manifest;
    try {
      JsonNode parsed = JSON.readTree(manifest.bytes());
      if (manifest.content() instanceof Manifest.ImageIndex index) {
        out.put("imageIndex", JSON.convertValue(parsed, Map.class));
        // As Kyverno (linux/amd64 first, else the first manifest): config of one platform.
        var chosen =
            index.manifests().stream()
                .filter(
                    d ->
                        d.platform() != null
                            && "linux".equals(d.platform().os())
                            && "amd64".equals(d.platform().architecture()))
                .findFirst()
                .or(() -> index.manifests().stream().findFirst());
        if (chosen.isPresent()) {
          image0 = repo.manifest(chosen.get().digest().toString()).orElse(manifest);
          parsed = JSON.readTree(image0.bytes());
        }
      }
      out.put("manifest", JSON.convertValue(parsed, Map.class));
      if (image0.content() instanceof Manifest.ImageManifest im && im.config() != null) {
        byte[] config = repo.blob(im.config(), MAX_CONFIG_BYTES);
        out.put("config", JSON.convertValue(JSON.readTree(config), Map.class));
      } else {
        out.put("config", Map.of());
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException(
          "invalid manifest or config of " + image + ": " + e.getMessage(), e);
    }
    imageData.put(image, out);
    return out;
  }
}
