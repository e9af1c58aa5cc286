/**
 * Fixture for the boundary rules: an internal package implementing its API package's type, and a
 * package marked {@code @NullMarked} as every main package must be.
 */
@NullMarked
package dev.imagegate.conditions.archfixture.internal;

import org.jspecify.annotations.NullMarked;
