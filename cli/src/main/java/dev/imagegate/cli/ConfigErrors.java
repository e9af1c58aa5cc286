package dev.imagegate.cli;

import dev.imagegate.oci.InvalidReferenceException;
import dev.imagegate.trust.TrustMaterialException;

/**
 * Maps exceptions escaping a command to a one-line message: configuration errors exit 2, bugs 3
 * with a trace.
 */
final class ConfigErrors {
  private ConfigErrors() {}

  static boolean isBug(Throwable t) {
    return !(t instanceof UsageException
        || t instanceof TrustMaterialException
        || t instanceof InvalidReferenceException
        || t instanceof IllegalArgumentException
        || t instanceof java.io.UncheckedIOException
        || t instanceof java.io.IOException);
  }

  static String describe(Throwable t) {
    if (isBug(t)) {
      java.io.StringWriter w = new java.io.StringWriter();
      t.printStackTrace(new java.io.PrintWriter(w));
      return "internal error (please report): " + w;
    }
    StringBuilder b = new StringBuilder(t.getMessage() == null ? t.toString() : t.getMessage());
    for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      if (c.getMessage() != null && !b.toString().contains(c.getMessage())) {
        b.append(": ").append(c.getMessage());
      }
    }
    return b.toString();
  }
}
