package dev.imagegate.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagegate.testkit.Fixtures;
import dev.imagegate.testkit.LocalRegistry;
import dev.imagegate.testkit.Peers;
import dev.imagegate.testkit.Prerequisites;
import dev.imagegate.testkit.RegistryUpload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against the real CNCF distribution registry, with fixtures made by crane and oras. */
class RegistryClientTest {
  static final Peers PEERS = Peers.installed();
  static LocalRegistry registry;
  static OciClient client;
  static Fixtures fixtures;
  static final List<OciEvent> EVENTS = new CopyOnWriteArrayList<>();
  @TempDir static Path work;

  @BeforeAll
  static void start() {
    Prerequisites.peers("crane");
    registry = LocalRegistry.start(PEERS);
    client =
        OciClient.create(
            OciClientConfig.defaults().withInsecureRegistries(Set.of(registry.host())),
            EVENTS::add);
    fixtures = new Fixtures(PEERS, work);
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  private static ImageReference ref(String s) {
    return ImageReference.parse(registry.host() + "/" + s);
  }

  @Test
  void resolvesOciAndDockerImagesToTheDigestCraneReports() throws Exception {
    String oci = fixtures.pushRandomImage(registry.host(), "resolve/app:oci");
    String docker = fixtures.pushRandomDockerImage(registry.host(), "resolve/app:docker");
    assertThat(client.resolve(ref("resolve/app:oci"))).hasToString(oci);
    assertThat(client.resolve(ref("resolve/app:docker"))).hasToString(docker);
    assertThat(client.resolve(ref("resolve/app@" + oci))).hasToString(oci);
  }

  @Test
  void resolvingAMissingTagIsNotFound() {
    fixtures.pushRandomImage(registry.host(), "resolve/missing:v1");
    assertThatThrownBy(() -> client.resolve(ref("resolve/missing:nope")))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(RegistryException.Kind.NOT_FOUND);
              assertThat(e.getMessage()).contains("nope", "resolve/missing");
            });
  }

  @Test
  void fetchesManifestsByTagAndDigestAndTheirBlobs() throws Exception {
    String digest = fixtures.pushRandomImage(registry.host(), "fetch/app:v1");
    Repository repo = client.repository(ref("fetch/app:v1"));
    Manifest byTag = repo.manifest("v1").orElseThrow();
    Manifest byDigest = repo.manifest(digest).orElseThrow();
    assertThat(byTag.digest()).hasToString(digest);
    assertThat(byDigest.bytes()).isEqualTo(byTag.bytes());
    assertThat(byTag.descriptor().mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    Manifest.ImageManifest m = (Manifest.ImageManifest) byTag.content();
    assertThat(m.layers()).hasSize(1);
    byte[] config = repo.blob(m.config(), 1 << 20);
    assertThat(new String(config, StandardCharsets.UTF_8)).contains("\"rootfs\"");
    byte[] layer = repo.blob(m.layers().get(0), 1 << 20);
    assertThat(Digest.sha256(layer)).isEqualTo(m.layers().get(0).digest());
    assertThatThrownBy(() -> repo.blob(m.layers().get(0), 10))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.kind()).isEqualTo(RegistryException.Kind.TOO_LARGE));
  }

  @Test
  void aMissingTagOrRepositoryIsEmpty() throws Exception {
    fixtures.pushRandomImage(registry.host(), "fetch/exists:v1");
    assertThat(client.repository(ref("fetch/exists")).manifest("sha256-" + "b".repeat(64) + ".sig"))
        .isEmpty();
    assertThat(client.repository(ref("fetch/never-pushed")).manifest("v1")).isEmpty();
  }

  @Test
  void parsesAnOciIndexAndADockerManifestList() throws Exception {
    String a = fixtures.pushRandomImage(registry.host(), "index/app:a");
    String b = fixtures.pushRandomDockerImage(registry.host(), "index/app:b");
    String idx =
        fixtures.pushIndex(
            registry.host(),
            "index/app:idx",
            registry.host() + "/index/app:a",
            registry.host() + "/index/app:b");
    Manifest index = client.repository(ref("index/app")).manifest("idx").orElseThrow();
    assertThat(index.digest()).hasToString(idx);
    assertThat(index.isIndex()).isTrue();
    assertThat(((Manifest.ImageIndex) index.content()).manifests())
        .extracting(d -> d.digest().toString())
        .containsExactly(a, b);

    String bManifest = fixtures.manifest(registry.host() + "/index/app:b");
    String list =
        """
        {"schemaVersion":2,"mediaType":"%s","manifests":[{"mediaType":"%s","size":%d,"digest":"%s",
        "platform":{"architecture":"arm64","os":"linux","variant":"v8"}}]}"""
            .formatted(
                MediaTypes.DOCKER_MANIFEST_LIST,
                MediaTypes.DOCKER_MANIFEST,
                bManifest.getBytes(StandardCharsets.UTF_8).length,
                b);
    String listDigest =
        new RegistryUpload(registry.host())
            .manifest(
                "index/app",
                "list",
                MediaTypes.DOCKER_MANIFEST_LIST,
                list.getBytes(StandardCharsets.UTF_8));
    assertThat(client.resolve(ref("index/app:list"))).hasToString(listDigest);
    Manifest.ImageIndex parsed =
        (Manifest.ImageIndex)
            client.repository(ref("index/app")).manifest("list").orElseThrow().content();
    assertThat(parsed.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
    assertThat(parsed.manifests().get(0).platform()).hasToString("linux/arm64/v8");
  }

  @Test
  void referrersFallBackToTheTagSchemaOnThisRegistryAndFilterByArtifactType() throws Exception {
    String subject = fixtures.pushRandomImage(registry.host(), "refs/app:v1");
    String a =
        fixtures.attach(registry.host(), "refs/app", subject, "application/vnd.test.a", "one");
    String b =
        fixtures.attach(registry.host(), "refs/app", subject, "application/vnd.test.b", "two");
    Repository repo = client.repository(ref("refs/app"));
    Digest s = Digest.parse(subject);
    assertThat(repo.referrers(s, null))
        .extracting(d -> d.digest().toString())
        .containsExactlyInAnyOrder(a, b);
    List<Descriptor> onlyA = repo.referrers(s, "application/vnd.test.a");
    assertThat(onlyA)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.digest()).hasToString(a);
              assertThat(d.artifactType()).isEqualTo("application/vnd.test.a");
            });
    Manifest referrer = repo.manifest(a).orElseThrow();
    assertThat(referrer.content().subject().digest()).isEqualTo(s);
    assertThat(repo.referrers(Digest.sha256(new byte[] {1}), null)).isEmpty();
  }

  @Test
  void reportsEveryOperationToTheListener() throws Exception {
    fixtures.pushRandomImage(registry.host(), "events/app:v1");
    EVENTS.clear();
    client.resolve(ref("events/app:v1"));
    client.repository(ref("events/app")).manifest("absent");
    assertThat(EVENTS)
        .extracting(OciEvent::operation)
        .containsExactly(OciEvent.Operation.RESOLVE, OciEvent.Operation.MANIFEST);
    assertThat(EVENTS)
        .allSatisfy(
            e -> {
              assertThat(e.succeeded()).isTrue();
              assertThat(e.httpExchanges()).isEqualTo(1);
              assertThat(e.repository())
                  .isEqualTo(new RepositoryName(registry.host(), "events/app"));
            });
    List<OciEvent> perView = new CopyOnWriteArrayList<>();
    client.withListener(perView::add).resolve(ref("events/app:v1"));
    assertThat(perView).singleElement().extracting(OciEvent::target).isEqualTo("v1");
  }

  @Test
  void theManifestLimitComesFromTheConfigAndAThrowingListenerIsIgnored() throws Exception {
    fixtures.pushRandomImage(registry.host(), "limits/app:v1");
    OciEventListener broken =
        event -> {
          throw new IllegalStateException("listener bug");
        };
    try (OciClient small =
        OciClient.create(
            OciClientConfig.defaults()
                .withInsecureRegistries(Set.of(registry.host()))
                .withMaxManifestBytes(100),
            broken)) {
      assertThatThrownBy(() -> small.repository(ref("limits/app")).manifest("v1"))
          .isInstanceOfSatisfying(
              RegistryException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(RegistryException.Kind.TOO_LARGE);
                assertThat(e.getMessage())
                    .contains(
                        "fetching manifest v1 of " + registry.host() + "/limits/app",
                        "limit of 100 bytes");
              });
      assertThat(small.resolve(ref("limits/app:v1"))).isNotNull();
    }
  }

  @Test
  void basicAuthAgainstAnHtpasswdRegistry() throws Exception {
    // bcrypt (cost 4) of "imagegate-pw"; distribution 2.8 serves htpasswd auth without TLS.
    Path htpasswd = work.resolve("htpasswd");
    java.nio.file.Files.writeString(
        htpasswd, "tester:$2b$04$0s7Iy1QKB8/zEnNksNuf8utBfPBoK7Fu8zsxSwEUjPGPsCuWSXPXy\n");
    try (LocalRegistry secured =
        LocalRegistry.start(
            PEERS,
            """
        auth:
          htpasswd:
            realm: imagegate-test
            path: %s
        """
                .formatted(htpasswd))) {
      byte[] manifest = TestManifests.emptyArtifact("application/vnd.test.auth");
      RegistryUpload upload = new RegistryUpload(secured.host(), "tester", "imagegate-pw");
      upload.blob("private/app", "{}".getBytes(StandardCharsets.UTF_8));
      String digest = upload.manifest("private/app", "v1", MediaTypes.OCI_MANIFEST, manifest);
      ImageReference r = ImageReference.parse(secured.host() + "/private/app:v1");

      try (OciClient anonymous =
          OciClient.create(
              OciClientConfig.defaults()
                  .withInsecureRegistries(Set.of(secured.host()))
                  .withDockerConfig(work.resolve("no-such-config.json")))) {
        assertThatThrownBy(() -> anonymous.resolve(r))
            .isInstanceOfSatisfying(
                RegistryException.class,
                e -> {
                  assertThat(e.kind()).isEqualTo(RegistryException.Kind.UNAUTHORIZED);
                  assertThat(e.getMessage()).contains("401", "UNAUTHORIZED", "private/app");
                });
      }
      Path config = work.resolve("config.json");
      String auth =
          java.util.Base64.getEncoder()
              .encodeToString("tester:imagegate-pw".getBytes(StandardCharsets.UTF_8));
      java.nio.file.Files.writeString(
          config, "{\"auths\":{\"http://" + secured.host() + "\":{\"auth\":\"" + auth + "\"}}}");
      try (OciClient authed =
          OciClient.create(
              OciClientConfig.defaults()
                  .withInsecureRegistries(Set.of(secured.host()))
                  .withDockerConfig(config))) {
        assertThat(authed.resolve(r)).hasToString(digest);
        assertThat(authed.repository(r).manifest("v1")).isPresent();
      }
    }
  }
}
