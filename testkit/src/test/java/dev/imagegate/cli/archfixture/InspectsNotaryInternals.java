package dev.imagegate.cli.archfixture;

import dev.imagegate.notation.internal.archfixture.Store;

/** Violation fixture: the CLI reaching into verify-notation's internals (as inspect once did). */
public final class InspectsNotaryInternals {
  public int signatures() {
    return Store.list();
  }
}
