/**
 * The policy engine's API: a {@link PolicyEngine} decides on one admission request (a {@link
 * ResourceRequest} in an {@link AdmissionPhase}) with the loaded policies and answers a {@link
 * Decision} with rule results, JSON patches that pin verified digests, and timings. Callers may
 * rely on expected failures (registry errors, timeouts, bad signatures) being rule results, never
 * exceptions.
 */
@NullMarked
package dev.imagegate.engine;

import org.jspecify.annotations.NullMarked;
