package dev.imagegate.testkit.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The module boundary of imagegate, enforced. A module is named by its root package ({@code
 * dev.imagegate.oci}, {@code dev.imagegate.verify} for verify-api, {@code dev.imagegate.cosign} for
 * verify-cosign, {@code dev.imagegate.notation} for verify-notation, {@code dev.imagegate.bench}
 * for benchmarks). The rules, and what each catches:
 *
 * <ol>
 *   <li>{@link #internalsStayInside()}: a class of module M never uses a package {@code
 *       ..internal..} of another module (an implementation detail leaking into a sibling's API or
 *       code), except the qualified exceptions in {@link #INTERNAL_EXCEPTIONS}, each with its
 *       reason.
 *   <li>{@link #modulesUseOnlyLowerModules()}: main code of M uses only the modules below it in
 *       docs/design.md's table ({@link #MAY_USE}); a new upward or sideways edge fails even where
 *       Maven would allow it transitively.
 *   <li>{@link #designRules()}: the design's three promises by name: {@code oci} knows nothing of
 *       signatures or keys; nothing below {@code webhook} uses a Kubernetes client; the verifiers
 *       know nothing of policies.
 *   <li>{@link #noPackageCycles()}: packages form no cycle; only the edge from an API package to
 *       its own {@code internal} package (the API's factories constructing their implementation) is
 *       not counted, since internal code implements API types by design.
 *   <li>{@link #onlyVerifiersIssueProofs()}: only verify-cosign and verify-notation extend {@code
 *       ImageVerifier} (the sole holder of a {@code ProofIssuer}) or touch a {@code ProofIssuer},
 *       so a {@code VerifiedImage} or {@code VerifiedAttestation} in hand was issued by a verifier.
 *   <li>{@link #everyPackageIsNullMarked()}: every package of main code has a {@code
 *       package-info.java} annotated {@code @NullMarked} (JSpecify), because NullAway checks only
 *       such packages: a new package without one would silently leave its nulls unchecked.
 * </ol>
 */
public final class ModuleBoundaries {
  private static final String ROOT = "dev.imagegate.";
  private static final Pattern MODULE = Pattern.compile("^dev\\.imagegate\\.([a-z]+)(\\..*)?$");

  /** Module root -> the modules its main code may use (docs/design.md, transitively). */
  public static final Map<String, Set<String>> MAY_USE;

  static {
    Set<String> verifiers =
        Set.of("base", "oci", "trust", "verify", "sigstore", "cosign", "notation");
    Set<String> engine =
        Stream.concat(verifiers.stream(), Stream.of("conditions", "policy"))
            .collect(Collectors.toUnmodifiableSet());
    MAY_USE =
        Map.ofEntries(
            Map.entry("base", Set.of()),
            Map.entry("peers", Set.of()),
            Map.entry("testkit", Set.of("peers")),
            Map.entry("oci", Set.of("base")),
            Map.entry("trust", Set.of("base")),
            Map.entry("conditions", Set.of("base")),
            Map.entry("verify", Set.of("base", "oci", "trust")),
            Map.entry("sigstore", Set.of("base", "trust")),
            Map.entry("cosign", Set.of("base", "oci", "trust", "verify", "sigstore")),
            Map.entry("notation", Set.of("base", "oci", "trust", "verify")),
            Map.entry("policy", Set.of("base", "oci", "conditions")),
            Map.entry("cel", Set.of("base")),
            Map.entry("engine", engine),
            Map.entry("ivpol", plus(engine, "engine", "cel")),
            Map.entry("webhook", plus(engine, "engine", "cel", "ivpol")),
            Map.entry("cli", plus(engine, "engine", "cel", "ivpol", "webhook", "peers")),
            Map.entry("bench", plus(engine, "engine", "cel", "ivpol", "webhook", "cli", "peers")));
  }

  /**
   * Classes allowed to use another module's internal package, with the reason. No production class
   * needs one: a sibling that needs more than the API gets an API type instead.
   */
  public static final Map<String, String> INTERNAL_EXCEPTIONS =
      Map.of(
          "dev.imagegate.testkit.arch.ModuleBoundariesTest",
          "loads the deliberately violating fixture classes to prove the rules fail");

  /**
   * Qualified exports, as JPMS {@code exports P to M} would say them: an internal package -> the
   * classes of a sibling module that may use it (nested classes included), with the reason in the
   * comment. Keep this list short; each entry is a candidate for an API type.
   */
  public static final Map<String, Set<String>> QUALIFIED_EXPORTS =
      Map.of(
          // The ImageValidatingPolicy loader reads YAML with the legacy loader's located reader
          // (YamlReader, YamlDocument, Fields) and label selectors with its MatchParser, so both
          // kinds report errors as file:line:column in one format and accept the same selectors.
          "dev.imagegate.policy.internal",
          Set.of("dev.imagegate.ivpol.IvpolLoader", "dev.imagegate.ivpol.internal.SpecParser"));

  /**
   * Classes outside the verifier modules allowed to issue proofs, with the reason (test code only).
   */
  public static final Map<String, String> PROOF_EXCEPTIONS =
      Map.of(
          "dev.imagegate.engine.internal.TestProofs",
          "the engine's rule tables (AttestorSetEvaluatorTest) need proofs for images no verifier"
              + " saw; test scope, never on a runtime class path");

  /**
   * Main packages not yet {@code @NullMarked}, with the reason: each is a known gap, listed here so
   * it is visible and so that no other package can join it silently.
   */
  public static final Map<String, String> NULL_MARKED_EXCEPTIONS = Map.of();

  private static final String IMAGE_VERIFIER = "dev.imagegate.verify.ImageVerifier";
  private static final String PROOF_ISSUER = "dev.imagegate.verify.ProofIssuer";
  private static final String NULL_MARKED = "org.jspecify.annotations.NullMarked";

  private ModuleBoundaries() {}

  /**
   * Runs every rule on this module's classes: {@code target/classes} and {@code
   * target/test-classes} under the working directory (Surefire runs in the module's folder),
   * limited to the module's own packages. Layering, design and cycle rules see main code only; the
   * internal-package and proof rules see tests too.
   *
   * @throws AssertionError listing every violation
   */
  public static void check(String module) {
    String pkg = ROOT + module;
    // The rules look at the module's own classes and the names of what they use; resolving every
    // dependency from the class path as well took ~25 s per module on a busy 2-core machine.
    ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
    JavaClasses main = importDir(Path.of("target/classes"), pkg);
    JavaClasses all = importDirs(pkg, Path.of("target/classes"), Path.of("target/test-classes"));
    if (main.isEmpty()) {
      throw new AssertionError("no classes of " + pkg + " under target/classes");
    }
    List<String> failures = new ArrayList<>();
    for (ArchRule rule : mainRules()) {
      collect(rule.evaluate(main), failures);
    }
    for (ArchRule rule : List.of(internalsStayInside(), onlyVerifiersIssueProofs())) {
      collect(rule.evaluate(all), failures);
    }
    if (!failures.isEmpty()) {
      throw new AssertionError(String.join("\n\n", failures));
    }
  }

  /** The rules that apply to main code. */
  public static List<ArchRule> mainRules() {
    List<ArchRule> rules = new ArrayList<>();
    rules.add(internalsStayInside());
    rules.add(modulesUseOnlyLowerModules());
    rules.addAll(designRules());
    rules.add(noPackageCycles());
    rules.add(onlyVerifiersIssueProofs());
    rules.add(everyPackageIsNullMarked());
    return rules;
  }

  /** Rule 1: no class uses another module's {@code ..internal..} package. */
  public static ArchRule internalsStayInside() {
    return classes()
        .that(notIn(INTERNAL_EXCEPTIONS.keySet()))
        .should(
            new ArchCondition<JavaClass>("not use another module's internal package") {
              @Override
              public void check(JavaClass origin, ConditionEvents events) {
                String from = moduleOf(origin.getPackageName()).orElse("");
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                  String target = d.getTargetClass().getPackageName();
                  Optional<String> to = moduleOf(target);
                  if (to.isPresent()
                      && !to.get().equals(from)
                      && isInternal(target)
                      && !qualifiedExport(target, origin)) {
                    events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                  }
                }
              }
            })
        .as("no class uses another module's ..internal.. package (INTERNAL_EXCEPTIONS aside)")
        .allowEmptyShould(true);
  }

  /** Rule 2: main code uses only the modules below it (docs/design.md's table). */
  public static ArchRule modulesUseOnlyLowerModules() {
    return classes()
        .should(
            new ArchCondition<JavaClass>(
                "use only the modules below their own (ModuleBoundaries.MAY_USE)") {
              @Override
              public void check(JavaClass origin, ConditionEvents events) {
                Optional<String> from = moduleOf(origin.getPackageName());
                if (from.isEmpty()) {
                  return;
                }
                Set<String> allowed = MAY_USE.getOrDefault(from.get(), Set.of());
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                  Optional<String> to = moduleOf(d.getTargetClass().getPackageName());
                  if (to.isPresent()
                      && !to.get().equals(from.get())
                      && !allowed.contains(to.get())) {
                    events.add(
                        SimpleConditionEvent.violated(
                            d,
                            "module "
                                + from.get()
                                + " may not use module "
                                + to.get()
                                + ": "
                                + d.getDescription()));
                  }
                }
              }
            })
        .as("modules use only the modules below them (docs/design.md)")
        .allowEmptyShould(true);
  }

  /** Rule 3: the design's promises, by name. */
  public static List<ArchRule> designRules() {
    return List.of(
        noClasses()
            .that()
            .resideInAPackage("dev.imagegate.oci..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "dev.imagegate.trust..",
                "dev.imagegate.sigstore..",
                "dev.imagegate.verify..",
                "dev.imagegate.cosign..",
                "dev.imagegate.notation..",
                "org.bouncycastle..")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.security.Signature")
            .as("oci knows nothing of signatures")
            .allowEmptyShould(true),
        noClasses()
            .that()
            .resideOutsideOfPackages(
                "dev.imagegate.webhook..", "dev.imagegate.cli..", "dev.imagegate.bench..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.fabric8..")
            .as("nothing below the webhook knows Kubernetes (no Kubernetes client)")
            .allowEmptyShould(true),
        noClasses()
            .that()
            .resideInAnyPackage(
                "dev.imagegate.verify..", "dev.imagegate.cosign..", "dev.imagegate.notation..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "dev.imagegate.policy..", "dev.imagegate.conditions..", "dev.imagegate.engine..")
            .as("verifiers know nothing of policies")
            .allowEmptyShould(true));
  }

  /**
   * Rule 4: no package cycles. An API package and its own internal package count as one slice: the
   * API's factories construct internal implementations and internal code implements API types, by
   * design; any cycle through a third package is still caught.
   */
  public static ArchRule noPackageCycles() {
    return slices()
        .assignedFrom(
            new SliceAssignment() {
              @Override
              public SliceIdentifier getIdentifierOf(JavaClass c) {
                String p = c.getPackageName();
                if (!p.startsWith(ROOT)) {
                  return SliceIdentifier.ignore();
                }
                return SliceIdentifier.of(
                    p.endsWith(".internal")
                        ? p.substring(0, p.length() - ".internal".length())
                        : p);
              }

              @Override
              public String getDescription() {
                return "packages, an API package together with its own internal package";
              }
            })
        .should()
        .beFreeOfCycles()
        .as("packages are free of cycles")
        .allowEmptyShould(true);
  }

  /** Rule 5: only verify-cosign and verify-notation issue proofs. */
  public static ArchRule onlyVerifiersIssueProofs() {
    return noClasses()
        .that(notIn(PROOF_EXCEPTIONS.keySet()))
        .and()
        .resideOutsideOfPackages(
            "dev.imagegate.verify", "dev.imagegate.cosign..", "dev.imagegate.notation..")
        .should()
        .beAssignableTo(IMAGE_VERIFIER)
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName(PROOF_ISSUER)
        .as(
            "only verify-cosign and verify-notation extend ImageVerifier or use a ProofIssuer"
                + " (PROOF_EXCEPTIONS aside)")
        .allowEmptyShould(true);
  }

  /**
   * Rule 6: every package of main code is {@code @NullMarked} in its {@code package-info.java}
   * (NullAway runs only on such packages; the annotation has runtime retention, so it is visible in
   * the compiled {@code package-info.class}).
   */
  public static ArchRule everyPackageIsNullMarked() {
    return classes()
        .should(
            new ArchCondition<JavaClass>("reside in a package annotated @" + NULL_MARKED) {
              @Override
              public void check(JavaClass origin, ConditionEvents events) {
                if (!NULL_MARKED_EXCEPTIONS.containsKey(origin.getPackageName())
                    && !origin.getPackage().isAnnotatedWith(NULL_MARKED)) {
                  events.add(
                      SimpleConditionEvent.violated(
                          origin,
                          "package "
                              + origin.getPackageName()
                              + " of "
                              + origin.getName()
                              + " has no package-info.java annotated @NullMarked, so NullAway"
                              + " does not check it"));
                }
              }
            })
        .as("every package is @NullMarked (NullAway checks only those)")
        .allowEmptyShould(true);
  }

  /** The module (root package segment) of a package, if it is one of imagegate's. */
  public static Optional<String> moduleOf(String packageName) {
    Matcher m = MODULE.matcher(packageName);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static boolean isInternal(String packageName) {
    return packageName.endsWith(".internal") || packageName.contains(".internal.");
  }

  private static boolean qualifiedExport(String targetPackage, JavaClass origin) {
    String topLevel = origin.getName().replaceFirst("\\$.*", "");
    return QUALIFIED_EXPORTS.getOrDefault(targetPackage, Set.of()).contains(topLevel);
  }

  private static DescribedPredicate<JavaClass> notIn(Set<String> names) {
    return DescribedPredicate.describe(
        "are not listed exceptions", (JavaClass c) -> !names.contains(c.getName()));
  }

  private static Set<String> plus(Set<String> base, String... more) {
    return Stream.concat(base.stream(), Stream.of(more)).collect(Collectors.toUnmodifiableSet());
  }

  private static void collect(EvaluationResult result, List<String> failures) {
    if (result.hasViolation()) {
      failures.add(result.getFailureReport().toString());
    }
  }

  private static JavaClasses importDir(Path dir, String pkg) {
    return importDirs(pkg, dir);
  }

  private static JavaClasses importDirs(String pkg, Path... dirs) {
    List<Path> existing = Stream.of(dirs).filter(Files::isDirectory).toList();
    return new ClassFileImporter()
        .importPaths(existing)
        .that(
            DescribedPredicate.describe(
                "in " + pkg,
                (JavaClass c) ->
                    c.getPackageName().equals(pkg) || c.getPackageName().startsWith(pkg + ".")));
  }
}
