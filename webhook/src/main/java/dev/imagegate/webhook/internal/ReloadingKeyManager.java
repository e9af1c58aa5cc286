package dev.imagegate.webhook.internal;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.jspecify.annotations.Nullable;

/**
 * A key manager whose certificate can be swapped while the server runs: new handshakes use the
 * newest material.
 *
 * <p>A handshake asks for an alias first and for the key and chain afterwards; a swap in between
 * must not pair the new key with the old chain. Each installed material therefore gets its own
 * alias ({@code imagegate-N}), and the previous one stays resolvable until the next swap.
 */
public final class ReloadingKeyManager extends X509ExtendedKeyManager {
  private final AtomicLong generation = new AtomicLong();
  private final AtomicReference<String> currentAlias = new AtomicReference<>();
  private final Map<String, PemKeyMaterial> byAlias = new ConcurrentHashMap<>();

  public ReloadingKeyManager(PemKeyMaterial initial) {
    install(initial);
  }

  /** Installs new material; returns its alias. */
  public synchronized String install(PemKeyMaterial material) {
    String alias = "imagegate-" + generation.incrementAndGet();
    byAlias.put(alias, material);
    String previous = currentAlias.getAndSet(alias);
    if (previous != null) {
      byAlias.keySet().removeIf(existing -> !existing.equals(alias) && !existing.equals(previous));
    }
    return alias;
  }

  public @Nullable PemKeyMaterial current() {
    return byAlias.get(currentAlias.get());
  }

  private @Nullable String aliasFor(String keyType) {
    String alias = currentAlias.get();
    PemKeyMaterial material = byAlias.get(alias);
    return material != null && keyTypeMatches(material, keyType) ? alias : null;
  }

  private static boolean keyTypeMatches(PemKeyMaterial material, String keyType) {
    String algorithm = material.key().getAlgorithm();
    return keyType == null
        || keyType.equals(algorithm)
        || (keyType.equals("EdDSA") && algorithm.equals("Ed25519"));
  }

  @Override
  public @Nullable String chooseEngineServerAlias(
      String keyType, Principal[] issuers, SSLEngine engine) {
    return aliasFor(keyType);
  }

  @Override
  public @Nullable String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return aliasFor(keyType);
  }

  @Override
  public String @Nullable [] getServerAliases(String keyType, Principal[] issuers) {
    String alias = aliasFor(keyType);
    return alias == null ? null : new String[] {alias};
  }

  @Override
  public X509Certificate @Nullable [] getCertificateChain(String alias) {
    PemKeyMaterial material = byAlias.get(alias);
    return material == null ? null : material.chain().clone();
  }

  @Override
  public @Nullable PrivateKey getPrivateKey(String alias) {
    PemKeyMaterial material = byAlias.get(alias);
    return material == null ? null : material.key();
  }

  // The webhook never authenticates itself as a client.
  @Override
  public String @Nullable [] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public @Nullable String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }
}
