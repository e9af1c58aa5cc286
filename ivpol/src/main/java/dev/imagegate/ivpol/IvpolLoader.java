package dev.imagegate.ivpol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.ivpol.internal.SpecParser;
import dev.imagegate.policy.LoadWarning;
import dev.imagegate.policy.Location;
import dev.imagegate.policy.ManifestFiles;
import dev.imagegate.policy.PolicyException;
import dev.imagegate.policy.internal.Fields;
import dev.imagegate.policy.internal.YamlDocument;
import dev.imagegate.policy.internal.YamlReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Reads ImageValidatingPolicy and NamespacedImageValidatingPolicy documents from the same files and
 * directories as legacy policies (other kinds are left to the legacy loader). An invalid policy
 * throws {@link PolicyException} with its file, line and column; a {@code policies.kyverno.io}
 * document imagegate cannot enforce is listed in {@link IvpolLoad#unsupported()}.
 */
public final class IvpolLoader {
  private static final Set<String> CLUSTER_VERSIONS = Set.of("v1", "v1beta1", "v1alpha1");
  private static final Set<String> NAMESPACED_VERSIONS = Set.of("v1", "v1beta1");
  private static final Set<String> EXCEPTION_VERSIONS = Set.of("v1", "v1beta1", "v1alpha1");

  private IvpolLoader() {}

  public static IvpolLoad load(List<Path> paths) {
    Acc acc = new Acc();
    // The legacy loader's walk and bounds, so both kinds of policy come from the same files.
    for (Path file : ManifestFiles.list(paths)) {
      for (YamlDocument doc : YamlReader.read(file.toString(), ManifestFiles.read(file))) {
        acc.accept(doc);
      }
    }
    return acc.result();
  }

  /** Reads from text; {@code source} names it in locations. */
  public static IvpolLoad parse(String content, String source) {
    Acc acc = new Acc();
    for (YamlDocument doc : YamlReader.read(source, content)) {
      acc.accept(doc);
    }
    return acc.result();
  }

  /** Whether a document is one this loader owns (so the legacy loader need not warn about it). */
  public static boolean owns(JsonNode root) {
    return root.path("apiVersion").asText("").startsWith(ImageValidatingPolicy.GROUP + "/");
  }

  private static final class Acc {
    final List<ImageValidatingPolicy> policies = new ArrayList<>();
    final List<PolicyExceptionSpec> exceptions = new ArrayList<>();
    final List<LoadWarning> warnings = new ArrayList<>();
    final List<IvpolLoad.Unsupported> unsupported = new ArrayList<>();

    void accept(YamlDocument doc) {
      JsonNode root = doc.root();
      if (root == null || !root.isObject() || !owns(root)) {
        return;
      }
      String apiVersion = root.path("apiVersion").asText();
      String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
      String kind = root.path("kind").asText("");
      Location at = doc.valueAt("");
      boolean cluster = kind.equals(ImageValidatingPolicy.CLUSTER_KIND);
      boolean namespaced = kind.equals(ImageValidatingPolicy.NAMESPACED_KIND);
      if (kind.equals("PolicyException") && EXCEPTION_VERSIONS.contains(version)) {
        exceptions.add(exception(doc, root, at));
        return;
      }
      if (!cluster && !namespaced) {
        unsupported.add(
            new IvpolLoad.Unsupported(
                at,
                (kind.isEmpty() ? "a document without kind" : kind)
                    + " ("
                    + apiVersion
                    + ") is not supported by imagegate; only ImageValidatingPolicy and"
                    + " NamespacedImageValidatingPolicy of policies.kyverno.io are enforced"));
        return;
      }
      if (!(cluster ? CLUSTER_VERSIONS : NAMESPACED_VERSIONS).contains(version)) {
        unsupported.add(
            new IvpolLoad.Unsupported(
                at,
                kind
                    + " "
                    + apiVersion
                    + " is not a version imagegate knows; use "
                    + (cluster ? "v1, v1beta1 or v1alpha1" : "v1 or v1beta1")));
        return;
      }
      Fields top = Fields.of(doc, "", root, warnings);
      top.ignore("apiVersion", "kind", "status");
      Fields meta =
          Fields.of(
              doc,
              "/metadata",
              top.get("metadata").orElseThrow(() -> top.fail("metadata", "is required")),
              warnings);
      String name = meta.requiredString("name");
      String namespace = meta.string("namespace");
      String uid = meta.string("uid");
      meta.ignore(
          "labels",
          "annotations",
          "resourceVersion",
          "generation",
          "creationTimestamp",
          "managedFields",
          "finalizers",
          "ownerReferences");
      meta.finish();
      if (cluster && namespace != null) {
        warnings.add(
            new LoadWarning(
                doc.valueAt("/metadata/namespace"),
                "ImageValidatingPolicy is cluster-scoped; metadata.namespace is ignored"));
        namespace = null;
      }
      if (namespaced && (namespace == null || namespace.isEmpty())) {
        namespace = "default";
      }
      JsonNode specNode = top.get("spec").orElseThrow(() -> top.fail("spec", "is required"));
      Fields spec = Fields.of(doc, "/spec", specNode, warnings);
      var parsed = SpecParser.parse(spec);
      spec.finish();
      top.finish();
      policies.add(
          new ImageValidatingPolicy(
              kind,
              apiVersion,
              name,
              namespace,
              uid != null ? uid : hash(root.toString()),
              at,
              parsed));
    }

    IvpolLoad result() {
      return new IvpolLoad(policies, exceptions, warnings, unsupported);
    }

    private PolicyExceptionSpec exception(YamlDocument doc, JsonNode root, Location at) {
      Fields top = Fields.of(doc, "", root, warnings);
      top.ignore("apiVersion", "kind", "status", "metadata");
      JsonNode metaNode = root.path("metadata");
      String name = metaNode.path("name").asText("");
      if (name.isEmpty()) {
        throw top.fail("metadata", "name is required");
      }
      String ns = metaNode.path("namespace").asText("");
      JsonNode specNode = top.get("spec").orElseThrow(() -> top.fail("spec", "is required"));
      Fields spec = Fields.of(doc, "/spec", specNode, warnings);
      List<PolicyExceptionSpec.Ref> refs =
          spec.list(
              "policyRefs",
              (r, i) -> {
                String kind = r.string("kind");
                return new PolicyExceptionSpec.Ref(
                    r.requiredString("name"), kind == null ? "" : kind);
              });
      if (refs.isEmpty()) {
        throw spec.fail("policyRefs", "must name at least one policy");
      }
      var conditions =
          spec.list(
              "matchConditions",
              (c, i) ->
                  new dev.imagegate.ivpol.internal.Spec.Named(
                      c.requiredString("name"),
                      new dev.imagegate.ivpol.internal.Expr(
                          c.requiredString("expression"),
                          c.location("expression"),
                          Fields.path(c.pointer("expression")))));
      spec.ignore("images", "allowedValues", "background");
      spec.finish();
      top.finish();
      return new PolicyExceptionSpec(name, ns.isEmpty() ? null : ns, refs, conditions, at);
    }
  }

  private static String hash(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)))
          .substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
