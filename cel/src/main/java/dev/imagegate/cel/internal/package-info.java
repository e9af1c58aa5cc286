/**
 * Implementation of the imagegate CEL environment: the option set, the hand-written libraries
 * (Kubernetes CEL libraries, strings {@code format}, Kyverno helper libraries), value conversion
 * and the glob compiler. Nothing here is API; {@link dev.imagegate.cel.PolicyCel} wires it.
 */
@NullMarked
package dev.imagegate.cel.internal;

import org.jspecify.annotations.NullMarked;
