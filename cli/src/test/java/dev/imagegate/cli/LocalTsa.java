package dev.imagegate.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * An RFC 3161 time-stamping authority on a loopback port: each POSTed TimeStampReq is answered by
 * {@code openssl ts -reply} with the configuration written by {@code fixtures/notary/make-pki.sh}.
 */
final class LocalTsa implements AutoCloseable {
  private static final int MAX_REQUEST_BYTES = 64 * 1024;
  private final HttpServer server;

  private LocalTsa(HttpServer server) {
    this.server = server;
  }

  static LocalTsa start(Path pki) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] reply;
          try (InputStream in = exchange.getRequestBody()) {
            reply = reply(pki, in.readNBytes(MAX_REQUEST_BYTES));
          }
          exchange.getResponseHeaders().add("Content-Type", "application/timestamp-reply");
          exchange.sendResponseHeaders(
              reply.length == 0 ? 500 : 200, reply.length == 0 ? -1 : reply.length);
          if (reply.length > 0) {
            exchange.getResponseBody().write(reply);
          }
          exchange.close();
        });
    server.start();
    return new LocalTsa(server);
  }

  /** The serial file is shared: one reply at a time. */
  private static synchronized byte[] reply(Path pki, byte[] request) throws IOException {
    Path query = Files.createTempFile(pki, "tsq-", ".der");
    Path response = pki.resolve(query.getFileName() + ".tsr");
    try {
      Files.write(query, request);
      Process p =
          new ProcessBuilder(
                  "openssl",
                  "ts",
                  "-reply",
                  "-config",
                  pki.resolve("tsa.cnf").toString(),
                  "-queryfile",
                  query.toString(),
                  "-out",
                  response.toString())
              .redirectErrorStream(true)
              .redirectOutput(pki.resolve("tsa.log").toFile())
              .start();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return new byte[0];
      }
      return Files.readAllBytes(response);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new byte[0];
    } finally {
      Files.deleteIfExists(query);
      Files.deleteIfExists(response);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
