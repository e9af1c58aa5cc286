package dev.imagegate.ivpol.convert;

/**
 * One written ImageValidatingPolicy (or NamespacedImageValidatingPolicy) document.
 *
 * @param name its metadata.name
 * @param rule the legacy rule it comes from
 * @param yaml the document, without a leading {@code ---}
 */
public record ConvertedPolicy(String name, String rule, String yaml) {}
