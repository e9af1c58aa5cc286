package dev.imagegate.notation.internal.archfixture;

/** Fixture: an implementation class of a (fake) notation internal package. */
public final class Store {
  public static int list() {
    return 0;
  }
}
