/**
 * The webhook half of {@code imagegate demo}: it starts a real registry holding the shipped example
 * images (pushed with the real peers), runs {@code imagegate serve} with the demo policy over HTTPS
 * with a throw-away TLS certificate, and sends the AdmissionReviews whose answers the demo prints.
 * Used only by the demo command; not an API.
 */
@NullMarked
package dev.imagegate.cli.demo;

import org.jspecify.annotations.NullMarked;
