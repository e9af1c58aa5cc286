package dev.imagegate.oci.internal;

import dev.imagegate.oci.OciClient;
import dev.imagegate.oci.OciClientConfig;
import dev.imagegate.oci.OciEventListener;
import dev.imagegate.oci.RegistryCredentials;
import dev.imagegate.oci.Repository;
import dev.imagegate.oci.RepositoryName;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The client: one HTTP client, credential store, token cache and referrers-API memory shared by
 * every repository view (and by views made with {@link #withListener} and {@link
 * #withCredentials}). A view differs only in its listener and where it looks up credentials first.
 */
public final class DefaultOciClient implements OciClient {
  private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private final Shared shared;
  private final OciEventListener listener;
  private final OperationObserver observer;
  private final CredentialSource credentials;
  private final boolean owner;
  private final java.util.function.BooleanSupplier cancelled;

  /** What views of one client have in common. */
  private record Shared(
      OciClientConfig config,
      HttpTransport transport,
      EndpointRunner runner,
      ReferrersApiMemory referrersApi,
      CredentialSource dockerCredentials) {}

  private DefaultOciClient(
      Shared shared, OciEventListener listener, CredentialSource credentials, boolean owner) {
    this(shared, listener, credentials, owner, () -> false);
  }

  private DefaultOciClient(
      Shared shared,
      OciEventListener listener,
      CredentialSource credentials,
      boolean owner,
      java.util.function.BooleanSupplier cancelled) {
    this.shared = shared;
    this.listener = listener;
    this.observer = new OperationObserver(listener, shared.config().operationTimeout(), cancelled);
    this.credentials = credentials;
    this.owner = owner;
    this.cancelled = cancelled;
  }

  public static OciClient create(OciClientConfig config) {
    return create(config, OciEventListener.NONE);
  }

  public static OciClient create(OciClientConfig config, OciEventListener listener) {
    return create(config, listener, CredentialHelperRunner.fromEnvironment(), System.getenv());
  }

  /** With an explicit credential-helper search path and environment (tests). */
  static DefaultOciClient create(
      OciClientConfig config,
      OciEventListener listener,
      CredentialHelperRunner helpers,
      java.util.Map<String, String> env) {
    Objects.requireNonNull(config, "config");
    if (config.operationTimeout() == null
        || config.operationTimeout().isNegative()
        || config.operationTimeout().isZero()) {
      throw new IllegalArgumentException(
          "operationTimeout must be positive, got " + config.operationTimeout());
    }
    if (config.maxManifestBytes() <= 0) {
      throw new IllegalArgumentException(
          "maxManifestBytes must be positive, got " + config.maxManifestBytes());
    }
    Duration connect =
        config.operationTimeout().compareTo(MAX_CONNECT_TIMEOUT) < 0
            ? config.operationTimeout()
            : MAX_CONNECT_TIMEOUT;
    HttpTransport transport = new HttpTransport(connect);
    RegistryHosts hosts = new RegistryHosts(config.insecureRegistries());
    CredentialSource docker =
        new CredentialSource(
            new DockerCredentials(
                DockerCredentials.defaultConfigPath(config.dockerConfig(), env), helpers));
    RegistryAuth auth =
        new RegistryAuth(new TokenEndpoint(transport, hosts), new TokenCache(System::nanoTime));
    EndpointRunner runner =
        new EndpointRunner(transport, auth, hosts, new RetryPolicy(config.maxRetries()));
    return new DefaultOciClient(
        new Shared(config, transport, runner, new ReferrersApiMemory(), docker),
        listener == null ? OciEventListener.NONE : listener,
        docker,
        true);
  }

  @Override
  public Repository repository(RepositoryName name) {
    Objects.requireNonNull(name, "name");
    if (name.isLayout()) {
      return new LayoutRepository(name, observer, shared.config().maxManifestBytes());
    }
    return new RegistryRepository(
        name,
        shared.runner(),
        observer,
        shared.referrersApi(),
        credentials,
        shared.config().maxManifestBytes());
  }

  @Override
  public OciClient withListener(OciEventListener listener) {
    return new DefaultOciClient(
        shared, listener == null ? OciEventListener.NONE : listener, credentials, false, cancelled);
  }

  @Override
  public OciClient withCancellation(java.util.function.BooleanSupplier flag) {
    Objects.requireNonNull(flag, "flag");
    java.util.function.BooleanSupplier before = cancelled;
    return new DefaultOciClient(
        shared, listener, credentials, false, () -> before.getAsBoolean() || flag.getAsBoolean());
  }

  @Override
  public OciClient withCredentials(Map<String, RegistryCredentials> byRegistry) {
    Objects.requireNonNull(byRegistry, "byRegistry");
    CredentialSource source =
        byRegistry.isEmpty()
            ? shared.dockerCredentials()
            : shared.dockerCredentials().with(byRegistry);
    return new DefaultOciClient(shared, listener, source, false, cancelled);
  }

  @Override
  public void close() {
    if (owner) {
      shared.transport().close();
    }
  }
}
