package dev.imagegate.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.notation.ArtifactDescriptor;
import dev.imagegate.notation.NotarySignatures;
import dev.imagegate.notation.SignatureInspection;
import dev.imagegate.notation.SignatureInspection.CertificateInfo;
import dev.imagegate.oci.Descriptor;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.ImageReference;
import dev.imagegate.oci.Manifest;
import dev.imagegate.oci.MediaTypes;
import dev.imagegate.oci.OciClient;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.Repository;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code imagegate inspect}: every Notary Project signature of an image as {@code notation inspect}
 * shows it (nothing is verified), followed by the cosign signatures found (tags and Sigstore bundle
 * referrers).
 */
@Command(
    name = "inspect",
    description = {
      "Show the signatures of an image without verifying them: Notary Project signatures as"
          + " 'notation inspect' prints them, then cosign signatures (key id or certificate subject when present).",
      "Exit codes: 0 shown (also when there is no signature), 2 usage or registry error."
    })
final class InspectCommand implements Callable<Integer>, CommandModels.AnnotatedWithGroups {
  /** Go's {@code time.ANSIC} layout, which notation prints. */
  static final DateTimeFormatter ANSIC =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  @Spec CommandSpec spec;

  final TextOrJsonOutput output = new TextOrJsonOutput();

  final RegistryOptions registry = new RegistryOptions();

  @Parameters(
      paramLabel = "IMAGE",
      description = "Image reference (REGISTRY/REPO:TAG, ...@sha256:..., oci-layout:PATH:TAG).")
  @Nullable String image;

  /** Added by {@link CommandModels#model} after the annotated options, then -h and -V. */
  @Override
  public List<CommandModels.OptionGroup> optionGroups() {
    return List.of(output, registry);
  }

  @Override
  public Integer call() {
    output.check();
    // A positional parameter of arity 1: picocli rejects a command line without it.
    ImageReference ref = ImageReference.parse(Objects.requireNonNull(image, "IMAGE"));
    PrintWriter out = spec.commandLine().getOut();
    try (OciClient client = registry.client()) {
      Digest digest = client.resolve(ref);
      Repository repo = client.repository(ref);
      Optional<Manifest> target = repo.manifest(digest.toString());
      String subject = ref.context() + "@" + digest;
      Tree root = new Tree(subject);
      ObjectNode json = JsonOutput.JSON.createObjectNode();
      json.put("reference", subject);
      json.put("mediaType", target.map(m -> m.descriptor().mediaType()).orElse(null));
      ArrayNode sigs = json.putArray("signatures");
      List<Descriptor> notary = NotarySignatures.list(repo, digest);
      if (!notary.isEmpty()) {
        Tree group = root.add(MediaTypes.NOTARY_SIGNATURE);
        for (Descriptor d : notary) {
          notarySignature(repo, d, digest, group.add(d.digest().toString()), sigs.addObject());
        }
      }
      new CosignInspection(repo, digest).addTo(root, json.putArray("cosign"));
      if (output.json()) {
        out.println(JsonOutput.JSON.writeValueAsString(json));
      } else if (root.children().isEmpty()) {
        out.println(subject + " has no associated signature");
      } else {
        out.println("Inspecting all signatures for signed artifact");
        root.print(out);
      }
      out.flush();
      return Main.VERIFIED;
    } catch (RegistryException e) {
      throw new UsageException("inspecting " + ref + ": " + e.getMessage(), e);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void notarySignature(
      Repository repo, Descriptor d, Digest subject, Tree node, ObjectNode json)
      throws RegistryException {
    json.put("digest", d.digest().toString());
    NotarySignatures.Stored fetched = NotarySignatures.read(repo, d, subject);
    if (fetched instanceof NotarySignatures.Stored.Unusable u) {
      node.add("error: " + u.reason());
      json.put("error", u.reason());
      return;
    }
    NotarySignatures.Stored.Envelope env = (NotarySignatures.Stored.Envelope) fetched;
    json.put("mediaType", env.mediaType());
    switch (SignatureInspection.inspect(env.bytes(), env.mediaType())) {
      case SignatureInspection.Outcome.Unreadable u -> {
        node.add("media type: " + env.mediaType());
        node.add("error: " + u.reason());
        json.put("error", u.reason());
      }
      case SignatureInspection.Outcome.Inspected in -> describe(in.inspection(), node, json);
    }
  }

  static void describe(SignatureInspection s, Tree node, ObjectNode json) {
    node.add("media type: " + s.mediaType());
    node.add("signature algorithm: " + s.signatureAlgorithm());
    json.put("signatureAlgorithm", s.signatureAlgorithm());
    Tree signed = node.add("signed attributes");
    ObjectNode sj = json.putObject("signedAttributes");
    s.signedAttributes()
        .forEach(
            (k, v) -> {
              signed.add(k + ": " + (isTime(k) ? ansic(v) : v));
              sj.put(k, v);
            });
    attributes(
        node.add("user defined attributes"),
        s.userDefinedAttributes(),
        json.putObject("userDefinedAttributes"));
    Tree unsigned = node.add("unsigned attributes");
    ObjectNode uj = json.putObject("unsignedAttributes");
    if (s.timestamp() != null) {
      timestamp(
          s.timestamp(), unsigned.add("timestamp signature"), uj.putObject("timestampSignature"));
    }
    s.unsignedAttributes()
        .forEach(
            (k, v) -> {
              unsigned.add(k + ": " + v);
              uj.put(k, v);
            });
    if (unsigned.children().isEmpty()) {
      unsigned.add("(empty)");
    }
    certificates(node.add("certificates"), s.certificates(), json.putArray("certificates"));
    Tree artifact = node.add("signed artifact");
    ArtifactDescriptor a = s.signedArtifact();
    if (a == null) {
      artifact.add("(the payload is not a readable descriptor)");
    } else {
      artifact.add("media type: " + a.mediaType());
      artifact.add("digest: " + a.digest());
      artifact.add("size: " + a.size());
      ObjectNode aj = json.putObject("signedArtifact");
      aj.put("mediaType", a.mediaType());
      aj.put("digest", a.digest());
      aj.put("size", a.size());
    }
  }

  private static void attributes(Tree node, Map<String, String> attrs, ObjectNode json) {
    if (attrs.isEmpty()) {
      node.add("(empty)");
    }
    attrs.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              node.add(e.getKey() + ": " + e.getValue());
              json.put(e.getKey(), e.getValue());
            });
  }

