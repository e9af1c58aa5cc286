package dev.imagegate.cel;

import dev.imagegate.testkit.arch.ModuleBoundaries;
import org.junit.jupiter.api.Test;

/** The module boundary rules (docs/design.md, "The boundary") on this module's classes. */
class ArchitectureTest {
  @Test
  void respectsTheModuleBoundary() {
    ModuleBoundaries.check("cel");
  }
}
