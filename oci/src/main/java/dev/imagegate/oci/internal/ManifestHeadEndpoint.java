package dev.imagegate.oci.internal;

import dev.imagegate.oci.Digest;
import dev.imagegate.oci.RepositoryName;
import java.util.Optional;

/**
 * {@code HEAD /v2/<name>/manifests/<tag>}: the digest from {@code Docker-Content-Digest}. Any
 * status is an answer; empty means "ask again with GET" (no header, an error, a registry that
 * mishandles HEAD).
 */
record ManifestHeadEndpoint(RepositoryName repository, String reference)
    implements ManifestEndpoint<Optional<Digest>> {
  @Override
  public String method() {
    return "HEAD";
  }

  @Override
  public long maxBodyBytes() {
    return 0;
  }

  @Override
  public String describe() {
    return "resolving " + reference + " of " + repository;
  }

  @Override
  public boolean handles(int status) {
    return true;
  }

  @Override
  public Optional<Digest> handle(RegistryResponse response) {
    String header = response.header("docker-content-digest");
    if (response.status() != 200 || header == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Digest.parse(header.trim()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
