package dev.imagegate.engine.internal;

import dev.imagegate.policy.Policy;
import dev.imagegate.policy.ResourceFilter;
import dev.imagegate.policy.Rule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The kinds any loaded rule can match, so the webhook answers requests for other kinds at once.
 * Kinds are reduced to their name ({@code apps/v1/Deployment} -> {@code Deployment}, {@code
 * TaskRun.status} -> {@code TaskRun}); Pod rules add the pod controllers autogen extends them to.
 */
final class KindIndex {
  private final Set<String> kinds = new HashSet<>();
  private boolean any;

  KindIndex(List<Policy> policies) {
    for (Policy p : policies) {
      for (Rule r : p.rules()) {
        if (r.verifyImages().isEmpty()) {
          continue;
        }
        for (ResourceFilter f : r.match().filters()) {
          if (f.kinds().isEmpty()) {
            any = true;
          }
          for (String k : f.kinds()) {
            String name = k.substring(k.lastIndexOf('/') + 1);
            int dot = name.indexOf('.');
            name = dot >= 0 ? name.substring(0, dot) : name;
            if (name.contains("*") || name.contains("?")) {
              any = true;
            }
            kinds.add(name);
            if (name.equals("Pod")) {
              kinds.addAll(p.autogenControllers());
            }
          }
        }
      }
    }
  }

  boolean mayMatch(String kind) {
    return any || kinds.contains(kind);
  }
}
