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
  private final Map<String, List<CelFunctionBinding>> bindings = new LinkedHashMap<>();

  /** A global overload: {@code name(params...)}. */
  Functions global(
      String name,
      String overloadId,
      CelType result,
      List<CelType> params,
      List<Class<?>> argClasses,
      CelFunctionOverload impl) {
    return add(
        name, CelOverloadDecl.newGlobalOverload(overloadId, result, params), argClasses, impl);
  }

  /** A member overload: {@code params[0].name(params[1..])}. */
  Functions member(
      String name,
      String overloadId,
      CelType result,
      List<CelType> params,
      List<Class<?>> argClasses,
      CelFunctionOverload impl) {
    return add(
        name, CelOverloadDecl.newMemberOverload(overloadId, result, params), argClasses, impl);
  }

  private Functions add(
      String name, CelOverloadDecl overload, List<Class<?>> argClasses, CelFunctionOverload impl) {
    declare(name, overload);
    bindings
        .computeIfAbsent(name, k -> new ArrayList<>())
        .add(binding(overload.overloadId(), argClasses, impl));
    return this;
  }

  /**
   * One- and two-argument overloads are bound through cel-java's typed factories, whose
   * implementations take the allocation-free fast path; cel-java's dispatch by function name
   * ({@link #install}) requires that form for them.
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

  /** Declares a global overload without a binding (for late-bound or already bound functions). */
  Functions declareGlobal(String name, String overloadId, CelType result, List<CelType> params) {
    declare(name, CelOverloadDecl.newGlobalOverload(overloadId, result, params));
    return this;
  }

  private void declare(String name, CelOverloadDecl overload) {
    decls.computeIfAbsent(name, k -> new ArrayList<>()).add(overload);
  }

  /**
   * Declares every function and binds its overloads. A function with several overloads is also
   * bound by name: a call with {@code dyn} arguments (a quantity in a variable, say) keeps every
   * overload after type checking, and cel-java then needs the by-name binding to plan it; it
   * dispatches to the first overload whose argument classes fit, so overloads that share a Java
   * class (every {@code list(T)} is a {@code java.util.List}) must bind one generic implementation.
   * cel-java keeps the first binding of a name, so a name another library also binds this way
   * ({@code indexOf} of the strings extension) must keep a single overload here.
   */
  void install(CelBuilder b) {
    decls.forEach(
        (name, overloads) ->
            b.addFunctionDeclarations(
                CelFunctionDecl.newFunctionDeclaration(name, ImmutableList.copyOf(overloads))));
    bindings.forEach(
        (name, list) ->
            b.addFunctionBindings(
                list.size() > 1 ? CelFunctionBinding.fromOverloads(name, list) : list));
  }

  static List<CelType> types(CelType... t) {
    return List.of(t);
  }

  static List<Class<?>> classes(Class<?>... c) {
    return List.of(c);
  }
}
