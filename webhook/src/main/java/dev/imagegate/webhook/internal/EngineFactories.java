package dev.imagegate.webhook.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.engine.EngineConfig;
import dev.imagegate.engine.PolicyEngine;
import dev.imagegate.engine.PolicyEngines;
import dev.imagegate.ivpol.IvpolEngine;
import dev.imagegate.ivpol.IvpolLoad;
import dev.imagegate.ivpol.IvpolLoader;
import dev.imagegate.oci.OciClientConfig;
import dev.imagegate.policy.ConfigMap;
import dev.imagegate.policy.LoadResult;
import dev.imagegate.policy.Location;
import dev.imagegate.policy.PolicyLoader;
import dev.imagegate.webhook.EngineFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Where {@code imagegate serve} gets its engine from. */
public final class EngineFactories {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EngineFactories() {}

  /**
   * The production factory: loads the policy documents (files and cluster objects, materialised to
   * the work directory so policy errors name a file, line and column) with the context ConfigMaps,
   * and builds the engine with the server's registry settings. A policy error throws, so the
   * previous engine stays in place.
   */
  public static EngineFactory real() {
    return (policies, settings) -> {
      List<Path> files = policies.materialize(settings.workDirectory());
      OciClientConfig oci =
          OciClientConfig.defaults()
              .withInsecureRegistries(Set.copyOf(settings.insecureRegistries()))
              .withDockerConfig(settings.registryConfig());
      EngineConfig config =
          EngineConfig.defaults().withOci(oci).withResolveTtl(settings.tagCacheTtl());
      LoadResult legacy = PolicyLoader.load(files);
      // ImageValidatingPolicies from the same documents; one imagegate cannot enforce throws, so
      // the server stays unready (or keeps its previous engine) instead of admitting everything.
      IvpolLoad ivpol = IvpolLoader.load(files);
      if (!ivpol.unsupported().isEmpty()) {
        throw new IllegalArgumentException("cannot enforce " + ivpol.unsupported());
      }
      if (ivpol.policies().isEmpty()) {
        return PolicyEngines.create(legacy, configMaps(policies.context()), config);
      }
      PolicyEngine iv =
          IvpolEngine.create(
              ivpol.policies(), ivpol.exceptions(), config, true, settings.resources());
      if (legacy.policies().isEmpty()) {
        return iv;
      }
      return IvpolEngine.combine(
          PolicyEngines.create(legacy, configMaps(policies.context()), config), iv);
    };
  }

  /**
   * Context ConfigMaps from the cluster ({@code namespace/name} to data) in the policy model's
   * form.
   */
  static List<ConfigMap> configMaps(Map<String, Map<String, String>> context) {
    List<ConfigMap> maps = new ArrayList<>();
    context.forEach(
        (key, data) -> {
          int slash = key.indexOf('/');
          String namespace = slash < 0 ? "default" : key.substring(0, slash);
          String name = key.substring(slash + 1);
          ObjectNode object =
              JSON.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
          object.putObject("metadata").put("name", name).put("namespace", namespace);
          ObjectNode d = object.putObject("data");
          data.forEach(d::put);
          maps.add(
              new ConfigMap(
                  namespace, name, data, object, Location.unknown("cluster:configmap/" + key)));
        });
    return maps;
  }
}
