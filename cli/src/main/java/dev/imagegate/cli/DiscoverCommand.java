package dev.imagegate.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.oci.Descriptor;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.ImageReference;
import dev.imagegate.oci.Manifest;
import dev.imagegate.oci.OciClient;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.Repository;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code imagegate discover}: the tree of an image's referrers grouped by artifact type, as {@code
 * oras discover -o tree} prints it, plus cosign's {@code .sig}/{@code .att}/{@code .sbom} tags.
 */
@Command(
    name = "discover",
    description =
        "Show the signatures and attestations attached to an image: OCI referrers (recursively) and cosign tags.")
final class DiscoverCommand implements Callable<Integer>, CommandModels.AnnotatedWithGroups {
  /** Referrers of referrers are followed this deep (signatures of attestations are depth 2). */
  static final int MAX_DEPTH = 4;

  @Spec CommandSpec spec;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "tree",
      description = "tree or json (default: ${DEFAULT-VALUE}).")
  String output = "tree";

  @Option(
      names = "--artifact-type",
      paramLabel = "TYPE",
      description = "Only referrers of this artifact type (first level).")
  @Nullable String artifactType;

  final RegistryOptions registry = new RegistryOptions();

  @Parameters(paramLabel = "IMAGE", description = "Image reference.")
  @Nullable String image;

  /** Added by {@link CommandModels#model} after the annotated options, then -h and -V. */
  @Override
  public List<CommandModels.OptionGroup> optionGroups() {
    return List.of(registry);
  }

  @Override
  public Integer call() throws RegistryException {
    if (!output.equals("tree") && !output.equals("json")) {
      throw new UsageException("--output must be tree or json, not '" + output + "'");
    }
    // A positional parameter of arity 1: picocli rejects a command line without it.
    ImageReference ref = ImageReference.parse(Objects.requireNonNull(image, "IMAGE"));
    PrintWriter out = spec.commandLine().getOut();
    try (OciClient client = registry.client()) {
      Digest digest = client.resolve(ref);
      Repository repo = client.repository(ref);
      ObjectNode json = JsonOutput.JSON.createObjectNode();
      json.put("reference", ref.toString());
      json.put("digest", digest.toString());
      Tree root = new Tree(ref.context() + "@" + digest);
      referrers(repo, digest, artifactType, 1, root, json.putArray("referrers"));
      cosignTags(repo, digest, root, json.putObject("cosign"));
      if (output.equals("json")) {
        out.println(JsonOutput.JSON.writeValueAsString(json));
      } else {
        root.print(out);
      }
      out.flush();
      return 0;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void referrers(
      Repository repo, Digest subject, @Nullable String type, int depth, Tree node, ArrayNode json)
      throws RegistryException {
    if (depth > MAX_DEPTH) {
      return;
    }
    Map<String, Tree> groups = new LinkedHashMap<>();
    for (Descriptor d : repo.referrers(subject, type)) {
      String t = artifactTypeOf(repo, d);
      Tree child = groups.computeIfAbsent(t, node::add).add(d.digest().toString());
      ObjectNode j = json.addObject();
      j.put("artifactType", t);
      j.put("digest", d.digest().toString());
      j.put("mediaType", d.mediaType());
      j.put("size", d.size());
      if (!d.annotations().isEmpty()) {
        ObjectNode a = j.putObject("annotations");
        d.annotations().forEach(a::put);
      }
      referrers(repo, d.digest(), null, depth + 1, child, j.putArray("referrers"));
    }
  }

  /**
   * The referrer's artifact type. cosign's referrers-tag fallback index labels entries with the
   * config media type ({@code application/vnd.oci.empty.v1+json}), so in that case (and when
   * absent) the manifest is read.
   */
  private static String artifactTypeOf(Repository repo, Descriptor d) throws RegistryException {
    String t = d.artifactType();
    if (t != null && !t.equals(dev.imagegate.oci.MediaTypes.OCI_EMPTY)) {
      return t;
    }
    Optional<Manifest> m = repo.manifest(d.digest().toString());
    if (m.isPresent()
        && m.get().content() instanceof Manifest.ImageManifest im
        && im.effectiveArtifactType() != null) {
      return im.effectiveArtifactType();
    }
    return t != null ? t : d.mediaType();
  }

  private static void cosignTags(Repository repo, Digest digest, Tree root, ObjectNode json)
      throws RegistryException {
    for (String suffix : List.of("sig", "att", "sbom")) {
      String tag = digest.tagForm() + "." + suffix;
      Optional<Manifest> m = repo.manifest(tag);
      if (m.isEmpty()) {
        continue;
      }
      int layers = m.get().content() instanceof Manifest.ImageManifest im ? im.layers().size() : 0;
      String kind =
          switch (suffix) {
            case "sig" -> "signatures";
            case "att" -> "attestations";
            default -> "attachments";
          };
      root.add("cosign " + kind + " (tag " + tag + ")")
          .add(m.get().digest() + " (" + layers + " layer" + (layers == 1 ? "" : "s") + ")");
      ObjectNode j = json.putObject(kind);
      j.put("tag", tag);
      j.put("digest", m.get().digest().toString());
      j.put("layers", layers);
    }
  }
}
