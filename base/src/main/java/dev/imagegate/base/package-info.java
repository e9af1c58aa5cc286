/**
 * The lowest module, below {@code oci}, {@code trust} and {@code conditions}: what every module
 * shares and nothing else. {@link dev.imagegate.base.Result} is the one idiom for "a value, or why
 * there is none" inside verifiers and the policy model; {@link dev.imagegate.base.UntrustedJson} is
 * the one way to read JSON that came from a registry, a signature or a client, with explicit
 * bounds.
 */
@NullMarked
package dev.imagegate.base;

import org.jspecify.annotations.NullMarked;
