/**
 * The local peer tools, shared by the CLI's webhook demo and the test kit so that neither keeps a
 * copy: where {@code bin/peers} installed the real tools ({@link PeerTools}), a real CNCF
 * distribution registry on a loopback port ({@link RegistryServer}), and a self-signed serving
 * certificate for 127.0.0.1 with a client context trusting exactly it ({@link ServingCertificate}).
 * It sits below the test kit, which uses it, and uses no other imagegate module.
 */
@NullMarked
package dev.imagegate.peers;

import org.jspecify.annotations.NullMarked;
