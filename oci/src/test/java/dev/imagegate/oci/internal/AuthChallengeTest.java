package dev.imagegate.oci.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {
  @Test
  void parsesABearerChallengeWithACommaInsideAQuotedScope() {
    AuthChallenge c =
        AuthChallenge.select(
            List.of(
                "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:a/b:pull,push\""));
    assertThat(c.isBearer()).isTrue();
    assertThat(c.params())
        .isEqualTo(
            Map.of(
                "realm",
                "https://auth.docker.io/token",
                "service",
                "registry.docker.io",
                "scope",
                "repository:a/b:pull,push"));
  }

  @Test
  void parsesBasicAndPrefersBearerAmongSeveral() {
    assertThat(AuthChallenge.select(List.of("Basic realm=\"Registry Realm\"")).isBasic()).isTrue();
    AuthChallenge both =
        AuthChallenge.select(
            List.of("Basic realm=\"x\", Bearer realm=\"https://t/token\",service=s"));
    assertThat(both.isBearer()).isTrue();
    assertThat(both.service()).isEqualTo("s");
    assertThat(both.realm()).isEqualTo("https://t/token");
  }

  @Test
  void isCaseInsensitiveAboutSchemesAndParameterNames() {
    AuthChallenge c = AuthChallenge.select(List.of("BEARER Realm=\"https://t/token\""));
    assertThat(c.isBearer()).isTrue();
    assertThat(c.realm()).isEqualTo("https://t/token");
  }

  @Test
  void unknownSchemesAndGarbageGiveNothing() {
    assertThat(AuthChallenge.select(List.of("Negotiate abc"))).isNull();
    assertThat(AuthChallenge.select(List.of(""))).isNull();
    assertThat(AuthChallenge.select(List.of())).isNull();
    assertThat(AuthChallenge.select(List.of("Bearer realm=\"unterminated")).realm())
        .isEqualTo("unterminated");
  }
}
