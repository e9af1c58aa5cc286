package dev.imagegate.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The log's writer thread (issue 15): nothing is lost, order is kept, {@code flush} waits for what
 * was logged before it, even past the queue's capacity and from an interrupted thread; the JSON
 * line keeps its fields and their order.
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
