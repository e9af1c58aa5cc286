package dev.imagegate.testkit.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.imagegate.cli.archfixture.InspectsNotaryInternals;
import dev.imagegate.conditions.archfixture.Api;
import dev.imagegate.conditions.archfixture.internal.Impl;
import dev.imagegate.cosign.archfixture.ReadsPolicies;
import dev.imagegate.engine.archfixture.left.Left;
import dev.imagegate.engine.archfixture.right.Right;
import dev.imagegate.notation.internal.archfixture.Store;
import dev.imagegate.oci.archfixture.SignsManifests;
import dev.imagegate.policy.archfixture.WatchesCluster;
import dev.imagegate.trust.archfixture.SignatureCheck;
import io.fabric8.archfixture.FakeKubernetesClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules can fail: each runs on deliberately violating fixture classes (in the packages of the
 * modules they pretend to belong to, compiled only into testkit's tests) and must report them.
 */
class ModuleBoundariesTest {
  private static JavaClasses load(Class<?>... classes) {
    return new ClassFileImporter().importClasses(List.of(classes));
  }

  private static EvaluationResult run(ArchRule rule, Class<?>... classes) {
    return rule.evaluate(load(classes));
  }

  @Test
  void anotherModulesInternalPackageIsCaught() {
    EvaluationResult r =
        run(ModuleBoundaries.internalsStayInside(), InspectsNotaryInternals.class, Store.class);

    assertThat(r.hasViolation()).isTrue();
    assertThat(r.getFailureReport().toString()).contains("InspectsNotaryInternals", "Store");
  }

  @Test
  void aModuleUsingAModuleNotBelowItIsCaught() {
    EvaluationResult r =
        run(
            ModuleBoundaries.modulesUseOnlyLowerModules(),
            SignsManifests.class,
            SignatureCheck.class);

    assertThat(r.hasViolation()).isTrue();
    assertThat(r.getFailureReport().toString()).contains("module oci may not use module trust");
  }

  @Test
  void eachDesignPromiseIsCaught() {
    JavaClasses classes =
        load(
            SignsManifests.class,
            SignatureCheck.class,
            WatchesCluster.class,
            FakeKubernetesClient.class,
            ReadsPolicies.class);
    List<String> broken =
        ModuleBoundaries.designRules().stream()
            .filter(rule -> rule.evaluate(classes).hasViolation())
            .map(ArchRule::getDescription)
            .toList();

    assertThat(broken)
        .containsExactly(
            "oci knows nothing of signatures",
            "nothing below the webhook knows Kubernetes (no Kubernetes client)",
            "verifiers know nothing of policies");
  }

  @Test
  void aPackageCycleIsCaught() {
    EvaluationResult r = run(ModuleBoundaries.noPackageCycles(), Left.class, Right.class);

    assertThat(r.hasViolation()).isTrue();
    assertThat(r.getFailureReport().toString()).contains("Cycle");
  }

  @Test
  void anApiAndItsOwnInternalPackageAreNoCycle() {
    assertThat(run(ModuleBoundaries.noPackageCycles(), Api.class, Impl.class).hasViolation())
        .isFalse();
    assertThat(run(ModuleBoundaries.internalsStayInside(), Api.class, Impl.class).hasViolation())
        .isFalse();
  }

  @Test
  void aPackageWithoutNullMarkedIsCaught() {
    // the fixture packages of the other rules have no package-info.java
    EvaluationResult r =
        ModuleBoundaries.everyPackageIsNullMarked()
            .evaluate(new ClassFileImporter().importPackages("dev.imagegate.oci.archfixture"));

    assertThat(r.hasViolation()).isTrue();
    assertThat(r.getFailureReport().toString())
        .contains("package dev.imagegate.oci.archfixture of", "SignsManifests");
  }

  @Test
  void aNullMarkedPackagePasses() {
    JavaClasses marked =
        new ClassFileImporter().importPackages("dev.imagegate.conditions.archfixture.internal");

    assertThat(marked.contain(Impl.class)).isTrue();
    assertThat(ModuleBoundaries.everyPackageIsNullMarked().evaluate(marked).hasViolation())
        .isFalse();
  }

  @Test
  void modulesAreNamedByTheirRootPackage() {
    assertThat(ModuleBoundaries.moduleOf("dev.imagegate.notation.internal")).contains("notation");
    assertThat(ModuleBoundaries.moduleOf("dev.imagegate.cli")).contains("cli");
    assertThat(ModuleBoundaries.moduleOf("io.fabric8.kubernetes")).isEmpty();
  }
}
