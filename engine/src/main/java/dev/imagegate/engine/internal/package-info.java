/**
 * Implementation of the engine: per request, the rules x images x attestor sets evaluated with
 * Kyverno's semantics, verification through the cosign and Notary verifiers with deadlines and a
 * cache, and the digest-pinning patches built from the verifiers' proofs. Not API: other modules
 * use only {@code dev.imagegate.engine}.
 */
@NullMarked
package dev.imagegate.engine.internal;

import org.jspecify.annotations.NullMarked;
