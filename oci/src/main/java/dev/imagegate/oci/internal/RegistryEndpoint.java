package dev.imagegate.oci.internal;

import dev.imagegate.oci.RegistryException;
import java.util.List;

/**
 * One registry API endpoint (jib-core style): its route, the media types it accepts, how large an
 * answer it reads, how it describes itself in messages, and how it turns an answer into a value.
 */
interface RegistryEndpoint<T> {
  /** GET or HEAD. */
  String method();

  /** Path and query below the registry base, e.g. {@code /v2/app/manifests/v1}. */
  String pathAndQuery();

  List<String> accept();

  /** Bound on a successful body. */
  long maxBodyBytes();

  /** What the endpoint does, for messages: "fetching manifest v1 of 127.0.0.1:5000/app". */
  String describe();

  /**
   * Statuses this endpoint turns into a value (2xx by default; a manifest fetch also takes 404).
   */
  default boolean handles(int status) {
    return status / 100 == 2;
  }

  T handle(RegistryResponse response) throws RegistryException;

  /**
   * Whether a redirect to another host is followed: true for blob downloads only, which registries
   * send to their storage.
   */
  default boolean followsCrossOriginRedirects() {
    return false;
  }
}
