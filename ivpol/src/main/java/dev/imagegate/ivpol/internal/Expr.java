package dev.imagegate.ivpol.internal;

import dev.imagegate.policy.Location;

/**
 * A CEL expression as written in a policy: its text, where it was written, and the JSON pointer of
 * the field (for messages such as {@code spec.validations[0].expression}).
 */
public record Expr(String text, Location location, String field) {
  /**
   * The location of a CEL error at {@code line}/{@code column} (1-based line, 0-based column)
   * inside this expression. Plain scalars start at the value; block scalars ({@code |}, {@code >})
   * start on the next line.
   */
  public Location at(int line, int column) {
    if (location.line() <= 0) {
      return location;
    }
    boolean block = text.endsWith("\n") || text.contains("\n");
    if (block) {
      return new Location(location.file(), location.line() + line, column + 1);
    }
    return new Location(location.file(), location.line(), location.column() + Math.max(column, 0));
  }
}
