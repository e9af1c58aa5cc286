package dev.imagegate.sigstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.trust.PublicKeys;
import java.security.PublicKey;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Key-signed v3 bundles (cosign v3 {@code --key}): with and without a log entry, with tlog required
 * or ignored. The no-entry bundle is the conformance managed-key bundle with its tlog entries
 * removed, as {@code --tlog-upload=false} produces.
 */
class KeyBundleTest {
  static final String DIR = "conformance/bundle-verify/managed-key-happy-path/";

  @ParameterizedTest(name = "entries={0} requireTlog={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "true  | true  | -",
        "true  | false | -",
        "false | true  | no transparency log entry (signed with --tlog-upload=false?); pass --insecure-ignore-tlog to accept",
        "false | false | -",
      })
  void keyBundle(boolean withEntries, boolean requireTlog, String failure) throws Exception {
    ObjectNode json =
        (ObjectNode) Vectors.JSON.readTree(Vectors.bytes(DIR + "bundle.sigstore.json"));
    if (!withEntries) {
      ((ObjectNode) json.get("verificationMaterial")).putArray("tlogEntries");
    }
    PublicKey key = PublicKeys.parse(Vectors.text(DIR + "key.pub"));
    VerificationPolicy policy =
        VerificationPolicy.builder(TrustedRoot.publicGood())
            .publicKey(key)
            .requireTlog(requireTlog)
            .build();
    BundleVerification r =
        BundleVerifier.verify(
            Vectors.JSON.writeValueAsBytes(json),
            Artifact.of(Vectors.bytes("conformance/bundle-verify/a.txt")),
            policy);
    if (failure.equals("-")) {
      assertThat(r).isInstanceOf(BundleVerification.Verified.class);
      BundleVerification.Verified v = (BundleVerification.Verified) r;
      assertThat(v.signer()).isEqualTo(new Signer.Key(key));
      assertThat(v.tlogEntries()).hasSize(withEntries && requireTlog ? 1 : 0);
    } else {
      assertThat(r).isEqualTo(new BundleVerification.Failed(List.of(failure)));
    }
  }

  @ParameterizedTest(name = "publicGood root: {0} {1}")
  @CsvSource({"tlogs,2", "certificateAuthorities,2", "ctlogs,2", "timestampAuthorities,1"})
  void publicGoodRoot(String list, int size) {
    TrustedRoot root = TrustedRoot.publicGood();
    int actual =
        switch (list) {
          case "tlogs" -> root.tlogs().size();
          case "certificateAuthorities" -> root.certificateAuthorities().size();
          case "ctlogs" -> root.ctlogs().size();
          default -> root.timestampAuthorities().size();
        };
    assertThat(actual).isEqualTo(size);
  }

  @ParameterizedTest(name = "TimeRange {0} contains {1}: {2}")
  @CsvSource({
    "2023-07-12T15:56:36Z, 2023-07-12T15:56:36Z, true",
    "2023-07-12T15:56:36Z, 2023-07-12T15:56:37Z, false",
    "2023-07-12T15:56:36Z, 2021-01-12T11:53:27Z, true",
    "2023-07-12T15:56:36Z, 2021-01-12T11:53:26Z, false",
  })
  void timeRangeIsClosed(String end, String t, boolean inside) {
    TimeRange r =
        new TimeRange(
            java.time.Instant.parse("2021-01-12T11:53:27Z"), java.time.Instant.parse(end));
    assertThat(r.contains(java.time.Instant.parse(t))).isEqualTo(inside);
  }
}
