/**
 * Implementation of the OCI client: the HTTP transport with bounded bodies and retries, bearer and
 * basic authentication with token caching, docker config and credential helpers, the distribution
 * API endpoints (manifests, blobs, referrers API and tag fallback) and the OCI layout store. Not
 * API: other modules use only {@code dev.imagegate.oci}.
 */
@NullMarked
package dev.imagegate.oci.internal;

import org.jspecify.annotations.NullMarked;
