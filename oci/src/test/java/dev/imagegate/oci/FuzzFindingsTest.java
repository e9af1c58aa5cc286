package dev.imagegate.oci;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Inputs the fuzz tests found that broke a parser's contract, each fixed; the crashing input also
 * stays in the fuzz test's seed directory (docs/security.md, Fuzzing).
 */
class FuzzFindingsTest {
  /**
   * ImageReferenceFuzzTest, crash-afef8bb7: a NUL character in an OCI layout path threw the JDK's
   * InvalidPathException instead of InvalidReferenceException.
   */
  @Test
  void layoutPathWithNulIsAnInvalidReference() {
    for (String ref : new String[] {"oci-layout:\u00fc\u0000x:2.27", "oci-layout:/a\u0000b:tag"}) {
      assertThatThrownBy(() -> ImageReference.parse(ref))
          .isInstanceOf(InvalidReferenceException.class)
          .hasMessageContaining("invalid OCI layout path");
    }
  }
}
