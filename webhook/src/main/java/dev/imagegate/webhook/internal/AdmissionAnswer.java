package dev.imagegate.webhook.internal;

import dev.imagegate.engine.PatchOperation;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The fields of an AdmissionResponse imagegate sets. {@code message} is the denial reason
 * (status.message).
 */
public record AdmissionAnswer(
    String uid,
    boolean allowed,
    @Nullable String message,
    List<PatchOperation> patches,
    List<String> warnings) {
  public AdmissionAnswer {
    patches = List.copyOf(patches);
    warnings = List.copyOf(warnings);
  }

  public static AdmissionAnswer allow(String uid) {
    return new AdmissionAnswer(uid, true, null, List.of(), List.of());
  }
}
