package dev.imagegate.cel.internal;

import com.google.common.collect.ImmutableList;
import dev.cel.bundle.CelBuilder;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelMacro;
import dev.cel.runtime.CelFunctionBinding;
import java.util.Optional;

/**
 * Kyverno's {@code orValue} compatibility macro: {@code x.orValue(y)} is rewritten at parse time to
 * {@code __orValueCompat__(x, y)}, which returns the optional's value, {@code y} for an empty
 * optional, and {@code x} itself when {@code x} is not an optional (cel-go v0.27 behaviour, which
 * policies rely on, e.g. {@code container.volumeMounts.orValue([])}). As in cel-go, the function is
 * strict: an error in {@code x} is the result.
 */
final class OrValueCompat {
  static final String FUNCTION = "__orValueCompat__";

  private OrValueCompat() {}

  static void register(CelBuilder b) {
    b.addMacros(
        CelMacro.newReceiverMacro(
            "orValue",
            1,
            (factory, target, args) ->
                Optional.of(
                    factory.newGlobalCall(FUNCTION, ImmutableList.of(target, args.get(0))))));
    b.addFunctionDeclarations(
        CelFunctionDecl.newFunctionDeclaration(
            FUNCTION,
            CelOverloadDecl.newGlobalOverload(
                "__orValueCompat___dyn_dyn", SimpleType.DYN, SimpleType.DYN, SimpleType.DYN)));
    b.addFunctionBindings(
        CelFunctionBinding.from(
            "__orValueCompat___dyn_dyn",
            Object.class,
            Object.class,
            (lhs, rhs) -> lhs instanceof Optional<?> o ? o.isPresent() ? o.get() : rhs : lhs));
  }
}
