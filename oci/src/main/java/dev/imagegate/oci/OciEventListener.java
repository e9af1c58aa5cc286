package dev.imagegate.oci;

/**
 * Observes registry and layout operations, okhttp-style, so callers can attribute time to phases
 * (resolve, discover, fetch). Called on the calling thread after each operation; implementations
 * must be quick and thread-safe. An exception thrown by a listener is logged and ignored.
 */
@FunctionalInterface
public interface OciEventListener {
  OciEventListener NONE = event -> {};

  /** One finished operation, successful or not. */
  void operationFinished(OciEvent event);
}
