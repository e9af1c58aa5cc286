package dev.imagegate.ivpol.convert.internal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A YAML tree as a person writes it: maps keep insertion order, entries and list items may carry a
 * comment, short scalar lists are written in flow style. Written by {@link YamlWriter}.
 */
public sealed interface Y {
  /** A string, number or boolean. {@code plain} marks numbers and booleans (never quoted). */
  record Scalar(String text, boolean plain) implements Y {}

  /** An ordered map. */
  final class Map implements Y {
    final List<Entry> entries = new ArrayList<>();

    public Map put(String key, Y value) {
      return put(key, value, null);
    }

    public Map put(String key, Y value, @Nullable String comment) {
      entries.add(new Entry(key, value, comment));
      return this;
    }

    public Map put(String key, String value) {
      return put(key, str(value));
    }

    public boolean isEmpty() {
      return entries.isEmpty();
    }

    public @Nullable Y get(String key) {
      for (Entry e : entries) {
        if (e.key.equals(key)) {
          return e.value;
        }
      }
      return null;
    }
  }

  /** A list; {@code flow} writes {@code [a, b]} (only for scalars). */
  final class Seq implements Y {
    final List<Item> items = new ArrayList<>();
    final boolean flow;

    public Seq(boolean flow) {
      this.flow = flow;
    }

    public Seq add(Y value) {
      return add(value, null);
    }

    public Seq add(Y value, @Nullable String comment) {
      items.add(new Item(value, comment));
      return this;
    }

    public boolean isEmpty() {
      return items.isEmpty();
    }

    public int size() {
      return items.size();
    }
  }

  record Entry(String key, Y value, @Nullable String comment) {}

  record Item(Y value, @Nullable String comment) {}

  static Scalar str(String s) {
    return new Scalar(s, false);
  }

  static Scalar bool(boolean b) {
    return new Scalar(Boolean.toString(b), true);
  }

  static Scalar num(long n) {
    return new Scalar(Long.toString(n), true);
  }

  static Map map() {
    return new Map();
  }

  static Seq seq() {
    return new Seq(false);
  }

  /** A flow list of strings: {@code [CREATE, UPDATE]}. */
  static Seq flow(List<String> values) {
    Seq s = new Seq(true);
    values.forEach(v -> s.add(str(v)));
    return s;
  }
}
