package dev.imagegate.engine.archfixture.left;

import dev.imagegate.engine.archfixture.right.Right;

/** Violation fixture: one half of a package cycle. */
public final class Left {
  public Right right() {
    return new Right();
  }
}
