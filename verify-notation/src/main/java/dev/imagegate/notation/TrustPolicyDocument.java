package dev.imagegate.notation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.notation.internal.TrustPolicyParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A Notary Project trust policy document, OCI form ({@code trustpolicy.oci.json}: statements
 * selected by registry scope) or blob form ({@code trustpolicy.blob.json}: statements selected by
 * name, one may be global). Parsing validates the whole document; any violation throws {@link
 * NotationConfigException}.
 */
public record TrustPolicyDocument(
    Kind kind, String version, List<TrustPolicyStatement> statements) {
  public TrustPolicyDocument {
    statements = List.copyOf(statements);
  }

  /** Which of the two document schemas. */
  public enum Kind {
    OCI,
    BLOB
  }

  public static TrustPolicyDocument parseOci(String json, String source) {
    return TrustPolicyParser.parse(json, Kind.OCI, source);
  }

  public static TrustPolicyDocument parseBlob(String json, String source) {
    return TrustPolicyParser.parse(json, Kind.BLOB, source);
  }

  /** From an already parsed JSON/YAML tree (e.g. Ratify's {@code trustPolicyDoc}). */
  public static TrustPolicyDocument fromTree(JsonNode tree, Kind kind, String source) {
    return TrustPolicyParser.fromTree(tree, kind, source);
  }

  public static TrustPolicyDocument read(Path file, Kind kind) {
    try {
      return TrustPolicyParser.parse(Files.readString(file), kind, file.toString());
    } catch (IOException e) {
      throw new NotationConfigException(
          "cannot read trust policy " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The OCI statement for an artifact reference {@code host/repo@sha256:...}: the statement whose
   * scopes contain the repository exactly, else the {@code *} statement, else empty.
   */
  public Optional<TrustPolicyStatement> applicableTo(String artifactReference) {
    int at = artifactReference.indexOf('@');
    String repository = at < 0 ? artifactReference : artifactReference.substring(0, at);
    Optional<TrustPolicyStatement> exact =
        statements.stream().filter(s -> s.registryScopes().contains(repository)).findFirst();
    return exact.or(
        () -> statements.stream().filter(s -> s.registryScopes().contains("*")).findFirst());
  }

  /** The blob statement named {@code name}, or the global statement when {@code name} is null. */
  public Optional<TrustPolicyStatement> blobStatement(String name) {
    if (name == null) {
      return statements.stream().filter(TrustPolicyStatement::globalPolicy).findFirst();
    }
    return statements.stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
