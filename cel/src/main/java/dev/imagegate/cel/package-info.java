/**
 * The CEL environment of Kyverno's ImageValidatingPolicy, on cel-java ({@code dev.cel:cel}).
 *
 * <p>Contract: {@link dev.imagegate.cel.PolicyCel#newBuilder(CelSettings)} returns a cel-java
 * planner {@code CelBuilder} (the runtime that supports {@code addLateBoundFunctions} and {@code
 * program.eval(vars, CelLateFunctionBindings)} for per-request functions) configured with Kyverno's
 * {@code DefaultEnvOptions} and every library below; callers add their variables (declare JSON
 * input as {@code dyn}) and functions, {@code build()}, compile, and evaluate with inputs converted
 * by {@link dev.imagegate.cel.PolicyCel#toCel} (a Java {@code null} inside a map would fail
 * evaluation). Results go through {@link dev.imagegate.cel.PolicyCel#fromCel}. {@link
 * dev.imagegate.cel.CelSettings} carries the clock of {@code time.now()}, the random source, the
 * {@code http} host allow-list and the bounds. {@link dev.imagegate.cel.Glob} is the gobwas glob of
 * {@code matchImageReferences}; {@link dev.imagegate.cel.ImageName} is go-containerregistry's
 * reference parsing behind {@code parseImageReference()}. Hand-written functions report failures as
 * evaluation errors carrying the Go library's message (e.g. "could not parse reference: x").
 *
 * <p>Libraries: standard macros; optional types ({@code ?.}, {@code [?]}, {@code optional.*},
 * {@code orValue} via Kyverno's compat macro, so it also works on non-optional values); cel-java
 * extensions bindings, encoders, lists, math, protos, sets, strings (plus a hand-written {@code
 * format}), regex, two-variable comprehensions; the Kubernetes libraries (URLs, Quantity, IP, CIDR,
 * Format, Semver, Lists, Regex); Kyverno's image, hash, json, yaml, time, math, transform, gzip,
 * random, user libraries; {@code http} only with a host allow-list; {@code globalContext.get} fails
 * with "not supported". The exact list with the state of each function is in docs/ivpol.md ("CEL
 * environment").
 *
 * <p>Bounds (see {@link dev.imagegate.cel.CelSettings}): total comprehension iterations per
 * evaluation, RE2 program size, expression length. There is no cost limit (cel-java has none, and
 * Kyverno configures none for ivpol).
 */
@NullMarked
package dev.imagegate.cel;

import org.jspecify.annotations.NullMarked;
