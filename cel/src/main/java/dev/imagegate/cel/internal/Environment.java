package dev.imagegate.cel.internal;

import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelOptions;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.imagegate.cel.CelSettings;

/**
 * Assembles the environment: Kyverno's {@code DefaultEnvOptions} (pkg/cel/compiler/env.go) mapped
 * onto cel-java options and extensions, then the hand-written libraries.
 */
public final class Environment {
  private Environment() {}

  /**
   * cel-java's current options plus: homogeneous aggregate literals, heterogeneous numeric
   * comparisons, optional syntax, and the bounds from the settings. cel-java's timestamp accessors
   * already default to UTC (cel-go's {@code DefaultUTCTimeZone}); declarations are always validated
   * eagerly (cel-go's {@code EagerlyValidateDeclarations}).
   */
  public static CelOptions options(CelSettings s) {
    return CelOptions.current()
        .enableHomogeneousLiterals(true)
        .enableHeterogeneousNumericComparisons(true)
        .enableOptionalSyntax(true)
        .comprehensionMaxIterations(s.comprehensionMaxIterations())
        .maxRegexProgramSize(s.maxRegexProgramSize())
        .maxExpressionCodePointSize(s.maxExpressionCodePointSize())
        .build();
  }

  public static CelBuilder newBuilder(CelSettings s) {
    CelOptions options = options(s);
    CelBuilder b =
        CelFactory.plannerCelBuilder()
            .setOptions(options)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS);
    // cel-go ext: Bindings, Encoders, Lists(v3), Math, Protos, Sets, Strings(v2), Regex(v1),
    // plus OptionalTypes and the two-variable comprehensions of the Kubernetes base env.
    b.addCompilerLibraries(
        CelExtensions.optional(),
        CelExtensions.bindings(),
        CelExtensions.encoders(options),
        CelExtensions.lists(),
        CelExtensions.math(),
        CelExtensions.protos(),
        CelExtensions.sets(options),
        CelExtensions.strings(),
        CelExtensions.regex(),
        CelExtensions.comprehensions());
    b.addRuntimeLibraries(
        CelExtensions.optional(),
        CelExtensions.encoders(options),
        CelExtensions.lists(),
        CelExtensions.math(),
        CelExtensions.sets(options),
        CelExtensions.strings(),
        CelExtensions.regex(),
        CelExtensions.comprehensions());
    OrValueCompat.register(b);
    StringFormat.register(b);
    ImageLibrary.register(b);
    KubernetesLibrary.register(b, s.maxRegexProgramSize());
    NetLibrary.register(b);
    SemverLibrary.register(b);
    FormatLibrary.register(b);
    KyvernoLibrary.register(b, s);
    HttpLibrary.register(b, s.httpAllowedHosts());
    return b;
  }
}