  private static void timestamp(SignatureInspection.TimestampInfo t, Tree node, ObjectNode json) {
    if (t.error() != null) {
      node.add("error: " + t.error());
      json.put("error", t.error());
    }
    if (t.timestamp() != null) {
      Duration acc = accuracy(t.accuracy());
      String shown =
          acc == null
              ? ANSIC.format(t.timestamp())
              : "["
                  + ANSIC.format(t.timestamp().minus(acc))
                  + ", "
                  + ANSIC.format(t.timestamp().plus(acc))
                  + "]";
      node.add("timestamp: " + shown);
      json.put("timestamp", t.timestamp().toString());
      if (t.accuracy() != null) {
        json.put("accuracy", t.accuracy());
      }
    }
    certificates(node.add("certificates"), t.certificates(), json.putArray("certificates"));
  }

  private static void certificates(Tree node, List<CertificateInfo> certs, ArrayNode json) {
    for (CertificateInfo c : certs) {
      Tree cert = node.add("SHA256 fingerprint: " + c.sha256Fingerprint());
      cert.add("issued to: " + c.issuedTo());
      cert.add("issued by: " + c.issuedBy());
      cert.add("expiry: " + ANSIC.format(c.expiry()));
      ObjectNode j = json.addObject();
      j.put("SHA256Fingerprint", c.sha256Fingerprint());
      j.put("issuedTo", c.issuedTo());
      j.put("issuedBy", c.issuedBy());
      j.put("expiry", c.expiry().toString());
    }
  }

  private static boolean isTime(String key) {
    return key.equals("signingTime") || key.equals("authenticSigningTime") || key.equals("expiry");
  }

  private static String ansic(String iso) {
    try {
      return ANSIC.format(Instant.parse(iso));
    } catch (DateTimeParseException e) {
      return iso;
    }
  }

  private static @Nullable Duration accuracy(@Nullable String s) {
    if (s == null) {
      return null;
    }
    try {
      return Duration.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
