/**
 * The module boundary as ArchUnit rules: which module may use which (docs/design.md), that no
 * module reaches into another's {@code internal} packages, that packages form no cycles, and that
 * only the verifier modules issue proofs. Every module's {@code ArchitectureTest} runs {@link
 * dev.imagegate.testkit.arch.ModuleBoundaries#check(String)} on its own classes.
 */
@NullMarked
package dev.imagegate.testkit.arch;

import org.jspecify.annotations.NullMarked;
