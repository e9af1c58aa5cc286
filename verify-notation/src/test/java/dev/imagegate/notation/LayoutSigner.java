package dev.imagegate.notation;

import dev.imagegate.oci.Descriptor;
import dev.imagegate.oci.MediaTypes;
import dev.imagegate.oci.OciLayoutWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Writes images, Notary signatures (ES256 JWS made here) and attestation referrers into an OCI
 * layout.
 */
final class LayoutSigner {
  static final String EMPTY = "{}";
  private final OciLayoutWriter layout;
  private final EnvelopeRulesTest.Signer signer;
  private final Descriptor emptyConfig;

  LayoutSigner(OciLayoutWriter layout, EnvelopeRulesTest.Signer signer) {
    this.layout = layout;
    this.signer = signer;
    this.emptyConfig = layout.putBlob(EMPTY.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_EMPTY);
  }

  Descriptor image(String tag, String content) {
    Descriptor layer =
        layout.putBlob(
            content.getBytes(StandardCharsets.UTF_8), "application/vnd.oci.image.layer.v1.tar");
    String m =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + MediaTypes.OCI_MANIFEST
            + "\",\"config\":"
            + desc(emptyConfig)
            + ",\"layers\":["
            + desc(layer)
            + "]}";
    return layout.putManifest(m.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST, tag);
  }

  /**
   * A referrer of {@code subject} with {@code artifactType} and one layer holding {@code payload}.
   */
  Descriptor attach(Descriptor subject, String artifactType, String payload, String layerType) {
    Descriptor layer = layout.putBlob(payload.getBytes(StandardCharsets.UTF_8), layerType);
    String m =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + MediaTypes.OCI_MANIFEST
            + "\",\"artifactType\":\""
            + artifactType
            + "\",\"config\":"
            + desc(emptyConfig)
            + ",\"layers\":["
            + desc(layer)
            + "],\"subject\":"
            + desc(subject)
            + "}";
    return layout.putManifest(m.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST, null);
  }

  /**
   * A Notary signature (current form) of {@code signed}, stored as a referrer of {@code subject}.
   */
  Descriptor sign(Descriptor subject, Descriptor signed) throws Exception {
    byte[] env =
        jws(
            "{\"targetArtifact\":{\"mediaType\":\""
                + signed.mediaType()
                + "\",\"digest\":\""
                + signed.digest()
                + "\",\"size\":"
                + signed.size()
                + "}}");
    Descriptor layer = layout.putBlob(env, MediaTypes.JWS);
    String m =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + MediaTypes.OCI_MANIFEST
            + "\",\"artifactType\":\""
            + MediaTypes.NOTARY_SIGNATURE
            + "\",\"config\":"
            + desc(emptyConfig)
            + ",\"layers\":["
            + desc(layer)
            + "],\"subject\":"
            + desc(subject)
            + "}";
    return layout.putManifest(m.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST, null);
  }

  Descriptor sign(Descriptor artifact) throws Exception {
    return sign(artifact, artifact);
  }

  private byte[] jws(String payload) throws Exception {
    String prot =
        "{\"alg\":\"ES256\",\"crit\":[\"io.cncf.notary.signingScheme\"],"
            + "\"cty\":\"application/vnd.cncf.notary.payload.v1+json\","
            + "\"io.cncf.notary.signingScheme\":\"notary.x509\",\"io.cncf.notary.signingTime\":\"2024-01-01T00:00:00Z\"}";
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String p = url.encodeToString(prot.getBytes(StandardCharsets.UTF_8));
    String pl = url.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    byte[] sig =
        EnvelopeRulesTest.rawEcdsa(
            signer, "SHA256withECDSA", (p + "." + pl).getBytes(StandardCharsets.US_ASCII), 32);
    return ("{\"payload\":\""
            + pl
            + "\",\"protected\":\""
            + p
            + "\",\"header\":{\"x5c\":[\""
            + Base64.getEncoder().encodeToString(signer.cert().getEncoded())
            + "\"]},\"signature\":\""
            + url.encodeToString(sig)
            + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String desc(Descriptor d) {
    return "{\"mediaType\":\""
        + d.mediaType()
        + "\",\"digest\":\""
        + d.digest()
        + "\",\"size\":"
        + d.size()
        + "}";
  }
}
