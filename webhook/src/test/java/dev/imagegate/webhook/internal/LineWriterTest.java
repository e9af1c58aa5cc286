package dev.imagegate.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The log's writer thread (issue 15): nothing is lost, order is kept, {@code flush} waits for what
 * was logged before it, even past the queue's capacity and from an interrupted thread; the JSON
 * line keeps its fields and their order; the start-up warm-up's run of the writer's loop writes
 * nowhere and stops at its deadline.
 */
class LineWriterTest {
  @Test
  void everyLineIsWrittenInOrderEvenWhenTheQueueOverflows() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream target = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    LineWriter writer = LineWriter.start(() -> target);
    int lines = LineWriter.CAPACITY * 3;
    for (int i = 0; i < lines; i++) {
      writer.add("line " + i);
    }
    writer.flush();
    assertThat(bytes.toString(StandardCharsets.UTF_8).split("\n"))
        .containsExactly(
            IntStream.range(0, lines).mapToObj(i -> "line " + i).toArray(String[]::new));
  }

  @Test
  void anInterruptedCallerStillLogsAndKeepsItsInterrupt() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream target = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    LineWriter writer = LineWriter.start(() -> target);
    Thread.currentThread().interrupt();
    writer.add("from a cancelled evaluation");
    writer.flush();
    assertThat(Thread.interrupted()).isTrue();
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("from a cancelled evaluation\n");
  }

  @Test
  void theWarmUpRunsTheWritersLoopOncePerLineAndWritesNothingToTheLog() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    JsonLog.redirect(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      int batches = LineWriter.warmUp(300, Instant.now().plusSeconds(60), Clock.systemUTC());
      JsonLog.flush();

      // One batch per line: the loop (take, drain, write, flush) ran 300 times, on a writer of
      // its own whose thread has ended; none of its lines reached the webhook's log.
      assertThat(batches).isEqualTo(300);
      assertThat(bytes.size()).isZero();
      assertThat(Thread.getAllStackTraces().keySet())
          .noneMatch(t -> t.getName().equals("imagegate-log-writer-warm-up"));
    } finally {
      JsonLog.redirect(System.out);
    }
  }

  @Test
  void theWarmUpStopsAtItsDeadline() {
    Instant past = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(LineWriter.warmUp(300, past, Clock.fixed(past, ZoneOffset.UTC))).isZero();
  }

  @Test
  void jsonLinesKeepTheirFieldsAndOrder() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    JsonLog.redirect(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    JsonLog.threshold(JsonLog.Level.INFO);
    try {
      JsonLog.forClass(LineWriterTest.class)
          .warn(
              "admission review",
              "uid",
              "u-1",
              "dry_run",
              false,
              "reason",
              null,
              "warnings",
              List.of("w1"),
              "patches",
              2);
      JsonLog.flush();
    } finally {
      JsonLog.redirect(System.out);
    }
    JsonNode line = new ObjectMapper().readTree(bytes.toString(StandardCharsets.UTF_8));
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = line.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    assertThat(names)
        .containsExactly(
            "time", "level", "logger", "message", "uid", "dry_run", "warnings", "patches");
    assertThat(line.path("level").asText()).isEqualTo("WARN");
    assertThat(line.path("logger").asText()).isEqualTo(LineWriterTest.class.getName());
    assertThat(line.path("dry_run").isBoolean()).isTrue();
    assertThat(line.path("warnings").get(0).asText()).isEqualTo("w1");
    assertThat(line.path("patches").asInt()).isEqualTo(2);
  }
}
