package dev.imagegate.webhook;

import dev.imagegate.engine.PolicyEngine;

/**
 * Builds a {@link PolicyEngine} from a complete set of policies. The webhook calls it once at start
 * and again whenever a {@link PolicySource} reports a change; the previous engine keeps serving
 * until the new one is built, and keeps serving if building fails (a broken policy edit must not
 * take admission down).
 *
 * <p>This is the one place the real engine is wired in: see {@link EngineFactories#real()}.
 */
@FunctionalInterface
public interface EngineFactory {
  /**
   * @throws Exception for broken configuration (unparsable policy, unknown attestor type); the
   *     message is logged and exported, so it should name the document and the location
   */
  PolicyEngine create(PolicySet policies, EngineSettings settings) throws Exception;
}
