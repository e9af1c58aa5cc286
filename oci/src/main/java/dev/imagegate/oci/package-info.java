/**
 * The OCI distribution client: image references and digests, descriptors and manifests, and {@link
 * dev.imagegate.oci.Repository} views of a registry repository or an OCI image layout. Callers may
 * rely on every fetched manifest and blob having its digest verified and its size bounded, on
 * operations failing with {@link dev.imagegate.oci.RegistryException} (never a partial result), and
 * on {@link dev.imagegate.oci.OciClient} being thread-safe. Values are never null unless a
 * component is marked {@code @Nullable}.
 */
@NullMarked
package dev.imagegate.oci;

import org.jspecify.annotations.NullMarked;
