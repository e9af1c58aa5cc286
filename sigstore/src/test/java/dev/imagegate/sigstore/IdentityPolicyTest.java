package dev.imagegate.sigstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegate.sigstore.CertificateIdentity.MatchMode;
import dev.imagegate.sigstore.internal.IdentityMatcher;
import dev.imagegate.trust.Certificates;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Identity policies against the generated GitHub-style Fulcio leaf (URI SAN, issuer .1.1/.1.8,
 * workflow extensions).
 */
class IdentityPolicyTest {
  static final FulcioCertificate CERT =
      FulcioCertificate.of(Certificates.parsePem(layerCertificate()).get(0));
  static final String SUBJECT =
      "https://github.com/example-org/example-repo/.github/workflows/release.yml@refs/heads/main";
  static final String ISSUER = "https://token.actions.githubusercontent.com";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        // name                       | subject              | subjectRegExp          | issuer
        // | issuerRegExp   | extension key             | value                    | mode     | ok
        "exact                        | "
            + SUBJECT
            + "      | -                      | "
            + ISSUER
            + "| -            | -                         | -                        | EXACT    | true",
        "exact, wrong subject         | https://github.com/x | -                      | "
            + ISSUER
            + "| -            | -                         | -                        | EXACT    | false",
        "regexp unanchored            | -                    | example-org/example    | -           | githubusercontent | -                      | -                        | EXACT    | true",
        "regexp anchored miss         | -                    | ^example-org           | -           | -              | -                         | -                        | EXACT    | false",
        "wildcard subject             | https://github.com/example-org/* | -          | "
            + ISSUER
            + "| -            | -                         | -                        | WILDCARD | true",
        "glob is literal in EXACT     | https://github.com/example-org/* | -          | "
            + ISSUER
            + "| -            | -                         | -                        | EXACT    | false",
        "extension by name            | -                    | -                      | -           | -              | githubWorkflowRepository  | example-org/example-repo | EXACT    | true",
        "extension by OID             | -                    | -                      | -           | -              | 1.3.6.1.4.1.57264.1.2     | push                     | EXACT    | true",
        "extension mismatch           | -                    | -                      | -           | -              | githubWorkflowRef         | refs/heads/dev           | EXACT    | false",
        "extension wildcard           | -                    | -                      | -           | -              | githubWorkflowRef         | refs/heads/*             | WILDCARD | true",
        "issuer mismatch              | -                    | -                      | https://accounts.google.com | - | -                       | -                        | EXACT    | false",
      })
  void identity(
      String name,
      String subject,
      String subjectRe,
      String issuer,
      String issuerRe,
      String extKey,
      String extValue,
      MatchMode mode,
      boolean ok) {
    Map<String, String> ext = extKey == null ? Map.of() : Map.of(extKey, extValue);
    CertificateIdentity id =
        new CertificateIdentity(subject, subjectRe, issuer, issuerRe, ext, mode);
    Check<CertificateIdentity> r = IdentityMatcher.match(CERT, List.of(id));
    assertThat(r.isPassed()).as("%s: %s", name, r.reasons()).isEqualTo(ok);
    if (!ok) {
      assertThat(r.reasons().get(0))
          .containsAnyOf(
              "found SANs [" + SUBJECT + "] issuer '" + ISSUER + "'", "found 'refs/heads/main'");
    }
  }

  private static String layerCertificate() {
    try {
      return Vectors.JSON
          .readTree(
              Vectors.bytes("generated/simplesigning/keyless-github-valid/signature-manifest.json"))
          .get("layers")
          .get(0)
          .get("annotations")
          .get("dev.sigstore.cosign/certificate")
          .asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "any of several identities: {0}")
  @CsvSource({"true", "false"})
  void anyOfSeveral(boolean includeMatching) {
    List<CertificateIdentity> ids =
        includeMatching
            ? List.of(
                CertificateIdentity.exact("nobody@example.com", ISSUER),
                CertificateIdentity.exact(SUBJECT, ISSUER))
            : List.of(
                CertificateIdentity.exact("nobody@example.com", ISSUER),
                CertificateIdentity.regExp("^bob", null));
    Check<CertificateIdentity> r = IdentityMatcher.match(CERT, ids);
    assertThat(r.isPassed()).isEqualTo(includeMatching);
    if (!includeMatching) {
      assertThat(r.reasons().get(0)).startsWith("none of the 2 expected identities matched");
    }
  }

  @ParameterizedTest(name = "issuer and extension values: {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "oidcIssuer               | " + ISSUER,
        "githubWorkflowTrigger    | push",
        "githubWorkflowRepository | example-org/example-repo",
      })
  void readsExtensions(String name, String value) {
    assertThat(CERT.extension(name)).isEqualTo(value);
    assertThat(CERT.issuer()).isEqualTo(ISSUER);
  }
}
