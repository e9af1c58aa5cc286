package dev.imagegate.cosign;

import dev.imagegate.sigstore.TrustedRoot;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The {@link TrustedRoot} of a verification, resolved when a check first asks for it. Parsing the
 * bundled public-good root (a JSON document, certificates and keys) is the largest single start-up
 * cost of a one-image CLI run (issue 15), and a verification with {@code --key
 * --insecure-ignore-tlog} never reads it: no Fulcio CA, Rekor log, CT log or timestamp authority is
 * consulted. Every check that does need trust material calls {@link #get()}, so a keyless,
 * transparency log or timestamp verification parses and uses the root exactly as before.
 *
 * <p>Thread-safe: the root is resolved at most once (a failure is not remembered and is thrown
 * again to the next caller).
 */
public final class TrustSource {
  private final @Nullable Supplier<TrustedRoot> resolver;
  private volatile @Nullable TrustedRoot root;

  private TrustSource(@Nullable TrustedRoot root, @Nullable Supplier<TrustedRoot> resolver) {
    this.root = root;
    this.resolver = resolver;
  }

  /** An already built root. */
  public static TrustSource of(TrustedRoot root) {
    return new TrustSource(Objects.requireNonNull(root, "root"), null);
  }

  /** A root built by {@code resolver} when first needed. */
  public static TrustSource lazily(Supplier<TrustedRoot> resolver) {
    return new TrustSource(null, Objects.requireNonNull(resolver, "resolver"));
  }

  /** The bundled public-good root ({@link CosignTrust#publicGood()}), parsed when first needed. */
  public static TrustSource publicGood() {
    return lazily(CosignTrust::publicGood);
  }

  /** The root, resolving it now if no check asked for it before. */
  public TrustedRoot get() {
    TrustedRoot r = root;
    if (r == null) {
      synchronized (this) {
        r = root;
        if (r == null) {
          r = Objects.requireNonNull(Objects.requireNonNull(resolver).get(), "resolved root");
          root = r;
        }
      }
    }
    return r;
  }

  /** Whether the root was built (given, or resolved by a check); for diagnostics and tests. */
  public boolean resolved() {
    return root != null;
  }

  @Override
  public String toString() {
    return resolved() ? "TrustSource[resolved]" : "TrustSource[not yet resolved]";
  }
}
