package dev.imagegate.cel.internal;

import com.google.common.collect.ImmutableList;
import dev.cel.bundle.CelBuilder;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelFunctionOverload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the overloads of hand-written functions, grouped by function name as cel-java's {@code
 * CelFunctionDecl} requires, with their runtime bindings; {@link #install} adds both.
 */
final class Functions {
  private final Map<String, List<CelOverloadDecl>> decls = new LinkedHashMap<>();
  private final List<CelFunctionBinding> bindings = new ArrayList<>();

  /** A global overload: {@code name(params...)}. */
  Functions global(
      String name,
      String overloadId,
      CelType result,
      List<CelType> params,
      List<Class<?>> argClasses,
      CelFunctionOverload impl) {
    decls
        .computeIfAbsent(name, k -> new ArrayList<>())
        .add(CelOverloadDecl.newGlobalOverload(overloadId, result, params));
    bindings.add(CelFunctionBinding.from(overloadId, argClasses, impl));
    return this;
  }

  /** A member overload: {@code params[0].name(params[1..])}. */
  Functions member(
      String name,
      String overloadId,
      CelType result,
      List<CelType> params,
      List<Class<?>> argClasses,
      CelFunctionOverload impl) {
    decls
        .computeIfAbsent(name, k -> new ArrayList<>())
        .add(CelOverloadDecl.newMemberOverload(overloadId, result, params));
    bindings.add(CelFunctionBinding.from(overloadId, argClasses, impl));
    return this;
  }

  /** Declares a global overload without a binding (for late-bound or already bound functions). */
  Functions declareGlobal(String name, String overloadId, CelType result, List<CelType> params) {
    decls
        .computeIfAbsent(name, k -> new ArrayList<>())
        .add(CelOverloadDecl.newGlobalOverload(overloadId, result, params));
    return this;
  }

  void install(CelBuilder b) {
    decls.forEach(
        (name, overloads) ->
            b.addFunctionDeclarations(
                CelFunctionDecl.newFunctionDeclaration(name, ImmutableList.copyOf(overloads))));
    b.addFunctionBindings(bindings);
  }

  static List<CelType> types(CelType... t) {
    return List.of(t);
  }

  static List<Class<?>> classes(Class<?>... c) {
    return List.of(c);
  }
}
