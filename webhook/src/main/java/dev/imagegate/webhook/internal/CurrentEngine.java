package dev.imagegate.webhook.internal;

import dev.imagegate.engine.PolicyEngine;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The engine that answers reviews right now. Policy reloads replace it atomically; a review in
 * flight finishes with the engine it started with. The webhook is ready once the first engine is
 * set.
 */
public final class CurrentEngine {
  private final AtomicReference<PolicyEngine> engine = new AtomicReference<>();

  public Optional<PolicyEngine> get() {
    return Optional.ofNullable(engine.get());
  }

  /**
   * Installs {@code next} and returns the engine it replaces (for the caller to close), or null.
   */
  public PolicyEngine replace(PolicyEngine next) {
    return engine.getAndSet(next);
  }

  public boolean isReady() {
    return engine.get() != null;
  }
}
