package dev.imagegate.webhook.internal;

import dev.imagegate.engine.PolicyEngine;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The engine that answers reviews right now. Policy reloads replace it atomically; a review in
 * flight finishes with the engine it started with. The webhook is ready once the first engine is
 * set and the start-up warm-up (if any) has finished.
 */
public final class CurrentEngine {
  private final AtomicReference<PolicyEngine> engine = new AtomicReference<>();
  private volatile boolean warmingUp;

  public Optional<PolicyEngine> get() {
    return Optional.ofNullable(engine.get());
  }

  /**
   * Installs {@code next} and returns the engine it replaces (for the caller to close), or null.
   */
  public PolicyEngine replace(PolicyEngine next) {
    return engine.getAndSet(next);
  }

  /** True once an engine is installed (whether or not the warm-up has finished). */
  public boolean hasEngine() {
    return engine.get() != null;
  }

  /** Ready for traffic: an engine is installed and the warm-up is not running. */
  public boolean isReady() {
    return hasEngine() && !warmingUp;
  }

  /** Marks the start-up warm-up as running (not ready) or finished. */
  public void warmingUp(boolean running) {
    warmingUp = running;
  }
}
