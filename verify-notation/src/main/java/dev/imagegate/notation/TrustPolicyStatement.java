package dev.imagegate.notation;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One statement of a trust policy document, already validated.
 *
 * @param registryScopes OCI form: repositories ({@code host[:port]/path}) or {@code *}; empty for
 *     blob policies
 * @param overrides per-step actions replacing the level's defaults
 * @param trustedIdentities {@code *} or {@code x509.subject:<DN>} (other prefixes are kept but only
 *     plugins use them)
 * @param globalPolicy blob form: the statement used when no policy name is given
 */
public record TrustPolicyStatement(
    String name,
    List<String> registryScopes,
    VerificationLevel level,
    Map<VerificationStep, VerificationAction> overrides,
    VerifyTimestamp verifyTimestamp,
    List<TrustStoreRef> trustStores,
    List<String> trustedIdentities,
    boolean globalPolicy) {
  public TrustPolicyStatement {
    registryScopes = List.copyOf(registryScopes);
    overrides = overrides.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(overrides));
    trustStores = List.copyOf(trustStores);
    trustedIdentities = List.copyOf(trustedIdentities);
  }

  /** When to evaluate an RFC 3161 countersignature. */
  public enum VerifyTimestamp {
    /** Whenever the policy has a {@code tsa} store (default). */
    ALWAYS,
    /** Only when a certificate of the signing chain has expired. */
    AFTER_CERT_EXPIRY
  }

  /** A {@code type:name} entry of {@code trustStores}. */
  public record TrustStoreRef(TrustStoreType type, String name) {
    @Override
    public String toString() {
      return type.policyName() + ":" + name;
    }
  }

  /** The action for a step: the override if one is set, else the level default. */
  public VerificationAction action(VerificationStep step) {
    if (level == VerificationLevel.SKIP) {
      return VerificationAction.SKIP;
    }
    return overrides.getOrDefault(step, level.defaultAction(step));
  }

  public List<TrustStoreRef> trustStores(TrustStoreType type) {
    return trustStores.stream().filter(r -> r.type() == type).toList();
  }
}
