package dev.imagegate.oci.internal;

import dev.imagegate.oci.Descriptor;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.Manifest;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.RegistryException.Kind;
import dev.imagegate.oci.RepositoryName;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A repository of a remote registry: the thin coordinator over the endpoint classes. */
final class RegistryRepository extends ObservedRepository {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryRepository.class);
  private final EndpointRunner runner;
  private final ReferrersApiMemory referrersApi;
  private final CredentialSource credentials;
  private final long maxManifestBytes;

  RegistryRepository(
      RepositoryName name,
      EndpointRunner runner,
      OperationObserver observer,
      ReferrersApiMemory referrersApi,
      CredentialSource credentials,
      long maxManifestBytes) {
    super(checked(name), observer, "fetching");
    this.runner = runner;
    this.referrersApi = referrersApi;
    this.credentials = credentials;
    this.maxManifestBytes = maxManifestBytes;
  }

  private static RepositoryName checked(RepositoryName name) {
    ReferenceSyntax.checkRepositoryPath(name);
    return name;
  }

  @Override
  Digest resolveTag(String ref, String what, Call call) throws RegistryException {
    Optional<Digest> head = run(new ManifestHeadEndpoint(name, ref), call);
    if (head.isPresent()) {
      return head.get();
    }
    // HEAD failed or had no Docker-Content-Digest: GET and hash the bytes ourselves.
    return readManifest(ref, what, call)
        .orElseThrow(
            () -> new RegistryException(Kind.NOT_FOUND, 404, what + ": no such manifest", null))
        .digest();
  }

  @Override
  Optional<Manifest> readManifest(String ref, String what, Call call) throws RegistryException {
    return run(new ManifestGetEndpoint(name, ref, maxManifestBytes), call);
  }

  @Override
  byte[] readBlob(Descriptor descriptor, long maxBytes, String what, Call call)
      throws RegistryException {
    return run(new BlobGetEndpoint(name, descriptor, maxBytes), call);
  }

  @Override
  List<Descriptor> listReferrers(
      Digest subject, @Nullable String artifactType, String what, Call call)
      throws RegistryException {
    if (!Boolean.FALSE.equals(referrersApi.supports(name))) {
      List<Descriptor> viaApi = viaApi(subject, artifactType, call);
      if (viaApi != null) {
        referrersApi.remember(name, true);
        return viaApi;
      }
      referrersApi.remember(name, false);
    }
    return viaTag(subject, what, call);
  }

  /** All pages of the referrers API, or null when the registry lacks it. */
  private @Nullable List<Descriptor> viaApi(
      Digest subject, @Nullable String artifactType, Call call) throws RegistryException {
    List<Descriptor> all = Referrers.newList();
    String page = ReferrersEndpoint.firstPage(name, subject, artifactType);
    for (int pages = 0; page != null; pages++) {
      if (pages == Referrers.MAX_PAGES) {
        throw new RegistryException(
            Kind.TOO_LARGE,
            0,
            call.description() + ": more than " + Referrers.MAX_PAGES + " pages",
            null);
      }
      ReferrersEndpoint.Answer answer =
          run(new ReferrersEndpoint(name, subject, page, maxManifestBytes), call);
      if (answer instanceof ReferrersEndpoint.Unsupported u) {
        LOG.debug("{} lacks the referrers API ({}); using the referrers tag schema", name, u.why());
        return null;
      }
      ReferrersEndpoint.Page p = (ReferrersEndpoint.Page) answer;
      Referrers.addBounded(all, p.referrers(), call.description());
      page = p.next();
    }
    return all;
  }

  /**
   * The referrers tag schema: an image index at tag {@code <alg>-<hex>}; no tag means no referrers.
   */
  private List<Descriptor> viaTag(Digest subject, String what, Call call) throws RegistryException {
    Optional<Manifest> index = readManifest(subject.tagForm(), what, call);
    if (index.isEmpty()) {
      return List.of();
    }
    if (!(index.get().content() instanceof Manifest.ImageIndex idx)) {
      throw new RegistryException(
          Kind.PROTOCOL,
          0,
          what
              + ": referrers tag "
              + subject.tagForm()
              + " holds "
              + index.get().content().mediaType()
              + ", not an image index",
          null);
    }
    List<Descriptor> all = Referrers.newList();
    Referrers.addBounded(all, idx.manifests(), what);
    return all;
  }

  private <T> T run(RegistryEndpoint<T> endpoint, Call call) throws RegistryException {
    return runner.run(endpoint, name.registry(), name.path(), credentials, call);
  }
}
