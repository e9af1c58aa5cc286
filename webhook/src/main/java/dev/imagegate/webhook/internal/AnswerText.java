package dev.imagegate.webhook.internal;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The last guard on text that leaves the webhook (deny messages, warnings, error bodies): Java
 * class names, exception names and JVM helpful-NullPointerException phrases are replaced, so no
 * answer reveals the implementation, whatever a bug or a library put into a message. Image
 * references and host names are left alone: a class name here is an upper case simple name after at
 * least two lower case package segments ({@code java.lang.String}), which canonical (lower case)
 * registry hosts and {@code registry.Example.io} are not.
 */
public final class AnswerText {
  /** {@code com.fasterxml.jackson.databind.JsonNode}, {@code java.lang.String.length()} ... */
  private static final Pattern QUALIFIED_CLASS =
      Pattern.compile(
          "\\b(?:[a-z][a-z0-9_]*\\.){2,}[A-Z][A-Za-z0-9_$]*(?:\\.[a-z][A-Za-z0-9_$]*)*(?:\\(\\))?");

  /** {@code NullPointerException}, {@code StackOverflowError} ... */
  private static final Pattern THROWABLE_NAME =
      Pattern.compile("\\b[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b");

  /** The JVM's helpful NPE text: {@code Cannot invoke "..." because "..." is null}. */
  private static final Pattern HELPFUL_NPE =
      Pattern.compile(
          "Cannot (?:invoke|read|load|store|assign)[^\"]*\"[^\"]*\"(?: because \"[^\"]*\" is null)?");

  private AnswerText() {}

  public static @Nullable String scrub(@Nullable String text) {
    if (text == null) {
      return null;
    }
    String s = HELPFUL_NPE.matcher(text).replaceAll("internal error");
    s = QUALIFIED_CLASS.matcher(s).replaceAll("(internal)");
    return THROWABLE_NAME.matcher(s).replaceAll("internal error");
  }
}
