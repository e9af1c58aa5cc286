package dev.imagegate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.imagegate.forgery.ForgedVerifier;
import dev.imagegate.testkit.arch.ModuleBoundaries;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Proofs cannot be forged from outside the verifier modules: the types have no public constructors,
 * and the boundary rule fails on a class that subclasses ImageVerifier elsewhere.
 */
class ProofForgeryTest {
  @Test
  void proofTypesHaveNoPublicConstructor() {
    for (Class<?> type :
        new Class<?>[] {VerifiedImage.class, VerifiedAttestation.class, ProofIssuer.class}) {
      assertThat(Stream.of(type.getDeclaredConstructors()).map(Constructor::getModifiers))
          .as(type.getSimpleName())
          .noneMatch(Modifier::isPublic)
          .noneMatch(Modifier::isProtected);
      assertThat(Modifier.isFinal(type.getModifiers())).as(type.getSimpleName()).isTrue();
    }
  }

  @Test
  void theRuleFailsOnAForgingClassOutsideTheVerifiers() {
    JavaClasses forger = new ClassFileImporter().importClasses(ForgedVerifier.class);

    EvaluationResult result = ModuleBoundaries.onlyVerifiersIssueProofs().evaluate(forger);

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString())
        .contains("ForgedVerifier")
        .contains("ImageVerifier")
        .contains("ProofIssuer");
  }

  @Test
  void theRuleAcceptsTheRealIssuingPath() {
    JavaClasses api =
        new ClassFileImporter()
            .importClasses(
                ImageVerifier.class,
                ProofIssuer.class,
                VerifiedImage.class,
                VerifiedAttestation.class);

    assertThat(ModuleBoundaries.onlyVerifiersIssueProofs().evaluate(api).hasViolation()).isFalse();
  }
}
