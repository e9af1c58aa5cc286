package dev.imagegate.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagegate.oci.RegistryException.Kind;
import dev.imagegate.testkit.Fixtures;
import dev.imagegate.testkit.LocalRegistry;
import dev.imagegate.testkit.Peers;
import dev.imagegate.testkit.Prerequisites;
import dev.imagegate.testkit.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OCI image layouts written by OciLayoutWriter, oras, cosign save and notation's test data. */
class LayoutRepositoryTest {
  static OciClient client;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    client = OciClient.create(OciClientConfig.defaults());
  }

  @AfterAll
  static void stop() {
    client.close();
  }

  private Repository layout(Path p) {
    return client.repository(RepositoryName.layout(p));
  }

  private static void expect(Kind kind, ThrowingCall call, Consumer<String> message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(kind);
              message.accept(e.getMessage());
            });
  }

  interface ThrowingCall {
    void run() throws Exception;
  }

  /**
   * A layout with an image tagged v1, a referrer by subject (untagged), and a referrers-tag index.
   */
  private record Written(
      Descriptor image, Descriptor config, Descriptor bySubject, Descriptor tagged) {}

  private Written write(Path at) {
    OciLayoutWriter w = OciLayoutWriter.create(at);
    Descriptor config =
        w.putBlob(
            "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8),
            "application/vnd.oci.image.config.v1+json");
    w.putBlob("{}".getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_EMPTY);
    byte[] image =
        ("{\"schemaVersion\":2,\"mediaType\":\""
                + MediaTypes.OCI_MANIFEST
                + "\",\"config\":{\"mediaType\":\""
                + config.mediaType()
                + "\",\"digest\":\""
                + config.digest()
                + "\",\"size\":"
                + config.size()
                + "},\"layers\":[]}")
            .getBytes(StandardCharsets.UTF_8);
    Descriptor img = w.putManifest(image, MediaTypes.OCI_MANIFEST, "v1");
    Descriptor sig =
        w.putManifest(
            TestManifests.referrer("application/vnd.dev.sigstore.bundle.v0.3+json", img),
            MediaTypes.OCI_MANIFEST,
            null);
    byte[] other = TestManifests.referrer("application/vnd.cncf.notary.signature", img);
    Descriptor notary = w.putBlob(other, MediaTypes.OCI_MANIFEST);
    String index =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + MediaTypes.OCI_INDEX
            + "\",\"manifests\":[{\"mediaType\":\""
            + MediaTypes.OCI_MANIFEST
            + "\",\"digest\":\""
            + notary.digest()
            + "\",\"size\":"
            + notary.size()
            + ",\"artifactType\":\"application/vnd.cncf.notary.signature\"}]}";
    w.putManifest(
        index.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_INDEX, img.digest().tagForm());
    return new Written(img, config, sig, notary);
  }

  @Test
  void readsWhatOciLayoutWriterWrote() throws Exception {
    Written w = write(dir);
    Repository repo = layout(dir);
    assertThat(repo.resolve("v1")).isEqualTo(w.image().digest());
    assertThat(client.resolve(ImageReference.parse("oci-layout:" + dir + ":v1")))
        .isEqualTo(w.image().digest());
    Manifest m = repo.manifest("v1").orElseThrow();
    assertThat(m.digest()).isEqualTo(w.image().digest());
    assertThat(repo.manifest(w.image().digest().toString())).isPresent();
    assertThat(repo.manifest("v2")).isEmpty();
    assertThat(repo.manifest("sha256:" + "0".repeat(64))).isEmpty();
    assertThat(new String(repo.blob(w.config(), 1024), StandardCharsets.UTF_8)).contains("amd64");
    expect(
        Kind.NOT_FOUND,
        () -> repo.resolve("v2"),
        msg -> assertThat(msg).contains("no index.json entry is named v2"));
  }

  @Test
  void referrersAreFoundBySubjectAndThroughTheReferrersTag() throws Exception {
    Written w = write(dir);
    Repository repo = layout(dir);
    assertThat(repo.referrers(w.image().digest(), null))
        .extracting(Descriptor::digest)
        .containsExactlyInAnyOrder(w.bySubject().digest(), w.tagged().digest());
    assertThat(repo.referrers(w.image().digest(), "application/vnd.dev.sigstore.bundle.v0.3+json"))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.digest()).isEqualTo(w.bySubject().digest());
              assertThat(d.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
            });
    assertThat(repo.referrers(w.config().digest(), null)).isEmpty();
  }

  @Test
  void tamperedOrOversizedBlobsAreRefused() throws Exception {
    Written w = write(dir);
    Repository repo = layout(dir);
    Path blob = dir.resolve("blobs/sha256/" + w.config().digest().hex());
    Files.writeString(blob, "{\"architecture\":\"arm64\",\"os\":\"linux\"}");
    expect(
        Kind.DIGEST_MISMATCH,
        () -> repo.blob(w.config(), 1024),
        msg -> assertThat(msg).contains("does not hash to " + w.config().digest()));
    expect(
        Kind.TOO_LARGE,
        () -> repo.blob(w.config(), 3),
        msg -> assertThat(msg).contains("more than the limit of 3"));
    Path manifest = dir.resolve("blobs/sha256/" + w.image().digest().hex());
    Files.write(manifest, "{}".getBytes(StandardCharsets.UTF_8));
    expect(
        Kind.DIGEST_MISMATCH,
        () -> repo.manifest("v1"),
        msg -> assertThat(msg).contains("does not hash to"));
  }

  @Test
  void aDirectoryWithoutOciLayoutFileIsRefused() throws Exception {
    Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[]}");
    expect(
        Kind.NOT_FOUND,
        () -> layout(dir).manifest("v1"),
        msg -> assertThat(msg).contains("is not an OCI image layout"));
  }

  @Test
  void cosignSaveEntriesAreFoundByTheirSigAndAttTags() throws Exception {
    OciLayoutWriter w = OciLayoutWriter.create(dir);
    w.putBlob("{}".getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_EMPTY);
    Descriptor img =
        w.putManifest(
            TestManifests.emptyArtifact("application/vnd.test.image"),
            MediaTypes.OCI_MANIFEST,
            null,
            Map.of("kind", "dev.cosignproject.cosign/image"));
    Descriptor sigs =
        w.putManifest(
            TestManifests.emptyArtifact("application/vnd.test.sigs"),
            MediaTypes.OCI_MANIFEST,
            null,
            Map.of("kind", "dev.cosignproject.cosign/sigs"));
    Repository repo = layout(dir);
    assertThat(repo.manifest(img.digest().tagForm() + ".sig"))
        .get()
        .extracting(Manifest::digest)
        .isEqualTo(sigs.digest());
    assertThat(repo.manifest(img.digest().tagForm() + ".att")).isEmpty();
    assertThat(repo.manifest("sha256-" + "c".repeat(64) + ".sig")).isEmpty();
  }

  @Test
  void readsTheNotationE2eLayout() throws Exception {
    Path vectors =
        TestData.corpus("notary").resolve("notation-e2e/oci-layout/e2e-valid-multiple-signatures");
    Repository repo = layout(vectors);
    Digest subject = repo.resolve("v1");
    assertThat(subject)
        .hasToString("sha256:b8479de3f88fb259a0a9ea82a5b2a052a1ef3c4ebbcfc61482d5ae4c831f8af9");
    // One signature is listed in the referrers-tag index, the other only found by its subject.
    assertThat(repo.referrers(subject, "application/vnd.cncf.notary.signature"))
        .extracting(d -> d.digest().hex())
        .containsExactlyInAnyOrder(
            "90ceaff260d657d797c408ac73564a9c7bb9d86055877c2a811f0e63b8c6524f",
            "c3ebe4a20b6832328fc5078a7795ddc1114b896e13fca2add38109c3866b5fbf");
  }

  /**
   * Layouts written by the real tools: oras copy --to-oci-layout, notation sign --oci-layout,
   * cosign save.
   */
  @Test
  void readsLayoutsWrittenByOrasNotationAndCosign(@TempDir Path work) throws Exception {
    Peers peers = Prerequisites.peers("crane");
    try (LocalRegistry registry = LocalRegistry.start(peers)) {
      Fixtures fixtures = new Fixtures(peers, work);
      String subject = fixtures.pushRandomImage(registry.host(), "lay/app:v1");
      String a =
          fixtures.attach(registry.host(), "lay/app", subject, "application/vnd.test.a", "a");
      Path orasLayout = work.resolve("oras-layout");
      fixtures.copyToLayout(registry.host(), "lay/app:v1", orasLayout, "v1");
      Repository oras = layout(orasLayout);
      assertThat(oras.resolve("v1")).hasToString(subject);
      Manifest.ImageManifest m =
          (Manifest.ImageManifest) oras.manifest("v1").orElseThrow().content();
      assertThat(oras.blob(m.layers().get(0), 1 << 20)).isNotEmpty();
      assertThat(oras.referrers(Digest.parse(subject), "application/vnd.test.a"))
          .extracting(d -> d.digest().toString())
          .containsExactly(a);

      Map<String, String> notationEnv =
          Map.of(
              "HOME",
              work.toString(),
              "XDG_CONFIG_HOME",
              work.resolve("xdg").toString(),
              "NOTATION_EXPERIMENTAL",
              "1");
      peers.runOk(
          work,
          notationEnv,
          "notation",
          "cert",
          "generate-test",
          "--default",
          "imagegate-oci-test");
      peers.runOk(
          work, notationEnv, "notation", "sign", "--oci-layout", orasLayout + "@" + subject);
      assertThat(oras.referrers(Digest.parse(subject), MediaTypes.NOTARY_SIGNATURE))
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
                assertThat(d.artifactType()).isEqualTo(MediaTypes.NOTARY_SIGNATURE);
              });

      Map<String, String> env = Map.of("HOME", work.toString(), "COSIGN_PASSWORD", "pw");
      peers.runOk(work, env, "cosign2", "generate-key-pair");
      String ref = registry.host() + "/lay/app@" + subject;
      peers.runOk(
          work,
          env,
          "cosign2",
          "sign",
          "--yes",
          "--key",
          "cosign.key",
          "--tlog-upload=false",
          "--allow-insecure-registry",
          ref);
      Path saved = work.resolve("cosign-layout");
      peers.runOk(work, env, "cosign2", "save", "--dir", saved.toString(), ref);
      Repository cosign = layout(saved);
      Manifest sig = cosign.manifest(Digest.parse(subject).tagForm() + ".sig").orElseThrow();
      assertThat(((Manifest.ImageManifest) sig.content()).layers())
          .extracting(Descriptor::mediaType)
          .containsExactly(MediaTypes.COSIGN_SIMPLESIGNING);
      try (OciClient remote =
          OciClient.create(
              OciClientConfig.defaults().withInsecureRegistries(Set.of(registry.host())))) {
        assertThat(
                remote
                    .repository(ImageReference.parse(ref))
                    .manifest(Digest.parse(subject).tagForm() + ".sig"))
            .get()
            .extracting(Manifest::digest)
            .isEqualTo(sig.digest());
      }
    }
  }
}
