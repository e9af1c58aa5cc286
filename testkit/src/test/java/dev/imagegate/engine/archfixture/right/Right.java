package dev.imagegate.engine.archfixture.right;

import dev.imagegate.engine.archfixture.left.Left;

/** Violation fixture: the other half of a package cycle. */
public final class Right {
  public Left left() {
    return new Left();
  }
}
