package dev.imagegate.policy;

/**
 * An image string in the resource that is not a valid reference; the engine reports it (Kyverno
 * fails the rule).
 */
public record InvalidImage(String imageRef, String jsonPointer, String message) {}
