package dev.imagegate.ivpol.convert;

import dev.imagegate.policy.Policy;
import java.util.List;

/**
 * The conversion of one legacy policy: one ImageValidatingPolicy per rule and verifyImages entry
 * (per failure action where overrides differ by namespace), and what did not convert.
 */
public record Conversion(Policy source, List<ConvertedPolicy> policies, List<ConversionGap> gaps) {
  public Conversion {
    policies = List.copyOf(policies);
    gaps = List.copyOf(gaps);
  }

  /** The documents as one YAML stream, separated by {@code ---}. */
  public String yaml() {
    StringBuilder b = new StringBuilder();
    for (ConvertedPolicy p : policies) {
      b.append("---\n").append(p.yaml());
    }
    return b.toString();
  }

  /** The file name for {@code --output DIR}: {@code NAME.yaml} or {@code NAMESPACE-NAME.yaml}. */
  public String fileName() {
    return (source.clusterScoped() ? "" : source.namespace() + "-") + source.name() + ".yaml";
  }
}
