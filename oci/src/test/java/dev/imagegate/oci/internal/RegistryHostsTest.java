package dev.imagegate.oci.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegistryHostsTest {
  private final RegistryHosts hosts = new RegistryHosts(Set.of("127.0.0.1:5000", "localhost"));

  @Test
  void httpsUnlessExactlyListedAndDockerHubAtItsApiHost() {
    assertThat(hosts.base("docker.io")).isEqualTo(URI.create("https://registry-1.docker.io"));
    assertThat(hosts.base("ghcr.io")).isEqualTo(URI.create("https://ghcr.io"));
    assertThat(hosts.base("127.0.0.1:5000")).isEqualTo(URI.create("http://127.0.0.1:5000"));
    assertThat(hosts.base("127.0.0.1:5001")).isEqualTo(URI.create("https://127.0.0.1:5001"));
    assertThat(hosts.base("localhost")).isEqualTo(URI.create("http://localhost"));
    assertThat(hosts.base("localhost:5000")).isEqualTo(URI.create("https://localhost:5000"));
  }

  @Test
  void redirectsKeepTheAuthorizationOnlyWithinOneOrigin() {
    assertThat(
            HttpTransport.sameOrigin(
                URI.create("https://r.io/v2/"), URI.create("https://r.io:443/x")))
        .isTrue();
    assertThat(
            HttpTransport.sameOrigin(
                URI.create("https://r.io/v2/"), URI.create("https://s3.r.io/x")))
        .isFalse();
    assertThat(
            HttpTransport.sameOrigin(
                URI.create("http://r.io:5000/"), URI.create("http://r.io:5001/")))
        .isFalse();
    assertThat(HttpTransport.sameOrigin(URI.create("http://r.io/"), URI.create("https://r.io/")))
        .isFalse();
  }
}
