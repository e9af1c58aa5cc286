package dev.imagegate.webhook.internal;

import dev.imagegate.engine.PolicyEngine;
import dev.imagegate.webhook.EngineFactory;
import dev.imagegate.webhook.EngineSettings;
import dev.imagegate.webhook.PolicySet;
import java.util.function.Consumer;

/**
 * Receives policy sets from a source and installs engines built from them. A set the factory
 * rejects leaves the current engine in place: a broken edit to one policy must not switch off
 * admission control.
 */
public final class EngineReloader implements Consumer<PolicySet> {
  private static final JsonLog LOG = JsonLog.forClass(EngineReloader.class);

  /** Told about each attempt (the server counts them in metrics). */
  public interface Listener {
    void reloaded(boolean success);
  }

  private final EngineFactory factory;
  private final EngineSettings settings;
  private final CurrentEngine current;
  private volatile Listener listener = success -> {};

  public EngineReloader(EngineFactory factory, EngineSettings settings, CurrentEngine current) {
    this.factory = factory;
    this.settings = settings;
    this.current = current;
  }

  public void listener(Listener newListener) {
    this.listener = newListener;
  }

  @Override
  public void accept(PolicySet policies) {
    PolicyEngine next;
    try {
      next = factory.create(policies, settings);
    } catch (Exception | LinkageError e) {
      listener.reloaded(false);
      LOG.error(
          current.hasEngine()
              ? "policies rejected; keeping the previous engine"
              : "policies rejected; not ready until they load",
          e,
          "policy_set",
          policies.version(),
          "documents",
          policies.documents().size());
      return;
    }
    PolicyEngine previous = current.replace(next);
    listener.reloaded(true);
    // As Kyverno's admission webhook would refuse them: the other policies keep working.
    for (String invalid : next.invalidPolicies()) {
      LOG.warn("invalid policy not applied", "policy", invalid, "policy_set", policies.version());
    }
    for (String warning : next.policyWarnings()) {
      LOG.warn("policy warning", "warning", warning, "policy_set", policies.version());
    }
    LOG.info(
        "policies loaded",
        "policy_set",
        policies.version(),
        "policy_version",
        next.policyVersion(),
        "documents",
        policies.documents().size());
    if (previous instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.warn("closing the previous engine failed", "reason", e.toString());
      }
    }
  }
}
