package dev.imagegate.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A labelled tree printed with box-drawing branches, as {@code oras discover -o tree} and {@code
 * notation inspect} do.
 */
record Tree(String label, List<Tree> children) {
  Tree(String label) {
    this(label, new ArrayList<>());
  }

  Tree add(String childLabel) {
    Tree t = new Tree(childLabel);
    children.add(t);
    return t;
  }

  Tree add(Tree child) {
    children.add(child);
    return child;
  }

  void print(PrintWriter out) {
    out.println(label);
    printChildren(out, "");
  }

  private void printChildren(PrintWriter out, String prefix) {
    for (int i = 0; i < children.size(); i++) {
      boolean last = i == children.size() - 1;
      Tree c = children.get(i);
      out.println(prefix + (last ? "\u2514\u2500\u2500 " : "\u251c\u2500\u2500 ") + c.label);
      c.printChildren(out, prefix + (last ? "    " : "\u2502   "));
    }
  }
}
