package dev.imagegate.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.policy.Location;
import dev.imagegate.policy.PolicyException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads multi-document YAML into {@link YamlDocument}s with locations, within bounds: input size,
 * documents per file, nesting depth, alias use and the number of nodes after alias expansion.
 * Duplicate keys are errors (the API server rejects them too).
 */
public final class YamlReader {
  public static final int MAX_CHARS = 8 * 1024 * 1024;
  public static final int MAX_DOCUMENTS = 1000;
  public static final int MAX_DEPTH = 64;
  public static final int MAX_ALIASES = 100;
  public static final int MAX_NODES = 200_000;

  private YamlReader() {}

  public static List<YamlDocument> read(String file, String content) {
    if (content.length() > MAX_CHARS) {
      throw new PolicyException(
          Location.unknown(file), "file larger than " + MAX_CHARS + " characters");
    }
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_CHARS);
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setAllowRecursiveKeys(false);
    Yaml yaml =
        new Yaml(
            new SafeConstructor(options),
            new Representer(new org.yaml.snakeyaml.DumperOptions()),
            new org.yaml.snakeyaml.DumperOptions(),
            options,
            new Resolver());
    List<YamlDocument> out = new ArrayList<>();
    try {
      int index = 0;
      for (Node node : yaml.composeAll(new StringReader(content))) {
        if (node == null) {
          continue;
        }
        if (++index > MAX_DOCUMENTS) {
          throw new PolicyException(
              location(file, node.getStartMark()),
              "more than " + MAX_DOCUMENTS + " YAML documents in one file");
        }
        Converter c = new Converter(file);
        JsonNode root = c.convert(node, "", 0);
        out.add(new YamlDocument(file, index, root, Map.copyOf(c.values), Map.copyOf(c.keys)));
      }
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      throw new PolicyException(
          location(file, m), "invalid YAML: " + e.getProblem() + hint(content, m), e);
    } catch (org.yaml.snakeyaml.error.YAMLException e) {
      throw new PolicyException(Location.unknown(file), "invalid YAML: " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * Kyverno variables written unquoted ({@code key: {{ x }}}) are YAML flow mappings: the usual
   * cause of odd errors.
   */
  private static String hint(String content, Mark m) {
    if (m == null) {
      return "";
    }
    String line = content.lines().skip(m.getLine()).findFirst().orElse("");
    return line.matches(".*:\\s+\\{\\{.*")
        ? " (quote values that start with {{, e.g. key: \"{{ var }}\")"
        : "";
  }

  static Location location(String file, Mark m) {
    return m == null
        ? Location.unknown(file)
        : new Location(file, m.getLine() + 1, m.getColumn() + 1);
  }

  private static final class Converter {
    private final String file;
    private final Map<String, Location> values = new HashMap<>();
    private final Map<String, Location> keys = new HashMap<>();
    private int nodes;

    Converter(String file) {
      this.file = file;
    }

    JsonNode convert(Node node, String pointer, int depth) {
      if (++nodes > MAX_NODES || depth > MAX_DEPTH) {
        throw new PolicyException(
            location(file, node.getStartMark()),
            "document too large or too deeply nested after expanding aliases (at most "
                + MAX_NODES
                + " values, depth "
                + MAX_DEPTH
                + ")");
      }
      values.putIfAbsent(pointer, location(file, node.getStartMark()));
      return switch (node) {
        case MappingNode m -> mapping(m, pointer, depth);
        case SequenceNode s -> {
          ArrayNode a = JsonNodeFactory.instance.arrayNode();
          List<Node> items = s.getValue();
          for (int i = 0; i < items.size(); i++) {
            a.add(convert(items.get(i), pointer + "/" + i, depth + 1));
          }
          yield a;
        }
        case ScalarNode s -> scalar(s);
        default ->
            throw new PolicyException(location(file, node.getStartMark()), "unsupported YAML node");
      };
    }

    private JsonNode mapping(MappingNode m, String pointer, int depth) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      for (NodeTuple t : m.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode k)) {
          throw new PolicyException(
              location(file, t.getKeyNode().getStartMark()), "mapping keys must be plain strings");
        }
        String key = k.getValue();
        if (o.has(key)) {
          throw new PolicyException(
              location(file, k.getStartMark()), "duplicate key \"" + key + "\"");
        }
        String child = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
        keys.put(child, location(file, k.getStartMark()));
        o.set(key, convert(t.getValueNode(), child, depth + 1));
      }
      return o;
    }

    private JsonNode scalar(ScalarNode s) {
      String v = s.getValue();
      Tag tag = s.getTag();
      JsonNodeFactory f = JsonNodeFactory.instance;
      try {
        if (Tag.NULL.equals(tag)) {
          return f.nullNode();
        }
        if (Tag.BOOL.equals(tag)) {
          return f.booleanNode(
              v.equalsIgnoreCase("true")
                  || v.equalsIgnoreCase("yes")
                  || v.equalsIgnoreCase("on")
                  || v.equalsIgnoreCase("y"));
        }
        if (Tag.INT.equals(tag)) {
          BigInteger i = new BigInteger(v.replace("_", "").replaceFirst("^\\+", ""));
          return i.bitLength() < 63 ? f.numberNode(i.longValue()) : f.numberNode(i);
        }
        if (Tag.FLOAT.equals(tag)) {
          return f.numberNode(new BigDecimal(v.replace("_", "")));
        }
      } catch (NumberFormatException e) {
        // Octal, hex or sexagesimal forms of YAML 1.1: keep the text; Kubernetes fields holding
        // them are strings anyway.
      }
      return f.textNode(v);
    }
  }
}
