package dev.imagegate.webhook.internal;

import dev.imagegate.webhook.PolicySet;
import java.util.function.Consumer;

/**
 * Where policies come from: files (mounted ConfigMaps) or the cluster's imagegate.dev resources. A
 * source reports complete sets, never deltas, so the engine is always built from a consistent
 * snapshot.
 */
public interface PolicySource extends AutoCloseable {
  /**
   * Starts watching. {@code listener} receives the first complete set as soon as it is known and
   * then every set whose {@link PolicySet#version()} differs from the previous one; calls are never
   * concurrent.
   */
  void start(Consumer<PolicySet> listener);

  /** For logs: what is being watched. */
  String describe();

  @Override
  void close();
}
