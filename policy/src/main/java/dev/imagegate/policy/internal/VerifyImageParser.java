package dev.imagegate.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.policy.Attestation;
import dev.imagegate.policy.Attestor;
import dev.imagegate.policy.AttestorSet;
import dev.imagegate.policy.AttestorTrust;
import dev.imagegate.policy.FailureAction;
import dev.imagegate.policy.ImageVerificationType;
import dev.imagegate.policy.LoadWarning;
import dev.imagegate.policy.Validation;
import dev.imagegate.policy.VerifyImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads one {@code verifyImages[]} entry. Also used per request on the entry after variable
 * substitution, with the same document so that locations still point into the policy file.
 */
public final class VerifyImageParser {
  private VerifyImageParser() {}

  public static VerifyImage parse(
      YamlDocument doc, String pointer, JsonNode node, int index, List<LoadWarning> warnings) {
    Fields f = Fields.of(doc, pointer, node, warnings);
    VerifyImage v = read(f, index, node);
    f.finish();
    return v;
  }

  private static VerifyImage read(Fields f, int index, JsonNode raw) {
    ImageVerificationType type = type(f);
    List<String> refs = new ArrayList<>(f.strings("imageReferences"));
    String legacyImage = f.string("image");
    if (legacyImage != null) {
      f.warn(
          "image",
          "\"image\" is deprecated in Kyverno; imagegate reads it as imageReferences: [\""
              + legacyImage
              + "\"]");
      refs.add(legacyImage);
    }
    List<AttestorSet> attestors =
        new ArrayList<>(f.list("attestors", (a, i) -> AttestorParser.attestorSet(a)));
    LegacyAttestor.read(f).ifPresent(attestors::add);
    List<Attestation> attestations = f.list("attestations", (a, i) -> attestation(a));
    Validation validate = f.object("validate", VerifyImageParser::validation);
    f.ignore("imageRegistryCredentials");
    return new VerifyImage(
        index,
        type,
        refs,
        f.strings("skipImageReferences"),
        attestors,
        attestations,
        validate,
        f.string("repository"),
        f.bool("mutateDigest", true),
        f.bool("verifyDigest", true),
        f.bool("required", true),
        f.bool("useCache", true),
        failureAction(f),
        f.bool("cosignOCI11", false),
        raw,
        f.location());
  }

  private static ImageVerificationType type(Fields f) {
    String t = f.string("type");
    if (t == null) {
      return ImageVerificationType.COSIGN;
    }
    return Arrays.stream(ImageVerificationType.values())
        .filter(v -> v.policyName().equals(t))
        .findFirst()
        .orElseThrow(
            () ->
                f.fail(
                    "type",
                    "'"
                        + t
                        + "' is not a verification type; use Cosign (the default), Notary or SigstoreBundle"
                        + (Arrays.stream(ImageVerificationType.values())
                                .anyMatch(v -> v.policyName().equalsIgnoreCase(t))
                            ? " (the value is case-sensitive)"
                            : "")));
  }

  static @Nullable FailureAction failureAction(Fields f) {
    String a = f.string("failureAction");
    if (a == null) {
      return null;
    }
    return switch (a) {
      case "Enforce" -> FailureAction.ENFORCE;
      case "Audit" -> FailureAction.AUDIT;
      default ->
          throw f.fail(
              "failureAction", "'" + a + "' is not a failure action; use Enforce or Audit");
    };
  }

  private static Attestation attestation(Fields f) {
    String type = f.string("type");
    String predicateType = f.string("predicateType");
    if (type != null && predicateType != null && !type.equals(predicateType)) {
      throw f.fail("predicateType", "conflicts with type '" + type + "'; write only type");
    }
    if (type == null && predicateType == null) {
      throw f.failHere("needs a type (the predicate type, e.g. https://slsa.dev/provenance/v0.2)");
    }
    if (type == null) {
      f.warn("predicateType", "\"predicateType\" is deprecated in Kyverno; use \"type\"");
    }
    List<AttestorSet> attestors = f.list("attestors", (a, i) -> AttestorParser.attestorSet(a));
    List<dev.imagegate.conditions.ConditionBlock> conditions =
        f.get("conditions")
            .map(c -> ConditionsParser.blocks(f.doc(), f.pointer("conditions"), c, f.warnings()))
            .orElse(List.of());
    // one of the two is given (checked above)
    return new Attestation(
        type != null ? type : Objects.requireNonNull(predicateType),
        f.string("name"),
        attestors,
        conditions,
        f.location());
  }

  private static Validation validation(Fields f) {
    List<dev.imagegate.conditions.ConditionBlock> deny =
        f.object(
            "deny",
            d ->
                d.get("conditions")
                    .map(
                        c ->
                            ConditionsParser.blocks(
                                d.doc(), d.pointer("conditions"), c, d.warnings()))
                    .orElse(List.of()));
    return new Validation(deny == null ? List.of() : deny, f.string("message"), f.location());
  }

  /**
   * Kyverno's older single-attestor fields on the entry itself ({@code key}, {@code roots}, {@code
   * subject}, ...).
   */
  private static final class LegacyAttestor {
    static java.util.Optional<AttestorSet> read(Fields f) {
      String key = f.string("key");
      String roots = f.string("roots");
      String subject = f.string("subject");
      String issuer = f.string("issuer");
      Map<String, String> extensions = f.stringMap("additionalExtensions");
      Map<String, String> annotations = f.stringMap("annotations");
      if (key == null && roots == null && subject == null && issuer == null) {
        if (!annotations.isEmpty() || !extensions.isEmpty()) {
          f.warn(
              "annotations",
              "annotations/additionalExtensions without key, roots, subject or issuer have no attestor to apply to");
        }
        return java.util.Optional.empty();
      }
      AttestorTrust trust =
          key != null
              ? new AttestorTrust.Keys(AttestorParser.keySource(key), "sha256", null, null)
              : new AttestorTrust.Keyless(
                  subject, null, issuer, null, roots, extensions, null, null);
      if (key != null && (subject != null || issuer != null || roots != null)) {
        throw f.fail("key", "cannot be combined with the keyless fields roots, subject or issuer");
      }
      dev.imagegate.policy.Location at =
          f.location(
              key != null
                  ? "key"
                  : subject != null ? "subject" : issuer != null ? "issuer" : "roots");
      return java.util.Optional.of(
          new AttestorSet(null, List.of(new Attestor(trust, null, annotations, at)), at));
    }
  }
}
