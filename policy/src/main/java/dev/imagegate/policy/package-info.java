/**
 * The Kyverno policy model (kyverno.io ClusterPolicy and Policy with their rules, verifyImages
 * entries, attestors, match and exclude blocks and context entries), loading from YAML with
 * file:line:column locations, lint, matching of rules to admission requests and extraction of the
 * images a resource names. Callers may rely on a loaded policy being complete (defaults applied,
 * autogen rules added) and on a bad document being reported as a PolicyException or a lint finding,
 * never a partial model.
 */
@NullMarked
package dev.imagegate.policy;

import org.jspecify.annotations.NullMarked;
