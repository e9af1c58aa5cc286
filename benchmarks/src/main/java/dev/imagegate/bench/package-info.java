/**
 * imagegate's benchmarks: JMH benchmarks of the in-process verification hot paths (signature
 * verification, a whole cosign verification from an OCI layout, the legacy engine against the
 * ImageValidatingPolicy engine) and the load benchmark of {@code imagegate serve} (bin/bench-jmh,
 * bin/bench-webhook), with the load generator, the signed-image factory and the latency proxy they
 * use. Not shipped; nothing depends on it.
 */
@NullMarked
package dev.imagegate.bench;

import org.jspecify.annotations.NullMarked;
