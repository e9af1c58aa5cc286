package dev.imagegate.cel;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The http library is registered only with an allow-list, and enforces it (SSRF guard). */
class HttpLibraryTest {
  private HttpServer server;
  private String base;
  private CelTesting cel;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/json",
        ex -> {
          byte[] body =
              ("{\"method\":\""
                      + ex.getRequestMethod()
                      + "\",\"h\":\""
                      + ex.getRequestHeaders().getFirst("X-Test")
                      + "\",\"in\":"
                      + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                          .strip()
                          .transform(s -> s.isEmpty() ? "null" : s)
                      + "}")
                  .getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.createContext(
        "/text",
        ex -> {
          ex.sendResponseHeaders(404, 2);
          ex.getResponseBody().write("no".getBytes(StandardCharsets.UTF_8));
          ex.close();
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
    cel =
        new CelTesting(
                CelSettings.defaults()
                    .withHttpAllowedHosts(Set.of("127.0.0.1:" + server.getAddress().getPort())))
            .var("base", base);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void getsAndPostsJson() {
    Map<?, ?> got =
        (Map<?, ?>)
            java.util.Objects.requireNonNull(cel.eval("http.get(base + '/json', {'X-Test': 'v'})"));
    assertThat(got.get("method")).isEqualTo("GET");
    assertThat(got.get("h")).isEqualTo("v");
    assertThat(got.get("in")).isNull();
    assertThat(got.get("statusCode")).isEqualTo(200L);
    assertThat(cel.eval("http.Post(base + '/json', {'a': 1})['in']")).isEqualTo(Map.of("a", 1.0));
    assertThat(cel.eval("http.client('').get(base + '/json').method")).isEqualTo("GET");
  }

  @Test
  void nonJsonBodyIsNullWithTheStatus() {
    Map<?, ?> r =
        (Map<?, ?>) java.util.Objects.requireNonNull(cel.eval("http.get(base + '/text')"));
    assertThat(r.get("statusCode")).isEqualTo(404L);
    assertThat(r.containsKey("body")).isTrue();
    assertThat(r.get("body")).isNull();
  }

  @Test
  void refusesHostsOutsideTheAllowList() {
    assertThat(cel.error("http.get('http://localhost:1/json')"))
        .contains("http: host localhost:1 is not in the allowed hosts");
    assertThat(cel.error("http.get('http://169.254.169.254/latest/meta-data')"))
        .contains("is not in the allowed hosts");
    assertThat(cel.error("http.get('file:///etc/passwd')")).contains("is not http or https");
  }
}
