package dev.imagegate.cel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A call whose arguments are {@code dyn} (policy variables, the object) keeps every overload that
 * fits after type checking; such calls to the hand-written functions with several overloads are
 * dispatched at evaluation by the arguments' runtime types, as cel-go does.
 */
class DynamicDispatchTest {
  @Test
  void multiOverloadFunctionsWorkOnDynArguments() {
    CelTesting t = new CelTesting().var("o", Map.of("q", "1", "n", 2, "s", "a1b2"));
    assertThat(t.eval("dyn(quantity(o.q)).add(dyn(quantity('2'))) == quantity('3')"))
        .isEqualTo(true);
    assertThat(t.eval("dyn(quantity(o.q)).add(o.n) == quantity('3')")).isEqualTo(true);
    assertThat(t.eval("dyn(quantity(o.q)).sub(o.n) == quantity('-1')")).isEqualTo(true);
    assertThat(t.eval("o.s.findAll('[0-9]', 1)")).isEqualTo(java.util.List.of("1"));
    assertThat(t.error("dyn(quantity(o.q)).add(o.s)"))
        .startsWith("eval:")
        .contains("No matching overload");
  }
}
