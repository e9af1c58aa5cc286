package dev.imagegate.oci.internal;

import dev.imagegate.oci.Descriptor;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.Manifest;
import dev.imagegate.oci.OciEvent.Operation;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.RegistryException.Kind;
import dev.imagegate.oci.Repository;
import dev.imagegate.oci.RepositoryName;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A repository of a remote registry: the thin coordinator over the endpoint classes. */
final class RegistryRepository implements Repository {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryRepository.class);
  private final RepositoryName name;
  private final EndpointRunner runner;
  private final OperationObserver observer;
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
    ReferenceSyntax.checkRepositoryPath(name);
    this.name = name;
    this.runner = runner;
    this.observer = observer;
    this.referrersApi = referrersApi;
    this.credentials = credentials;
    this.maxManifestBytes = maxManifestBytes;
  }

  @Override
  public RepositoryName name() {
    return name;
  }

  @Override
  public Digest resolve(String tag) throws RegistryException {
    String ref = ReferenceSyntax.checkReference(tag, name);
    return observer.observe(
        Operation.RESOLVE,
        name,
        ref,
        "resolving " + ref + " of " + name,
        call -> {
          if (ReferenceSyntax.isDigest(ref)) {
            return Digest.parse(ref);
          }
          Optional<Digest> head = run(new ManifestHeadEndpoint(name, ref), call);
          if (head.isPresent()) {
            return head.get();
          }
          // HEAD failed or had no Docker-Content-Digest: GET and hash the bytes ourselves.
          return fetchManifest(ref, call)
              .orElseThrow(
                  () ->
                      new RegistryException(
                          Kind.NOT_FOUND,
                          404,
                          "resolving " + ref + " of " + name + ": no such manifest",
                          null))
              .digest();
        });
  }

  @Override
  public Optional<Manifest> manifest(String tagOrDigest) throws RegistryException {
    String ref = ReferenceSyntax.checkReference(tagOrDigest, name);
    return observer.observe(
        Operation.MANIFEST,
        name,
        ref,
        "fetching manifest " + ref + " of " + name,
        call -> fetchManifest(ref, call));
  }

  private Optional<Manifest> fetchManifest(String ref, Call call) throws RegistryException {
    return run(new ManifestGetEndpoint(name, ref, maxManifestBytes), call);
  }

  @Override
  public byte[] blob(Descriptor descriptor, long maxBytes) throws RegistryException {
    String what = "fetching blob " + descriptor.digest() + " of " + name;
    return observer.observe(
        Operation.BLOB,
        name,
        descriptor.digest().toString(),
        what,
        call -> {
          if (descriptor.size() > maxBytes) {
            throw new RegistryException(
                Kind.TOO_LARGE,
                0,
                what
                    + ": its descriptor says "
                    + descriptor.size()
                    + " bytes, more than the limit of "
                    + maxBytes,
                null);
          }
          return run(new BlobGetEndpoint(name, descriptor, maxBytes), call);
        });
  }

  @Override
  public List<Descriptor> referrers(Digest subject, @Nullable String artifactType)
      throws RegistryException {
    String what = "listing referrers of " + subject + " in " + name;
    return observer.observe(
        Operation.REFERRERS,
        name,
        subject.toString(),
        what,
        call -> {
          if (!Boolean.FALSE.equals(referrersApi.supports(name))) {
            List<Descriptor> viaApi = viaApi(subject, artifactType, call);
            if (viaApi != null) {
              referrersApi.remember(name, true);
              return Referrers.filter(viaApi, artifactType);
            }
            referrersApi.remember(name, false);
          }
          return Referrers.filter(viaTag(subject, what, call), artifactType);
        });
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
    Optional<Manifest> index = fetchManifest(subject.tagForm(), call);
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
