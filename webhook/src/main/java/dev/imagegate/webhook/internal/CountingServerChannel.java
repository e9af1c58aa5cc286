package dev.imagegate.webhook.internal;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The connection bound of the HTTPS server ({@code --http-max-connections}), enforced and counted
 * where the JDK server accepts. The JDK's own bound ({@code jdk.httpserver.maxConnections}) closes
 * a surplus connection right after accepting it and leaves no trace: no log record, no hook. This
 * channel stands in for the server's listening channel and accepts through it: a connection
 * arriving while {@code limit} accepted connections are still open is closed at once and counted
 * ({@code imagegate_http_connections_closed_total{reason="max_connections"}}); the JDK then sees no
 * connection (an accept that returned nothing), as with its own bound.
 *
 * <p>The JDK server has no API to hand it a channel, so {@link #install} replaces its private field
 * by reflection. That needs {@code --add-opens jdk.httpserver/sun.net.httpserver=ALL-UNNAMED},
 * which every launcher of imagegate passes (jar manifests, the container image's JVM flags);
 * without it {@link #available} is false and {@link dev.imagegate.webhook.HttpServerLimits} leaves
 * the bound to the JDK (enforced, not counted). Only the accepting thread of the JDK server calls
 * {@link #accept}.
 */
public final class CountingServerChannel extends ServerSocketChannel {
  private static final String JDK_PACKAGE = "sun.net.httpserver";

  private final ServerSocketChannel delegate;
  private final int limit;
  private final Counter refused;
  private final List<SocketChannel> open = new ArrayList<>();

  private CountingServerChannel(ServerSocketChannel delegate, int limit, Counter refused) {
    super(delegate.provider());
    this.delegate = delegate;
    this.limit = limit;
    this.refused = refused;
  }

  /** Whether the JDK server's package is open to this code, so {@link #install} can work. */
  public static boolean available() {
    return HttpServer.class
        .getModule()
        .isOpen(JDK_PACKAGE, CountingServerChannel.class.getModule());
  }

  /**
   * Puts a counting channel in front of {@code server}'s listening channel; call before {@code
   * start}. Throws if the JDK server is not the one this was written for (the caller then refuses
   * to serve without a connection bound).
   */
  static void install(HttpServer server, int limit, Counter refused) {
    try {
      Object impl = field(server.getClass(), "server").get(server);
      Field channel = field(impl.getClass(), "schan");
      ServerSocketChannel listening = (ServerSocketChannel) channel.get(impl);
      channel.set(impl, new CountingServerChannel(listening, limit, refused));
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot bound connections of this JDK's HTTP server (" + e + ")", e);
    }
  }

  private static Field field(Class<?> type, String name) throws NoSuchFieldException {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
      } catch (NoSuchFieldException e) {
        // look in the superclass
      }
    }
    throw new NoSuchFieldException(type.getName() + "." + name);
  }

  @Override
  public @org.jspecify.annotations.Nullable SocketChannel accept() throws IOException {
    SocketChannel accepted = delegate.accept();
    if (accepted == null) {
      return null;
    }
    open.removeIf(c -> !c.isOpen()); // the JDK closes connections; a closed channel says so
    if (open.size() >= limit) {
      accepted.close();
      refused.increment();
      return null;
    }
    open.add(accepted);
    return accepted;
  }

  @Override
  public ServerSocketChannel bind(SocketAddress local, int backlog) throws IOException {
    delegate.bind(local, backlog);
    return this;
  }

  @Override
  public <T> ServerSocketChannel setOption(SocketOption<T> name, T value) throws IOException {
    delegate.setOption(name, value);
    return this;
  }

  @Override
  public <T> T getOption(SocketOption<T> name) throws IOException {
    return delegate.getOption(name);
  }

  @Override
  public Set<SocketOption<?>> supportedOptions() {
    return delegate.supportedOptions();
  }

  @Override
  public ServerSocket socket() {
    return delegate.socket();
  }

  @Override
  public SocketAddress getLocalAddress() throws IOException {
    return delegate.getLocalAddress();
  }

  @Override
  protected void implCloseSelectableChannel() throws IOException {
    delegate.close();
  }

  @Override
  protected void implConfigureBlocking(boolean block) throws IOException {
    delegate.configureBlocking(block);
  }
}
