package dev.imagegate.cel.internal;

import static dev.imagegate.cel.internal.Functions.classes;
import static dev.imagegate.cel.internal.Functions.types;

import dev.cel.bundle.CelBuilder;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;

/** The Kubernetes Semver library, version 1 (with the {@code normalize} overloads). */
final class SemverLibrary {
  static final OpaqueType SEMVER = OpaqueType.create("kubernetes.Semver");

  private SemverLibrary() {}

  private static Semver parse(String s, boolean normalize) {
    try {
      return normalize ? Semver.normalizeAndParse(s) : Semver.parse(s);
    } catch (IllegalArgumentException e) {
      throw CelErrors.error(String.valueOf(e.getMessage()));
    }
  }

  private static boolean valid(String s, boolean normalize) {
    try {
      parse(s, normalize);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  static void register(CelBuilder b) {
    Functions f = new Functions();
    f.global(
        "semver",
        "string_to_semver",
        SEMVER,
        types(SimpleType.STRING),
        classes(String.class),
        a -> parse((String) a[0], false));
    f.global(
        "semver",
        "string_bool_to_semver",
        SEMVER,
        types(SimpleType.STRING, SimpleType.BOOL),
        classes(String.class, Boolean.class),
        a -> parse((String) a[0], (Boolean) a[1]));
    f.global(
        "isSemver",
        "is_semver_string",
        SimpleType.BOOL,
        types(SimpleType.STRING),
        classes(String.class),
        a -> valid((String) a[0], false));
    f.global(
        "isSemver",
        "is_semver_string_bool",
        SimpleType.BOOL,
        types(SimpleType.STRING, SimpleType.BOOL),
        classes(String.class, Boolean.class),
        a -> valid((String) a[0], (Boolean) a[1]));
    f.member(
        "major",
        "semver_major",
        SimpleType.INT,
        types(SEMVER),
        classes(Semver.class),
        a -> ((Semver) a[0]).major);
    f.member(
        "minor",
        "semver_minor",
        SimpleType.INT,
        types(SEMVER),
        classes(Semver.class),
        a -> ((Semver) a[0]).minor);
    f.member(
        "patch",
        "semver_patch",
        SimpleType.INT,
        types(SEMVER),
        classes(Semver.class),
        a -> ((Semver) a[0]).patch);
    f.member(
        "isGreaterThan",
        "semver_is_greater_than",
        SimpleType.BOOL,
        types(SEMVER, SEMVER),
        classes(Semver.class, Semver.class),
        a -> ((Semver) a[0]).compareTo((Semver) a[1]) > 0);
    f.member(
        "isLessThan",
        "semver_is_less_than",
        SimpleType.BOOL,
        types(SEMVER, SEMVER),
        classes(Semver.class, Semver.class),
        a -> ((Semver) a[0]).compareTo((Semver) a[1]) < 0);
    f.member(
        "compareTo",
        "semver_compare_to",
        SimpleType.INT,
        types(SEMVER, SEMVER),
        classes(Semver.class, Semver.class),
        a -> (long) ((Semver) a[0]).compareTo((Semver) a[1]));
    f.install(b);
  }
}
