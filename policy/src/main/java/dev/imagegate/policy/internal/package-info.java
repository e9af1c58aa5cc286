/**
 * Implementation of the policy model: the YAML reader with locations, the parsers of each spec
 * section, autogen of pod-controller rules, resource matching and image extraction. Not API: other
 * modules use only {@code dev.imagegate.policy} (ivpol reads YAML through a qualified export).
 */
@NullMarked
package dev.imagegate.policy.internal;

import org.jspecify.annotations.NullMarked;
