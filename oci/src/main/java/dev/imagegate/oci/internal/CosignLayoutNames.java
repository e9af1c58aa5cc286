package dev.imagegate.oci.internal;

import dev.imagegate.oci.Descriptor;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How {@code cosign save} names the entries of its layout: no tags, but a {@code kind} annotation
 * on each index.json entry ({@code dev.cosignproject.cosign/image} or {@code /imageIndex} for the
 * signed image, {@code /sigs} and {@code /atts} for its signature and attestation manifests). One
 * layout holds one image, so {@code sha256-<hex>.sig} names the {@code sigs} entry when the image
 * entry has digest {@code sha256:<hex>}.
 */
final class CosignLayoutNames {
  static final String KIND = "kind";
  static final String IMAGE = "dev.cosignproject.cosign/image";
  static final String IMAGE_INDEX = "dev.cosignproject.cosign/imageIndex";
  static final String SIGS = "dev.cosignproject.cosign/sigs";
  static final String ATTS = "dev.cosignproject.cosign/atts";
  private static final Pattern COSIGN_TAG =
      Pattern.compile("(sha256|sha512)-([a-f0-9]+)\\.(sig|att)");

  private CosignLayoutNames() {}

  static Optional<Descriptor> find(String tag, List<Descriptor> index) {
    Matcher m = COSIGN_TAG.matcher(tag);
    if (!m.matches()) {
      return Optional.empty();
    }
    String signed = m.group(1) + ":" + m.group(2);
    boolean imageHere =
        index.stream()
            .anyMatch(
                d ->
                    d.digest().toString().equals(signed)
                        && (IMAGE.equals(d.annotations().get(KIND))
                            || IMAGE_INDEX.equals(d.annotations().get(KIND))));
    if (!imageHere) {
      return Optional.empty();
    }
    String kind = m.group(3).equals("sig") ? SIGS : ATTS;
    return index.stream().filter(d -> kind.equals(d.annotations().get(KIND))).findFirst();
  }
}
