package dev.imagegate.policy;

import java.util.List;
import java.util.Map;

/** A Kubernetes label selector; an empty selector matches everything. */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {
  public LabelSelector {
    matchLabels = Map.copyOf(matchLabels);
    matchExpressions = List.copyOf(matchExpressions);
  }

  public record Requirement(String key, String operator, List<String> values) {
    public Requirement {
      values = List.copyOf(values);
    }
  }

  public boolean matches(Map<String, String> labels) {
    for (Map.Entry<String, String> e : matchLabels.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (Requirement r : matchExpressions) {
      boolean has = labels.containsKey(r.key());
      boolean ok =
          switch (r.operator()) {
            case "In" -> has && r.values().contains(labels.get(r.key()));
            case "NotIn" -> !has || !r.values().contains(labels.get(r.key()));
            case "Exists" -> has;
            case "DoesNotExist" -> !has;
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
