package dev.imagegate.oci.internal;

import dev.imagegate.oci.OciEvent;
import dev.imagegate.oci.OciEventListener;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.RepositoryName;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an operation under a fresh {@link Call} (deadline, exchange count) and reports it to the
 * listener.
 */
final class OperationObserver {
  private static final Logger LOG = LoggerFactory.getLogger(OperationObserver.class);
  private final OciEventListener listener;
  private final Duration timeout;
  private final java.util.function.BooleanSupplier cancelled;

  /** The body of an operation. */
  interface Body<T> {
    T run(Call call) throws RegistryException;
  }

  OperationObserver(OciEventListener listener, Duration timeout) {
    this(listener, timeout, () -> false);
  }

  OperationObserver(
      OciEventListener listener, Duration timeout, java.util.function.BooleanSupplier cancelled) {
    this.listener = listener;
    this.timeout = timeout;
    this.cancelled = cancelled;
  }

  <T> T observe(
      OciEvent.Operation op, RepositoryName repo, String target, String description, Body<T> body)
      throws RegistryException {
    Call call = new Call(description, timeout, cancelled);
    RegistryException.Kind failure = null;
    try {
      return body.run(call);
    } catch (RegistryException e) {
      failure = e.kind();
      throw e;
    } catch (RuntimeException e) {
      failure = RegistryException.Kind.PROTOCOL;
      throw e;
    } finally {
      report(new OciEvent(op, repo, target, call.elapsed(), call.exchanges(), failure));
    }
  }

  private void report(OciEvent event) {
    try {
      listener.operationFinished(event);
    } catch (RuntimeException e) {
      LOG.warn(
          "OCI event listener {} failed; ignoring: {}",
          listener.getClass().getName(),
          e.toString());
    }
  }
}
