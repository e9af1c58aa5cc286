package dev.imagegate.webhook.internal;

import dev.imagegate.engine.ResourceRequest;
import dev.imagegate.oci.RegistryCredentials;
import dev.imagegate.webhook.PullSecretResolver;
import dev.imagegate.webhook.RegistryAuths;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Attaches the credentials of a review's pull secrets to its {@link ResourceRequest}, once per
 * review. A resolver that fails (secret missing, no permission, API server down) never fails the
 * review: the failure is logged and the request goes on with the engine's own credentials, as the
 * image may well be public. Logs name registries and exception types only, never secret contents.
 */
public final class PullSecretCredentials {
  private static final JsonLog LOG = JsonLog.forClass(PullSecretCredentials.class);
  private final PullSecretResolver resolver;

  public PullSecretCredentials(PullSecretResolver resolver) {
    this.resolver = resolver;
  }

  /**
   * {@link #attach} from the resolver's cache only ({@link PullSecretResolver#resolveCached}):
   * empty when that needs a lookup, or when the resolver fails (then {@link #attach} logs it).
   */
  public java.util.Optional<ResourceRequest> attachCached(ResourceRequest request) {
    java.util.Optional<RegistryAuths> auths;
    try {
      auths = resolver.resolveCached(request);
    } catch (RuntimeException e) {
      return java.util.Optional.empty();
    }
    if (auths.isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        auths.get().byRegistry().isEmpty()
            ? request
            : request.withRegistryCredentials(convert(auths.get(), request.uid())));
  }

  public ResourceRequest attach(ResourceRequest request) {
    RegistryAuths auths;
    try {
      auths = resolver.resolve(request);
    } catch (RuntimeException e) {
      LOG.warn(
          "cannot resolve pull secrets; verifying without them",
          "uid",
          request.uid(),
          "namespace",
          request.namespace(),
          "reason",
          e.getClass().getSimpleName() + ": " + e.getMessage());
      return request;
    }
    if (auths == null || auths.byRegistry().isEmpty()) {
      return request;
    }
    return request.withRegistryCredentials(convert(auths, request.uid()));
  }

  /**
   * The usable entries (a user name with a password, or an identity token); others are skipped with
   * a warning.
   */
  static Map<String, RegistryCredentials> convert(RegistryAuths auths, String uid) {
    Map<String, RegistryCredentials> out = new LinkedHashMap<>();
    auths
        .byRegistry()
        .forEach(
            (registry, c) -> {
              try {
                out.put(
                    registry,
                    new RegistryCredentials(c.username(), c.password(), c.identityToken()));
              } catch (IllegalArgumentException e) {
                LOG.warn(
                    "ignoring unusable pull secret entry",
                    "uid",
                    uid,
                    "registry",
                    registry,
                    "reason",
                    "needs a user name and password, or an identity token");
              }
            });
    return out;
  }
}
