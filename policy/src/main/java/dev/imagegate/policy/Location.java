package dev.imagegate.policy;

/**
 * Where a value was written: file (as given), 1-based line and column. {@code toString()} is {@code
 * file:line:column}.
 */
public record Location(String file, int line, int column) {
  public static Location unknown(String file) {
    return new Location(file, 0, 0);
  }

  @Override
  public String toString() {
    return line <= 0 ? file : file + ":" + line + ":" + column;
  }
}
