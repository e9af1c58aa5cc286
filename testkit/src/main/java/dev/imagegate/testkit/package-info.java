/**
 * Test support shared by every module's tests: a real CNCF distribution registry on a loopback port
 * ({@link dev.imagegate.testkit.LocalRegistry}), a fault-injecting proxy in front of it ({@link
 * dev.imagegate.testkit.FaultProxy}), fixtures built with the real peer tools ({@link
 * dev.imagegate.testkit.Fixtures}) and the lookup of those peers ({@link
 * dev.imagegate.testkit.Peers}), which fails under {@code CI=true} when a peer is missing. Not part
 * of the runtime.
 */
@NullMarked
package dev.imagegate.testkit;

import org.jspecify.annotations.NullMarked;
