package dev.imagegate.cli;

import dev.imagegate.engine.Decision;
import dev.imagegate.engine.RuleResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;

/**
 * {@code --explain}: how a decision was reached, rule by rule and image by image, with the time per
 * phase.
 */
final class Explain {
  private Explain() {}

  static void print(PrintWriter out, String resource, Decision d) {
    Tree root = new Tree("decision for " + resource + ": " + (d.allowed() ? "allowed" : "denied"));
    for (RuleResult r : d.results()) {
      Tree rule =
          root.add(
              "rule "
                  + r.policy()
                  + "/"
                  + r.rule()
                  + ": "
                  + r.status()
                  + (r.enforce() ? " (Enforce)" : " (Audit)"));
      if (r.rule().endsWith("ImageValidatingPolicy")) {
        // ImageValidatingPolicy steps: images, each validation's value, each verification.
        r.images().stream()
            .filter(c -> RuleResult.ImageCheck.STEP.equals(c.message()))
            .forEach(c -> rule.add(c.image()));
        continue;
      }
      for (RuleResult.ImageCheck c : r.images()) {
        Tree image =
            rule.add(
                "image "
                    + c.image()
                    + (c.digest() == null ? "" : " -> " + c.digest())
                    + ": "
                    + c.status());
        if (c.message() != null && !c.message().startsWith("verified ")) {
          image.add(c.message());
        }
      }
    }
    d.patches()
        .forEach(
            p ->
                root.add(
                    "patch "
                        + p.op()
                        + " "
                        + p.path()
                        + (p.value() != null && p.value().isTextual()
                            ? " = " + p.value().asText()
                            : "")));
    d.warnings().forEach(w -> root.add("warning " + w));
    StringBuilder t = new StringBuilder("timings:");
    for (Map.Entry<String, Duration> e : d.timings().entrySet()) {
      t.append(' ')
          .append(e.getKey())
          .append('=')
          .append(String.format("%.1fms", e.getValue().toNanos() / 1e6));
    }
    root.add(t.toString());
    root.print(out);
  }
}
