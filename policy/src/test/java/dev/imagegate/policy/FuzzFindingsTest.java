package dev.imagegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagegate.conditions.KyvernoJmesPath;
import dev.imagegate.policy.internal.ImageExtraction;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Object shapes the AdmissionReview fuzz test feeds to image extraction (its seed
 * containers-object.json): a container list that is not an array yields no image, never an
 * exception.
 */
class FuzzFindingsTest {
  @Test
  void containerListsThatAreNotArraysYieldNoImages() throws Exception {
    var pod =
        new ObjectMapper()
            .readTree(
                "{\"kind\":\"Pod\",\"spec\":{\"containers\":{\"c\":{\"image\":\"x\"}},"
                    + "\"initContainers\":\"s\",\"ephemeralContainers\":[1,null,{\"image\":7},{\"image\":\"y\"}]}}");
    ImageExtraction.Result r =
        ImageExtraction.extract(pod, Map.of(), KyvernoJmesPath.systemDefault());
    assertThat(r.images()).extracting(ImageExtraction.Extracted::image).containsExactly("y");
  }
}
