package dev.imagegate.webhook.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Structured logs of the webhook: one JSON object per line ({@code time, level, logger, message}
 * and then the event's fields such as {@code uid, kind, namespace, name, allowed, duration_ms}).
 *
 * <p>A tiny writer of our own instead of logback + an encoder: the CLI that embeds {@code serve}
 * already binds SLF4J to slf4j-simple, and two SLF4J providers on one class path make the choice of
 * logger arbitrary. Library logs (fabric8) still go through SLF4J.
 */
public final class JsonLog {
  public enum Level {
    DEBUG,
    INFO,
    WARN,
    ERROR
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static volatile PrintStream out = System.out;
  private static volatile Level threshold = Level.INFO;
  private static volatile Clock clock = Clock.systemUTC();

  private final String logger;

  private JsonLog(String logger) {
    this.logger = logger;
  }

  public static JsonLog forClass(Class<?> type) {
    return new JsonLog(type.getName());
  }

  /** Redirects all webhook logs (tests capture them; {@code serve} keeps stdout). */
  public static void redirect(PrintStream target) {
    out = target;
  }

  public static void threshold(Level level) {
    threshold = level;
  }

  public boolean enabled(Level level) {
    return level.compareTo(threshold) >= 0;
  }

  public void debug(String message, @Nullable Object... keyValues) {
    log(Level.DEBUG, message, null, keyValues);
  }

  public void info(String message, @Nullable Object... keyValues) {
    log(Level.INFO, message, null, keyValues);
  }

  public void warn(String message, @Nullable Object... keyValues) {
    log(Level.WARN, message, null, keyValues);
  }

  public void error(String message, Throwable error, @Nullable Object... keyValues) {
    log(Level.ERROR, message, error, keyValues);
  }

  /** {@code keyValues} alternate names and values; null values are left out. */
  public void log(
      Level level, String message, @Nullable Throwable error, @Nullable Object... keyValues) {
    if (!enabled(level)) {
      return;
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", Instant.now(clock).toString());
    line.put("level", level.name());
    line.put("logger", logger);
    line.put("message", message);
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      if (keyValues[i + 1] != null) {
        line.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
      }
    }
    if (error != null) {
      line.put("error", error.toString());
    }
    String text;
    try {
      text = JSON.writeValueAsString(line);
    } catch (JsonProcessingException e) {
      // A field that Jackson cannot serialize must not lose the event: fall back to strings.
      line.replaceAll((k, v) -> String.valueOf(v));
      text = JSON.valueToTree(line).toString();
    }
    PrintStream target = out;
    synchronized (target) {
      target.println(text);
    }
  }
}
