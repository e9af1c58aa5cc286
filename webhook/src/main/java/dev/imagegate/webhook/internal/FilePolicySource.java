package dev.imagegate.webhook.internal;

import dev.imagegate.policy.PolicyLoader;
import dev.imagegate.webhook.PolicyDocument;
import dev.imagegate.webhook.PolicySet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Policies from files and directories ({@code --policies}), re-read when their contents change.
 *
 * <p>Mounted ConfigMaps are directories whose visible entries are symlinks into a hidden
 * timestamped directory; kubelet updates them by re-pointing the hidden {@code ..data} symlink.
 * File watches see that poorly (events on hidden names, none on the visible files), so this source
 * polls and compares a hash of the visible files' contents: any swap, edit, addition or removal
 * changes the version. Names starting with {@code .} are skipped.
 */
public final class FilePolicySource implements PolicySource {
  private static final JsonLog LOG = JsonLog.forClass(FilePolicySource.class);

  /**
   * Bytes per policy file at most, as the policy loader's YAML bound (8 Mi characters): a larger
   * file is refused before it is read, every poll.
   */
  static final long MAX_FILE_BYTES = 8L * 1024 * 1024;

  private final List<Path> roots;
  private final Duration pollInterval;
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("imagegate-policy-files").factory());
  // set by start()
  private @Nullable String lastVersion;
  private @Nullable Consumer<PolicySet> listener;

  public FilePolicySource(List<Path> roots, Duration pollInterval) {
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("no policy paths given");
    }
    this.roots = List.copyOf(roots);
    this.pollInterval = pollInterval;
  }

  @Override
  public void start(Consumer<PolicySet> listener) {
    for (Path root : roots) {
      if (!Files.exists(root)) {
        throw new IllegalArgumentException("policy path does not exist: " + root);
      }
    }
    this.listener = listener;
    pollOnce();
    long interval = Math.max(100, pollInterval.toMillis());
    poller.scheduleWithFixedDelay(this::pollQuietly, interval, interval, TimeUnit.MILLISECONDS);
  }

  private void pollQuietly() {
    try {
      pollOnce();
    } catch (RuntimeException e) {
      LOG.warn("cannot read policy files; keeping the current policies", "reason", e.getMessage());
    }
  }

  /**
   * Reads the files once and notifies the listener if anything changed; returns the new set if so.
   */
  public synchronized Optional<PolicySet> pollOnce() {
    PolicySet set = read();
    if (set.version().equals(lastVersion)) {
      return Optional.empty();
    }
    lastVersion = set.version();
    if (listener != null) {
      listener.accept(set);
    }
    return Optional.of(set);
  }

  /** The current files as a set (no notification). */
  public PolicySet read() {
    List<PolicyDocument> documents = new ArrayList<>();
    for (Path root : roots) {
      for (Path file : policyFiles(root)) {
        if (documents.size() >= PolicyLoader.MAX_FILES) {
          throw new IllegalArgumentException(
              "more than " + PolicyLoader.MAX_FILES + " policy files in " + roots);
        }
        try {
          if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IllegalArgumentException(
                "policy file " + file + " is larger than " + MAX_FILE_BYTES + " bytes");
          }
          documents.add(
              new PolicyDocument(
                  file.toString(), file, Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read policy file " + file, e);
        }
      }
    }
    return new PolicySet(PolicySetVersions.of(documents, Map.of()), documents, Map.of());
  }

  private static List<Path> policyFiles(Path root) {
    if (!Files.isDirectory(root)) {
      return List.of(root);
    }
    try (Stream<Path> entries = Files.list(root)) {
      return entries
          .filter(path -> !path.getFileName().toString().startsWith("."))
          .filter(Files::isRegularFile) // follows the ConfigMap symlinks
          .filter(FilePolicySource::isPolicyFileName)
          .limit(PolicyLoader.MAX_FILES + 1L) // one past the bound is enough to refuse
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list policy directory " + root, e);
    }
  }

  private static boolean isPolicyFileName(Path path) {
    String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  @Override
  public String describe() {
    return "files " + roots;
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
