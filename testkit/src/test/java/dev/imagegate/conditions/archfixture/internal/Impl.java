package dev.imagegate.conditions.archfixture.internal;

import dev.imagegate.conditions.archfixture.Api;

/** Allowed fixture: the internal implementation of an API type. */
public final class Impl implements Api {
  @Override
  public int value() {
    return 1;
  }
}
