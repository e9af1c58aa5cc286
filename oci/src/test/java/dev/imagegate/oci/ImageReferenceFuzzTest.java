package dev.imagegate.oci;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Image references come from Pods (tenants) and policies: any text parses or is refused with {@link
 * InvalidReferenceException}; a parsed reference prints and re-parses to itself.
 */
class ImageReferenceFuzzTest {
  @FuzzTest
  void reference(byte[] input) {
    ImageReference ref;
    try {
      ref = ImageReference.parse(new String(input, StandardCharsets.UTF_8));
    } catch (InvalidReferenceException expected) {
      return;
    }
    String printed = ref.toString();
    if (!printed.startsWith("oci-layout:")) {
      ImageReference again = ImageReference.parse(printed);
      if (!again.equals(ref)) {
        throw new IllegalStateException(printed + " re-parses to " + again);
      }
    }
  }
}
