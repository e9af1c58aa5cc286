package dev.imagegate.policy;

import java.util.List;

/**
 * {@code match} or {@code exclude}: {@code any} filters (one must match) and {@code all} filters
 * (each must match). The older form without any/all is read as a single {@code all} filter.
 */
public record MatchResources(List<ResourceFilter> any, List<ResourceFilter> all) {
  public static final MatchResources NONE = new MatchResources(List.of(), List.of());

  public MatchResources {
    any = List.copyOf(any);
    all = List.copyOf(all);
  }

  public boolean isEmpty() {
    return any.isEmpty() && all.isEmpty();
  }

  public List<ResourceFilter> filters() {
    return java.util.stream.Stream.concat(any.stream(), all.stream()).toList();
  }
}
