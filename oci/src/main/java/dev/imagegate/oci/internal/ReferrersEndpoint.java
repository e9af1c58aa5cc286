package dev.imagegate.oci.internal;

import dev.imagegate.oci.Descriptor;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.Manifest;
import dev.imagegate.oci.MediaTypes;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.RegistryException.Kind;
import dev.imagegate.oci.RepositoryName;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of {@code GET /v2/<name>/referrers/<digest>[?artifactType=]} (OCI distribution spec
 * 1.1). A 404 that is not {@code NAME_UNKNOWN}, or a 200 that is not an image index, means the
 * registry lacks the API.
 */
record ReferrersEndpoint(
    RepositoryName repository, Digest subject, String pathAndQuery, long maxBytes)
    implements RegistryEndpoint<ReferrersEndpoint.Answer> {

  /** What the registry answered. */
  sealed interface Answer permits Page, Unsupported {}

  /** A page of referrers and the next page's path (null on the last page). */
  record Page(List<Descriptor> referrers, @Nullable String next) implements Answer {}

  /** The registry does not implement the referrers API. */
  record Unsupported(String why) implements Answer {}

  static String firstPage(
      RepositoryName repository, Digest subject, @Nullable String artifactType) {
    String path = "/v2/" + repository.path() + "/referrers/" + subject;
    return artifactType == null
        ? path
        : path
            + "?artifactType="
            + java.net.URLEncoder.encode(artifactType, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public String method() {
    return "GET";
  }

  @Override
  public List<String> accept() {
    return List.of(MediaTypes.OCI_INDEX);
  }

  @Override
  public long maxBodyBytes() {
    return maxBytes;
  }

  @Override
  public String describe() {
    return "listing referrers of " + subject + " in " + repository;
  }

  @Override
  public boolean handles(int status) {
    return status == 200 || status == 404;
  }

  @Override
  public Answer handle(RegistryResponse r) throws RegistryException {
    if (r.status() == 404) {
      if (RegistryErrors.codes(r.body()).contains("NAME_UNKNOWN")) {
        throw RegistryErrors.of(describe(), r);
      }
      return new Unsupported("404 " + RegistryErrors.describeBody(r));
    }
    if (!MediaTypes.OCI_INDEX.equals(r.contentType())) {
      return new Unsupported("answered with content type " + r.contentType());
    }
    Manifest.Content content;
    try {
      content =
          ManifestParser.parse(r.body(), MediaTypes.OCI_INDEX, Digest.sha256(r.body())).content();
    } catch (ManifestParser.MalformedManifestException
        | ManifestParser.UnsupportedMediaTypeException e) {
      throw new RegistryException(Kind.PROTOCOL, 200, describe() + ": " + e.getMessage(), e);
    }
    return new Page(((Manifest.ImageIndex) content).manifests(), nextLink(r));
  }

  /** The {@code rel="next"} target of the Link header, as a path on the same registry. */
  private @Nullable String nextLink(RegistryResponse r) throws RegistryException {
    for (String header : r.headers().allValues("link")) {
      for (String part : header.split(",")) {
        int lt = part.indexOf('<');
        int gt = part.indexOf('>');
        if (lt < 0
            || gt < lt
            || !part.substring(gt).replace(" ", "").contains("rel=\"next\"")
                && !part.substring(gt).replace(" ", "").contains("rel=next")) {
          continue;
        }
        URI next;
        try {
          next = r.uri().resolve(part.substring(lt + 1, gt).trim());
        } catch (IllegalArgumentException e) {
          throw new RegistryException(Kind.PROTOCOL, 200, describe() + ": unusable Link header", e);
        }
        if (!HttpTransport.sameOrigin(r.uri(), next)) {
          throw new RegistryException(
              Kind.PROTOCOL,
              200,
              describe() + ": next page link leaves the registry (" + next.getAuthority() + ")",
              null);
        }
        return next.getRawPath() + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery());
      }
    }
    return null;
  }
}
