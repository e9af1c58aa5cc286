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

/**
 * What every repository does around its own reads, so that a registry and an OCI layout behave the
 * same to callers: the reference syntax is checked first, each operation is one observed call
 * (events, deadline, cancellation: {@link OperationObserver}), a digest reference resolves to
 * itself, a blob whose descriptor declares more than the bound is refused before anything is read,
 * and referrers are filtered by artifact type. {@link RegistryRepository} and {@link
 * LayoutRepository} supply the reads.
 */
abstract class ObservedRepository implements Repository {
  final RepositoryName name;
  private final OperationObserver observer;
  private final String blobVerb;

  /**
   * @param blobVerb how blob reads are described in messages ({@code fetching} over the network,
   *     {@code reading} from disk)
   */
  ObservedRepository(RepositoryName name, OperationObserver observer, String blobVerb) {
    this.name = name;
    this.observer = observer;
    this.blobVerb = blobVerb;
  }

  @Override
  public final RepositoryName name() {
    return name;
  }

  @Override
  public final Digest resolve(String tag) throws RegistryException {
    String ref = ReferenceSyntax.checkReference(tag, name);
    String what = "resolving " + ref + " of " + name;
    return observer.observe(
        Operation.RESOLVE,
        name,
        ref,
        what,
        call -> ReferenceSyntax.isDigest(ref) ? Digest.parse(ref) : resolveTag(ref, what, call));
  }

  @Override
  public final Optional<Manifest> manifest(String tagOrDigest) throws RegistryException {
    String ref = ReferenceSyntax.checkReference(tagOrDigest, name);
    String what = "fetching manifest " + ref + " of " + name;
    return observer.observe(
        Operation.MANIFEST, name, ref, what, call -> readManifest(ref, what, call));
  }

  @Override
  public final byte[] blob(Descriptor descriptor, long maxBytes) throws RegistryException {
    String what = blobVerb + " blob " + descriptor.digest() + " of " + name;
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
          return readBlob(descriptor, maxBytes, what, call);
        });
  }

  @Override
  public final List<Descriptor> referrers(Digest subject, @Nullable String artifactType)
      throws RegistryException {
    String what = "listing referrers of " + subject + " in " + name;
    return observer.observe(
        Operation.REFERRERS,
        name,
        subject.toString(),
        what,
        call -> Referrers.filter(listReferrers(subject, artifactType, what, call), artifactType));
  }

  /** The digest a tag names; {@code what} describes the operation for messages. */
  abstract Digest resolveTag(String tag, String what, Call call) throws RegistryException;

  /** The manifest at a checked tag or digest reference, empty when there is none. */
  abstract Optional<Manifest> readManifest(String ref, String what, Call call)
      throws RegistryException;

  /** The blob's bytes, at most {@code maxBytes} (its declared size is already within it). */
  abstract byte[] readBlob(Descriptor descriptor, long maxBytes, String what, Call call)
      throws RegistryException;

  /**
   * The referrers of {@code subject} before the artifact-type filter (which may be pushed down).
   */
  abstract List<Descriptor> listReferrers(
      Digest subject, @Nullable String artifactType, String what, Call call)
      throws RegistryException;
}
