package dev.imagegate.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResultTest {
  @Test
  void okCarriesAValueAndMaps() {
    Result<Integer> r = Result.ok(2);

    assertThat(r.isOk()).isTrue();
    assertThat(r.value()).isEqualTo(2);
    assertThat(r.map(v -> v * 3)).isEqualTo(Result.ok(6));
    assertThatThrownBy(r::reason).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void errCarriesAReasonThroughMapAndCast() {
    Result<Integer> r = Result.err("no certificate");

    assertThat(r.isOk()).isFalse();
    assertThat(r.reason()).isEqualTo("no certificate");
    assertThat(r.map(v -> v * 3).reason()).isEqualTo("no certificate");
    assertThatThrownBy(r::value)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no certificate");
    String described =
        switch (r) {
          case Result.Ok<Integer>(Integer v) -> "value " + v;
          case Result.Err<Integer>(String reason) -> "failed: " + reason;
        };
    assertThat(described).isEqualTo("failed: no certificate");
  }
}
