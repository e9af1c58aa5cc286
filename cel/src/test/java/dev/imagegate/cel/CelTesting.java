package dev.imagegate.cel;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelBuilder;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Compiles and evaluates one expression in the policy environment (variables declared dyn). */
final class CelTesting {
  private final CelSettings settings;
  private final Map<String, Object> vars = new LinkedHashMap<>();

  CelTesting(CelSettings settings) {
    this.settings = settings;
  }

  CelTesting() {
    this(CelSettings.defaults());
  }

  CelTesting var(String name, @Nullable Object value) {
    vars.put(name, PolicyCel.toCel(value));
    return this;
  }

  Cel cel() {
    CelBuilder b = PolicyCel.newBuilder(settings);
    vars.keySet().forEach(n -> b.addVar(n, SimpleType.DYN));
    return b.build();
  }

  /** The raw cel-java result. */
  Object raw(String expr) throws CelValidationException, CelEvaluationException {
    Cel cel = cel();
    CelAbstractSyntaxTree ast = cel.compile(expr).getAst();
    return cel.createProgram(ast).eval(vars);
  }

  /** The result through {@link PolicyCel#fromCel}. */
  @Nullable Object eval(String expr) {
    try {
      return PolicyCel.fromCel(raw(expr));
    } catch (CelValidationException | CelEvaluationException e) {
      throw new AssertionError(expr + ": " + e.getMessage(), e);
    }
  }

  /** The compile or evaluation error's message; fails when the expression succeeds. */
  String error(String expr) {
    try {
      Object r = raw(expr);
      throw new AssertionError(expr + ": expected an error, got " + r);
    } catch (CelValidationException e) {
      return "compile: " + e.getMessage();
    } catch (CelEvaluationException e) {
      return "eval: " + e.getMessage();
    }
  }

  static @Nullable Object eval1(String expr) {
    return new CelTesting().eval(expr);
  }

  static String error1(String expr) {
    return new CelTesting().error(expr);
  }
}
