package dev.imagegate.webhook.internal;

import dev.imagegate.webhook.PolicyDocument;
import dev.imagegate.webhook.PolicySet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Several sources as one (files and cluster together): reports the union once every source has
 * delivered its first set, and again whenever any of them changes.
 */
public final class MergedPolicySource implements PolicySource {
  private final List<PolicySource> sources;
  private final PolicySet[] latest;
  private @Nullable Consumer<PolicySet> listener; // set by start()

  public MergedPolicySource(List<PolicySource> sources) {
    this.sources = List.copyOf(sources);
    this.latest = new PolicySet[sources.size()];
  }

  @Override
  public void start(Consumer<PolicySet> newListener) {
    this.listener = newListener;
    for (int i = 0; i < sources.size(); i++) {
      int index = i;
      sources.get(i).start(set -> update(index, set));
    }
  }

  private synchronized void update(int index, PolicySet set) {
    latest[index] = set;
    for (PolicySet each : latest) {
      if (each == null) {
        return;
      }
    }
    List<PolicyDocument> documents = new ArrayList<>();
    Map<String, Map<String, String>> context = new HashMap<>();
    for (PolicySet each : latest) {
      documents.addAll(each.documents());
      context.putAll(each.context());
    }
    Objects.requireNonNull(listener, "sources deliver only after start()")
        .accept(new PolicySet(PolicySetVersions.of(documents, context), documents, context));
  }

  @Override
  public String describe() {
    return sources.stream().map(PolicySource::describe).collect(Collectors.joining(" + "));
  }

  @Override
  public void close() {
    sources.forEach(PolicySource::close);
  }
}
