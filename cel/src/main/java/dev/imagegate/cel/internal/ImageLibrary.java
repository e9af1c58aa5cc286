package dev.imagegate.cel.internal;

import static dev.imagegate.cel.internal.Functions.classes;
import static dev.imagegate.cel.internal.Functions.types;

import dev.cel.bundle.CelBuilder;
import dev.cel.common.types.CelType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.imagegate.cel.ImageName;
import java.util.function.Function;

/**
 * Kyverno's {@code kyverno.image} library (sdk extensions/cel/libs/image): {@code
 * parseImageReference(s)} and its deprecated alias {@code image(s)} return an opaque {@code
 * kyverno.image} ({@link ImageName}) with {@code registry() repository() identifier() tag()
 * digest() containsDigest()}; {@code isImage(s)}.
 */
final class ImageLibrary {
  static final OpaqueType IMAGE = OpaqueType.create("kyverno.image");

  private ImageLibrary() {}

  static void register(CelBuilder b) {
    Functions f = new Functions();
    f.global(
        "image",
        "string_to_image_deprecated",
        IMAGE,
        types(SimpleType.STRING),
        classes(String.class),
        a -> parse((String) a[0]));
    f.global(
        "parseImageReference",
        "string_to_image",
        IMAGE,
        types(SimpleType.STRING),
        classes(String.class),
        a -> parse((String) a[0]));
    f.global(
        "isImage",
        "is_image_string",
        SimpleType.BOOL,
        types(SimpleType.STRING),
        classes(String.class),
        a -> ImageName.isValid((String) a[0]));
    member(
        f, "containsDigest", "image_contains_digest", SimpleType.BOOL, ImageName::containsDigest);
    member(f, "registry", "image_registry", SimpleType.STRING, ImageName::registry);
    member(f, "repository", "image_repository", SimpleType.STRING, ImageName::repository);
    member(f, "identifier", "image_identifier", SimpleType.STRING, ImageName::identifier);
    member(f, "tag", "image_tag", SimpleType.STRING, ImageName::tag);
    member(f, "digest", "image_digest", SimpleType.STRING, ImageName::digest);
    f.install(b);
  }

  private static ImageName parse(String s) {
    try {
      return ImageName.parse(s);
    } catch (IllegalArgumentException e) {
      throw CelErrors.error(String.valueOf(e.getMessage()));
    }
  }

  @SuppressWarnings("Immutable") // the accessor is a stateless method reference
  private static void member(
      Functions f, String name, String id, CelType result, Function<ImageName, Object> get) {
    f.member(
        name, id, result, types(IMAGE), classes(ImageName.class), a -> get.apply((ImageName) a[0]));
  }
}
