/**
 * The training run of the CLI's start-up cache: {@code bin/imagegate} runs {@link
 * dev.imagegate.cli.training.TrainingRun} once after each build with the JVM recording an AOT cache
 * (or a dynamic CDS archive), so the classes a real verification loads, including the JDK's HTTP
 * client on a real exchange, are parsed, verified and linked ahead of time. It owns a tiny
 * read-only registry over an OCI image layout ({@link dev.imagegate.cli.training.LayoutRegistry})
 * so the run needs no network and no peers. Not a user-facing command.
 */
@NullMarked
package dev.imagegate.cli.training;

import org.jspecify.annotations.NullMarked;
