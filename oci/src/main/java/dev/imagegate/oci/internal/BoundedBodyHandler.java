package dev.imagegate.oci.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * Reads a response body into memory up to a limit. Success bodies over the limit fail with {@link
 * BodyTooLargeException}, refused before reading when {@code Content-Length} already says so and
 * cut off (connection closed) as soon as the limit is passed otherwise. Other bodies (errors,
 * redirects) are truncated at {@link #ERROR_BODY_LIMIT}: only their first bytes are ever shown.
 */
final class BoundedBodyHandler implements HttpResponse.BodyHandler<byte[]> {
  static final int ERROR_BODY_LIMIT = 64 * 1024;
  private final long limit;
  private final boolean head;

  /**
   * {@code head}: a HEAD request, whose Content-Length describes the resource, not this (empty)
   * body.
   */
  BoundedBodyHandler(long limit, boolean head) {
    this.limit = limit;
    this.head = head;
  }

  /**
   * The body exceeded the limit; {@code announced} when Content-Length said so before any byte was
   * read.
   */
  static final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;
    final long limit;
    final long seen;
    final boolean announced;

    BodyTooLargeException(long limit, long seen, boolean announced) {
      super(
          (announced ? "Content-Length " + seen : "more than " + limit + " bytes")
              + " exceeds the limit of "
              + limit
              + " bytes");
      this.limit = limit;
      this.seen = seen;
      this.announced = announced;
    }
  }

  @Override
  public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
    if (info.statusCode() / 100 != 2) {
      return new Subscriber(ERROR_BODY_LIMIT, true);
    }
    long announced = head ? -1 : info.headers().firstValueAsLong("content-length").orElse(-1);
    if (announced > limit) {
      return new Subscriber(0, false) {
        @Override
        public void onSubscribe(Flow.Subscription s) {
          s.cancel();
          result.completeExceptionally(new BodyTooLargeException(limit, announced, true));
        }
      };
    }
    return new Subscriber(limit, false);
  }

  private static class Subscriber implements HttpResponse.BodySubscriber<byte[]> {
    final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final long limit;
    private final boolean truncate;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private Flow.@Nullable Subscription subscription;
    private long seen;

    Subscriber(long limit, boolean truncate) {
      this.limit = limit;
      this.truncate = truncate;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer b : buffers) {
        int n = b.remaining();
        long room = limit - seen;
        seen += n;
        if (n > room) {
          // Flow guarantees onSubscribe before onNext
          Objects.requireNonNull(subscription).cancel();
          if (truncate) {
            byte[] part = new byte[(int) room];
            b.get(part);
            out.write(part, 0, part.length);
            result.complete(out.toByteArray());
          } else {
            result.completeExceptionally(new BodyTooLargeException(limit, seen, false));
          }
          return;
        }
        byte[] chunk = new byte[n];
        b.get(chunk);
        out.write(chunk, 0, n);
      }
      Objects.requireNonNull(subscription).request(1);
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(out.toByteArray());
    }
  }
}
