package dev.imagegate.notation.internal;

/**
 * Thrown inside the envelope parsers only, to leave deeply nested decoding at the first defect;
 * always caught by {@link EnvelopeParser} and turned into an {@link EnvelopeParser.Outcome.Invalid}
 * value.
 */
final class InvalidEnvelopeException extends Exception {
  private static final long serialVersionUID = 1L;

  InvalidEnvelopeException(String message) {
    super(message, null, false, false);
  }
}
