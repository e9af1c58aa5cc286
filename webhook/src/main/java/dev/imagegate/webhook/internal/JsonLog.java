package dev.imagegate.webhook.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagegate.engine.PooledJson;
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
 *
 * <p>The line is built on the caller's thread (so its time and values are those of the event) and
 * written by {@link LineWriter}'s thread, in batches with one flush each: a review no longer waits
 * for the write to stdout (a pipe to the container runtime that may stall). The queue is bounded;
 * when it is full the caller waits, so no line is dropped. {@link #flush()} (called when the
 * webhook closes, by a shutdown hook and before {@link #redirect}) returns once every line logged
 * before it is written.
 */
public final class JsonLog {
  public enum Level {
    DEBUG,
    INFO,
    WARN,
    ERROR
  }

  private static final ObjectMapper JSON = PooledJson.mapper();

  private static volatile PrintStream out = System.out;
  private static volatile Level threshold = Level.INFO;
  private static volatile Clock clock = Clock.systemUTC();
  private static final LineWriter WRITER = LineWriter.start(() -> out);

  private final String logger;

  private JsonLog(String logger) {
    this.logger = logger;
  }

  public static JsonLog forClass(Class<?> type) {
    return new JsonLog(type.getName());
  }

  /**
   * Redirects all webhook logs (tests capture them; {@code serve} keeps stdout). Lines logged
   * before go to the previous target.
   */
  public static void redirect(PrintStream target) {
    synchronized (JsonLog.class) {
      flush();
      out = target;
    }
  }

  /** Returns once every line logged before this call is written (or after 10 s at most). */
  public static void flush() {
    WRITER.flush();
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
    WRITER.add(text);
  }
}
