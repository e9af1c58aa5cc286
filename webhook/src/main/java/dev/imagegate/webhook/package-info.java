/**
 * The admission webhook as a service: {@link Webhook#start(WebhookConfig)} runs the HTTPS server,
 * the policy sources and the engine they rebuild; the engine seam ({@link EngineFactory}, {@link
 * EngineSettings}, {@link PolicySet}, {@link PolicyDocument}), registry credentials ({@link
 * RegistryAuths}, {@link PullSecretResolver}) and the failure policy are the other API types.
 */
@NullMarked
package dev.imagegate.webhook;

import org.jspecify.annotations.NullMarked;
