/**
 * The {@code imagegate} command line: the picocli commands ({@code verify}, {@code verify-bundle},
 * {@code apply}, {@code lint}, {@code convert}, {@code serve}, {@code discover}, {@code inspect},
 * {@code demo}), their shared option groups (registry, trust, policy, Notation), and the printing
 * of results and exit codes. It owns no verification or policy logic: it reads files and flags,
 * calls the verifier, policy and engine modules, and renders what they return. Only the fields
 * picocli always injects before a command runs ({@code @Spec}, {@code @Mixin}) are excluded from
 * NullAway's initialization check (the parent pom says why); every {@code @Option} or
 * {@code @Parameters} field without a literal default is {@code @Nullable}, and a required one is
 * read through {@code Objects.requireNonNull} naming picocli's guarantee.
 */
@NullMarked
package dev.imagegate.cli;

import org.jspecify.annotations.NullMarked;
