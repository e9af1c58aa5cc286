package dev.imagegate.cel.internal;

import com.google.common.collect.ImmutableList;
import dev.cel.bundle.CelBuilder;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelFunctionOverload;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the overloads of hand-written functions, grouped by function name as cel-java's {@code
 * CelFunctionDecl} requires, with their runtime bindings; {@link #install} adds both.
 */
final class Functions {
  private final Map<String, List<CelOverloadDecl>> decls = new LinkedHashMap<>();
  private final Map<String, List<CelFunctionBinding>> bindings = new LinkedHashMap<>();
  private final Set<String> dispatchByName = new HashSet<>();

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
    bind(name, binding(overloadId, argClasses, impl));
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
    bind(name, binding(overloadId, argClasses, impl));
    return this;
  }

  /**
   * One- and two-argument overloads are bound through cel-java's typed factories, whose
   * implementations take the allocation-free fast path; cel-java's dispatch by function name
   * ({@link #dispatchByName}) requires that form for them.
   */
  @SuppressWarnings("unchecked")
  private static CelFunctionBinding binding(
      String overloadId, List<Class<?>> argClasses, CelFunctionOverload impl) {
    return switch (argClasses.size()) {
      case 1 ->
          CelFunctionBinding.from(
              overloadId, (Class<Object>) argClasses.get(0), x -> impl.apply(new Object[] {x}));
      case 2 ->
          CelFunctionBinding.from(
              overloadId,
              (Class<Object>) argClasses.get(0),
              (Class<Object>) argClasses.get(1),
              (x, y) -> impl.apply(new Object[] {x, y}));
      default -> CelFunctionBinding.from(overloadId, argClasses, impl);
    };
  }

  /**
   * Also binds function {@code name} as a whole, dispatching at runtime to the first of its
   * overloads whose argument classes fit. The type checker keeps every overload that fits a {@code
   * dyn} argument (for example a list read from JSON), and cel-java's planner then looks the
   * function up by name; without this binding such a call fails to plan. Per-type overloads that
   * share one Java class (all {@code list(T)} are a {@code java.util.List}) must bind the same
   * generic implementation, since the first one is taken for any list.
   */
  Functions dispatchByName(String name) {
    dispatchByName.add(name);
    return this;
  }

  private void bind(String name, CelFunctionBinding binding) {
    bindings.computeIfAbsent(name, k -> new ArrayList<>()).add(binding);
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
    bindings.forEach(
        (name, list) ->
            b.addFunctionBindings(
                dispatchByName.contains(name)
                    ? CelFunctionBinding.fromOverloads(name, list)
                    : list));
  }

  static List<CelType> types(CelType... t) {
    return List.of(t);
  }

  static List<Class<?>> classes(Class<?>... c) {
    return List.of(c);
  }
}
