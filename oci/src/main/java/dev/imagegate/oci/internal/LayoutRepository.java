package dev.imagegate.oci.internal;

import dev.imagegate.oci.Descriptor;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.Manifest;
import dev.imagegate.oci.MediaTypes;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.RegistryException.Kind;
import dev.imagegate.oci.RepositoryName;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OCI image layout directory as a repository. Tags are the {@code
 * org.opencontainers.image.ref.name} annotations of {@code index.json} (oras, notation,
 * OciLayoutWriter); {@code cosign save} layouts name their entries with a {@code kind} annotation
 * instead, so {@code sha256-<hex>.sig}/{@code .att} are found through {@link CosignLayoutNames}.
 * Referrers are the manifests reachable from {@code index.json} whose {@code subject} is the
 * digest, plus the {@code sha256-<hex>} referrers-tag index.
 */
final class LayoutRepository extends ObservedRepository {
  private static final Logger LOG = LoggerFactory.getLogger(LayoutRepository.class);
  static final String REF_NAME = "org.opencontainers.image.ref.name";

  /** Bound on manifests visited when scanning for referrers. */
  static final int MAX_SCANNED = 10_000;

  private final LayoutStore store;
  private final long maxManifestBytes;

  LayoutRepository(RepositoryName name, OperationObserver observer, long maxManifestBytes) {
    super(name, observer, "reading");
    this.store = new LayoutStore(Path.of(name.path()));
    this.maxManifestBytes = maxManifestBytes;
  }

  @Override
  Digest resolveTag(String ref, String what, Call call) throws RegistryException {
    return entry(ref)
        .orElseThrow(
            () ->
                new RegistryException(
                    Kind.NOT_FOUND, 0, what + ": no index.json entry is named " + ref, null))
        .digest();
  }

  @Override
  Optional<Manifest> readManifest(String ref, String what, Call call) throws RegistryException {
    if (!ReferenceSyntax.isDigest(ref)) {
      Optional<Descriptor> e = entry(ref);
      return e.isEmpty() ? Optional.empty() : read(e.get().digest(), e.get().mediaType(), what);
    }
    Digest d = Digest.parse(ref);
    String declared =
        store.index().stream()
            .filter(x -> x.digest().equals(d))
            .map(Descriptor::mediaType)
            .findFirst()
            .orElse(null);
    return read(d, declared, what);
  }

  private Optional<Descriptor> entry(String tag) throws RegistryException {
    List<Descriptor> index = store.index();
    for (Descriptor d : index) {
      if (tag.equals(d.annotations().get(REF_NAME))) {
        return Optional.of(d);
      }
    }
    return CosignLayoutNames.find(tag, index);
  }

  private Optional<Manifest> read(Digest digest, @Nullable String declaredMediaType, String what)
      throws RegistryException {
    Optional<byte[]> bytes = store.blob(digest, maxManifestBytes, what);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    String declared =
        MediaTypes.isIndex(declaredMediaType) || MediaTypes.isManifest(declaredMediaType)
            ? declaredMediaType
            : null;
    try {
      return Optional.of(ManifestParser.parse(bytes.get(), declared, digest));
    } catch (ManifestParser.UnsupportedMediaTypeException e) {
      throw new RegistryException(Kind.UNSUPPORTED, 0, what + ": " + e.getMessage(), e);
    } catch (ManifestParser.MalformedManifestException e) {
      throw new RegistryException(Kind.PROTOCOL, 0, what + ": " + e.getMessage(), e);
    }
  }

  @Override
  byte[] readBlob(Descriptor descriptor, long maxBytes, String what, Call call)
      throws RegistryException {
    byte[] bytes =
        store
            .blob(descriptor.digest(), maxBytes, what)
            .orElseThrow(
                () ->
                    new RegistryException(
                        Kind.NOT_FOUND, 0, what + ": the layout has no such blob", null));
    return BlobGetEndpoint.verify(bytes, descriptor, what);
  }

  @Override
  List<Descriptor> listReferrers(
      Digest subject, @Nullable String artifactType, String what, Call call)
      throws RegistryException {
    List<Descriptor> found = Referrers.newList();
    Optional<Descriptor> tagged = entry(subject.tagForm());
    Optional<Manifest> tagIndex =
        tagged.isEmpty()
            ? Optional.empty()
            : read(tagged.get().digest(), tagged.get().mediaType(), what);
    if (tagIndex.isPresent() && tagIndex.get().content() instanceof Manifest.ImageIndex idx) {
      Referrers.addBounded(found, idx.manifests(), what);
    }
    Referrers.addBounded(found, bySubject(subject, what), what);
    return found;
  }

  /**
   * Walks the manifests reachable from index.json and keeps those whose subject is {@code subject}.
   */
  private List<Descriptor> bySubject(Digest subject, String what) throws RegistryException {
    List<Descriptor> out = Referrers.newList();
    Deque<Descriptor> todo = new ArrayDeque<>(store.index());
    Set<Digest> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      Descriptor d = todo.poll();
      if (!seen.add(d.digest())
          || !(MediaTypes.isIndex(d.mediaType()) || MediaTypes.isManifest(d.mediaType()))) {
        continue;
      }
      if (seen.size() > MAX_SCANNED) {
        throw new RegistryException(
            Kind.TOO_LARGE,
            0,
            what + ": more than " + MAX_SCANNED + " manifests in the layout",
            null);
      }
      Optional<Manifest> m;
      try {
        m = read(d.digest(), d.mediaType(), what);
      } catch (RegistryException e) {
        LOG.debug(
            "skipping unreadable manifest {} while scanning {}: {}",
            d.digest(),
            name,
            e.getMessage());
        continue;
      }
      if (m.isEmpty()) {
        continue;
      }
      Manifest.Content c = m.get().content();
      if (c.subject() != null && c.subject().digest().equals(subject)) {
        String type =
            c instanceof Manifest.ImageManifest im ? im.effectiveArtifactType() : c.artifactType();
        out.add(new Descriptor(c.mediaType(), d.digest(), d.size(), c.annotations(), type, null));
      }
      if (c instanceof Manifest.ImageIndex idx) {
        todo.addAll(idx.manifests());
      }
    }
    return out;
  }
}
