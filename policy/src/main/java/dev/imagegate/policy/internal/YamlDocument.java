package dev.imagegate.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.policy.Location;
import java.util.Map;

/**
 * One YAML document as JSON plus the location of every value and every mapping key, keyed by JSON
 * pointer ({@code /spec/rules/0/name}). Locations survive variable substitution because pointers
 * do.
 */
public record YamlDocument(
    String file,
    int index,
    JsonNode root,
    Map<String, Location> valueLocations,
    Map<String, Location> keyLocations) {
  public Location valueAt(String pointer) {
    Location l = valueLocations.get(pointer);
    return l != null ? l : nearest(pointer);
  }

  public Location keyAt(String pointer) {
    Location l = keyLocations.get(pointer);
    return l != null ? l : valueAt(pointer);
  }

  /**
   * Values created by defaults or substitution have no location of their own: use the closest
   * written parent.
   */
  private Location nearest(String pointer) {
    String p = pointer;
    while (!p.isEmpty()) {
      p = p.substring(0, p.lastIndexOf('/'));
      Location l = valueLocations.get(p);
      if (l != null) {
        return l;
      }
    }
    Location root = valueLocations.get("");
    return root != null ? root : Location.unknown(file);
  }
}
