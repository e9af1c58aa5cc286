package dev.imagegate.oci.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.imagegate.oci.Digest;

/**
 * Any bytes a registry sends as a manifest, index or referrers list give a manifest or one of the
 * parser's two checked exceptions, never another exception.
 */
class ManifestParserFuzzTest {
  @FuzzTest
  void manifest(byte[] bytes) {
    try {
      ManifestParser.parse(bytes, null, Digest.sha256(bytes));
    } catch (ManifestParser.MalformedManifestException
        | ManifestParser.UnsupportedMediaTypeException expected) {
      // a clean, documented refusal
    }
  }
}
