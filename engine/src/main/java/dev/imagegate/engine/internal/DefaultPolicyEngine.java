package dev.imagegate.engine.internal;

import dev.imagegate.conditions.ConditionEvaluator;
import dev.imagegate.engine.AdmissionPhase;
import dev.imagegate.engine.Decision;
import dev.imagegate.engine.EngineConfig;
import dev.imagegate.engine.PolicyEngine;
import dev.imagegate.engine.ResourceRequest;
import dev.imagegate.oci.OciClient;
import dev.imagegate.policy.ConfigMap;
import dev.imagegate.policy.LoadResult;
import dev.imagegate.policy.Policy;
import dev.imagegate.policy.PolicyMatcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The policy engine: loaded policies, the verifiers behind a verification cache, and the request
 * evaluator. One instance serves every request; a policy change builds a new instance (new policy
 * version, new cache).
 */
public final class DefaultPolicyEngine implements PolicyEngine {
  private final List<Policy> policies;
  private final OciClient client;
  private final ExecutorService executor;
  private final RequestEvaluator evaluator;
  private final KindIndex kinds;
  private final String policyVersion;
  private final CachingAttestorVerifier cache;
  private final java.util.Map<
          dev.imagegate.oci.RegistryException.Kind, java.util.concurrent.atomic.LongAdder>
      registryErrors = new java.util.concurrent.ConcurrentHashMap<>();

  private final List<String> invalid;
  private final List<String> warnings;
  private final java.util.Map<String, String> deprecated;

  private DefaultPolicyEngine(
      List<Policy> policies,
      List<ConfigMap> configMaps,
      EngineConfig config,
      List<String> invalid,
      List<String> warnings) {
    this.invalid = List.copyOf(invalid);
    this.warnings = List.copyOf(warnings);
    this.policies = List.copyOf(policies);
    java.util.Map<String, String> notices = new java.util.LinkedHashMap<>();
    for (Policy p : this.policies) {
      // Every policy this engine reads is of a legacy kyverno.io kind.
      notices.putIfAbsent(
          p.qualifiedName(), dev.imagegate.policy.PolicyValidation.deprecation(p.kind()));
    }
    this.deprecated = java.util.Collections.unmodifiableMap(notices);
    this.policyVersion = Integer.toHexString(policies.hashCode()) + "-" + policies.size();
    // Every registry operation reports here; failures are counted by kind for the webhook's
    // metrics.
    this.client =
        OciClient.create(
            config.oci(),
            event -> {
              if (!event.succeeded()) {
                registryErrors
                    .computeIfAbsent(
                        event.failure(), k -> new java.util.concurrent.atomic.LongAdder())
                    .increment();
              }
            });
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    AttestorVerifier typed =
        new TypedAttestors(new CosignAttestors(), new NotaryAttestors(config.clock()));
    this.cache =
        new CachingAttestorVerifier(
            typed,
            executor,
            policyVersion,
            config.cacheEntries(),
            config.successTtl(),
            config.failureTtl());
    dev.imagegate.conditions.Variables variables =
        new dev.imagegate.conditions.Variables(
            dev.imagegate.conditions.KyvernoJmesPath.create(config.clock()));
    ImageEvaluator images =
        new ImageEvaluator(
            new AttestorSetEvaluator(cache), new ConditionEvaluator(variables), variables);
    this.evaluator =
        new RequestEvaluator(
            PolicyMatcher.create(configMaps, config.clock()),
            images,
            client,
            executor,
            config.resolveTtl(),
            config.resolveRefresh(),
            config.clock());
    this.kinds = new KindIndex(policies);
  }

  public static DefaultPolicyEngine create(
      LoadResult loaded, List<ConfigMap> extraConfigMaps, EngineConfig config) {
    List<ConfigMap> maps = new ArrayList<>(loaded.configMaps());
    maps.addAll(extraConfigMaps);
    return new DefaultPolicyEngine(
        loaded.policies(),
        maps,
        config,
        loaded.rejected().stream().map(LoadResult.Rejected::toString).toList(),
        loaded.warnings().stream().map(Object::toString).distinct().toList());
  }

  @Override
  public List<String> invalidPolicies() {
    return invalid;
  }

  @Override
  public List<String> policyWarnings() {
    return warnings;
  }

  @Override
  public java.util.Map<String, String> deprecatedPolicies() {
    return deprecated;
  }

  @Override
  public Decision evaluate(ResourceRequest request, AdmissionPhase phase, Instant deadline) {
    return evaluator.evaluate(policies, request, phase, deadline);
  }

  @Override
  public java.util.Optional<Decision> evaluateFromCache(
      ResourceRequest request, AdmissionPhase phase, Instant deadline) {
    return evaluator.evaluateFromCache(policies, request, phase, deadline);
  }

  @Override
  public boolean mayMatch(String apiGroup, String version, String kind) {
    return kinds.mayMatch(kind);
  }

  @Override
  public String policyVersion() {
    return policyVersion;
  }

  public List<Policy> policies() {
    return policies;
  }

  @Override
  public double verificationCacheHitRatio() {
    return cache.hitRatio();
  }

  @Override
  public java.util.Map<dev.imagegate.oci.RegistryException.Kind, Long> registryErrors() {
    java.util.Map<dev.imagegate.oci.RegistryException.Kind, Long> out =
        new java.util.EnumMap<>(dev.imagegate.oci.RegistryException.Kind.class);
    registryErrors.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  @Override
  public long verificationCacheSize() {
    return cache.size();
  }

  @Override
  public void close() {
    executor.shutdownNow();
    client.close();
  }
}
