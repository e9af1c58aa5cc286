package dev.imagegate.cli;

/**
 * Images signed with keys by the real cosign v2 and v3 ({@code fixtures/cosign/make-fixtures.sh}):
 * signed, unsigned, wrong key, two signers, annotations, signature repository, an index signed at
 * the index digest, attestations with a custom predicate, and the transparency-log rule.
 */
class CosignInteropTest extends CosignCasesTest {
  @Override
  String fixtureScript() {
    return "fixtures/cosign/make-fixtures.sh";
  }
}
