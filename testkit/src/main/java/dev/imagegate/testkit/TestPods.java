package dev.imagegate.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Pod objects as the API server sends them in an admission request. */
public final class TestPods {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestPods() {}

  /** A Pod {@code name} in {@code namespace} with one container per image, named c0, c1, ... */
  public static ObjectNode pod(String name, String namespace, String... images) {
    ObjectNode pod = frame(name, namespace);
    var containers = pod.putObject("spec").putArray("containers");
    for (int i = 0; i < images.length; i++) {
      containers.addObject().put("name", "c" + i).put("image", images[i]);
    }
    return pod;
  }

  /** A Pod {@code name} in {@code namespace} with a single container {@code container}. */
  public static ObjectNode single(String name, String namespace, String container, String image) {
    ObjectNode pod = frame(name, namespace);
    pod.putObject("spec")
        .putArray("containers")
        .addObject()
        .put("name", container)
        .put("image", image);
    return pod;
  }

  private static ObjectNode frame(String name, String namespace) {
    ObjectNode pod = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
    pod.putObject("metadata").put("name", name).put("namespace", namespace);
    return pod;
  }
}
