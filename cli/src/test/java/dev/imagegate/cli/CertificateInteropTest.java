package dev.imagegate.cli;

/**
 * Images signed by the real cosign v2 and v3 with a CA-issued certificate ({@code
 * fixtures/keyless/make-cert-fixtures.sh}: openssl root, intermediate and Fulcio-shaped leaf):
 * {@code imagegate verify} with {@code --certificate-chain}, {@code --ca-roots}, {@code
 * --certificate}, {@code --trusted-root} and identities (right and wrong roots, identities,
 * issuers, SCT).
 */
class CertificateInteropTest extends CosignCasesTest {
  @Override
  String fixtureScript() {
    return "fixtures/keyless/make-cert-fixtures.sh";
  }
}
