package dev.imagegate.conditions.archfixture;

import dev.imagegate.conditions.archfixture.internal.Impl;

/** Allowed fixture: an API package whose factory constructs its own internal implementation. */
public interface Api {
  int value();

  static Api create() {
    return new Impl();
  }
}
