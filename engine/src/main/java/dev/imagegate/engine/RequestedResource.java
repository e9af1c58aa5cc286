package dev.imagegate.engine;

/**
 * The resource an admission request names ({@code request.resource} and {@code
 * request.subResource}): what the API server matched its webhook rules against. An object's kind
 * does not carry it: an update through {@code pods/ephemeralcontainers} sends the whole Pod, and
 * {@code deployments/scale} sends a {@code Scale}.
 *
 * @param group API group of the resource ({@code ""} for core)
 * @param resource the plural resource ({@code pods})
 * @param subResource the subresource ({@code ephemeralcontainers}), {@code ""} for none
 */
public record RequestedResource(String group, String version, String resource, String subResource) {

  /** {@code pods} or {@code pods/ephemeralcontainers}, as webhook rules write it. */
  public String path() {
    return subResource.isEmpty() ? resource : resource + "/" + subResource;
  }
}
