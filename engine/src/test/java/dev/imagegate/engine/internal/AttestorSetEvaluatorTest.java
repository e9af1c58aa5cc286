package dev.imagegate.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegate.oci.Digest;
import dev.imagegate.oci.ImageReference;
import dev.imagegate.policy.Attestor;
import dev.imagegate.policy.AttestorSet;
import dev.imagegate.policy.AttestorTrust;
import dev.imagegate.policy.KeySource;
import dev.imagegate.policy.Location;
import dev.imagegate.verify.Failure;
import dev.imagegate.verify.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kyverno's attestor semantics, table-driven with a scripted verifier: each entry is written as its
 * outcome ({@code p} verified, {@code d} denied, {@code e} error, {@code [..]} a nested set), sets
 * separated by {@code |}, an optional count prefix {@code 2:}.
 */
class AttestorSetEvaluatorTest {
  private static final ImageReference REF = ImageReference.parse("registry.example/app:v1");
  private static final Digest DIGEST = Digest.sha256(new byte[] {1});

  /** Verified for "p", denied for "d", error for "e", chosen by the attestor's annotation. */
  private static final AttestorVerifier SCRIPTED =
      (target, attestor) ->
          switch (attestor.annotations().get("outcome")) {
            case "p" ->
                new Outcome.Verified(
                    new TestProofs()
                        .proof(target.ref(), target.digest(), attestor.annotations().get("id")));
            case "d" ->
                new Outcome.Denied(
                    List.of(
                        new Failure(
                            Failure.Code.WRONG_KEY, "denied " + attestor.annotations().get("id"))));
            default ->
                new Outcome.Error("registry unreachable for " + attestor.annotations().get("id"));
          };

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "p;pass",
        "d;deny",
        "e;error",
        "p p;pass",
        "p d;deny",
        "d p;deny",
        "p e;error",
        "1:d p;pass",
        "1:e p;pass",
        "1:d d;deny",
        "1:e d;error",
        "1:d e;error",
        "2:p d p;pass",
        "2:d d p;deny",
        "2:e d p;error",
        "p|p;pass",
        "p|d;deny",
        "1:p d|1:d p;pass",
        "1:d d|p;deny",
        "[p];pass",
        "[d];deny",
        "1:[d] p;pass",
        "[1:d p];pass",
        "[[[[[p]]]]];error"
      })
  void semantics(String spec, String expected) {
    AttestorSetEvaluator.SetResult r =
        new AttestorSetEvaluator(SCRIPTED)
            .evaluate(parseSets(spec), "", new VerificationTarget(null, REF, DIGEST, null, null));
    String got =
        switch (r) {
          case AttestorSetEvaluator.SetResult.Passed p -> "pass";
          case AttestorSetEvaluator.SetResult.Denied d -> "deny";
          case AttestorSetEvaluator.SetResult.Errored e -> "error";
        };
    assertThat(got).as(spec + ": " + r).isEqualTo(expected);
    if (!(r instanceof AttestorSetEvaluator.SetResult.Passed)) {
      // Kyverno's path: set, entry and the attestor kind (imageverifier.go verifyAttestorSet).
      assertThat(r.toString())
          .containsPattern(
              "\\.attestors\\[\\d]\\.entries\\[\\d](\\.attestor\\.entries\\[\\d])*\\.(keys|attestor): ");
    }
  }

  private static int counter;

  private static List<AttestorSet> parseSets(String spec) {
    List<AttestorSet> sets = new ArrayList<>();
    for (String s : splitTop(spec, '|')) {
      sets.add(parseSet(s.strip()));
    }
    return sets;
  }

  private static AttestorSet parseSet(String s) {
    Integer count = null;
    int colon = s.indexOf(':');
    if (colon > 0 && s.indexOf('[') < 0 | (colon > 0 && colon < s.indexOf('['))) {
      count = Integer.parseInt(s.substring(0, colon));
      s = s.substring(colon + 1);
    }
    List<Attestor> entries = new ArrayList<>();
    for (String e : splitTop(s, ' ')) {
      if (e.isBlank()) {
        continue;
      }
      if (e.startsWith("[")) {
        AttestorSet nested = parseSet(e.substring(1, e.length() - 1));
        entries.add(
            new Attestor(
                new AttestorTrust.Nested(nested, null), null, Map.of(), Location.unknown("t")));
      } else {
        entries.add(
            new Attestor(
                new AttestorTrust.Keys(new KeySource.Pem("k"), null, null, null),
                null,
                Map.of("outcome", e, "id", "e" + (counter++)),
                Location.unknown("t")));
      }
    }
    return new AttestorSet(count, entries, Location.unknown("t"));
  }

  private static List<String> splitTop(String s, char sep) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    StringBuilder cur = new StringBuilder();
    for (char c : s.toCharArray()) {
      depth += c == '[' ? 1 : c == ']' ? -1 : 0;
      if (c == sep && depth == 0) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
