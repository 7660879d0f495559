package agent.core.service;

import agent.core.fs.PinpointRoot;
import agent.core.loop.BackendRetry;
import agent.core.loop.Backoff;
import agent.core.loop.ServiceClock;
import agent.core.loop.ServiceStopped;
import agent.core.fs.FileTrees;

import agent.core.backend.BackendClient;
import agent.core.backend.BackendException;
import agent.core.backend.RemoteExport;
import agent.core.checkpoint.CheckpointStore;
import agent.core.output.ExportManifest;
import agent.core.output.OutputFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads the exports waiting under {@code exports/} and applies the commit rule under a backend: an
 * export's staged checkpoints (of its completed integrations) are committed, and its folder deleted,
 * only after {@code POST /exports/{id}/complete} answered 200.
 *
 * <p>Exports go oldest first and stop at the first one that cannot be finished now (the backend is
 * away): tokens are then always committed in the order the exports ran, so an older export's tokens
 * never overwrite a newer one's. An export the backend refuses for good is marked {@code failed} in
 * its {@link UploadMarker} and skipped from then on. Resuming is asking {@code GET /exports/{id}} and
 * sending what is missing; every step is idempotent, so a kill at any point is harmless.
 *
 * <p>A {@code 422} to a file (the backend hashed what it received to something else than the manifest
 * says) is never final by itself: the local file is hashed again. Still as its manifest says, the
 * bytes were damaged on the way, and the file is sent again as {@link ChecksumRetries} allows; past
 * that the export stays pending for a later round. No longer as its manifest says, the file changed on
 * disk: the export goes to {@link ExportQuarantine} with its tokens uncommitted, and later exports,
 * which cover its data again, are uploaded past it.
 *
 * <p>Not thread-safe: the service's one command thread calls it.
 */
public final class ExportUploader {
  private static final Logger LOG = LoggerFactory.getLogger(ExportUploader.class);

  private final BackendClient client;
  private final BackendRetry retry;
  private final Path exportsDir;
  private final Path checkpointsFile;
  private final int attemptsPerCall;
  private final ChecksumRetries checksumRetries;
  private final ExportQuarantine quarantine;

  /**
   * How often, and for how long, a file the backend received damaged (a {@code 422} while the local
   * file is intact) is sent again within one round: with a jittered backoff from {@code initial}
   * doubling to {@code max}, waited on {@code clock}, at most {@code resends} times, and no wait that
   * would end more than {@code within} after the first {@code 422}. Then the export is left pending.
   */
  public record ChecksumRetries(ServiceClock clock, Duration initial, Duration max, int resends, Duration within) {
    /** A damaged body is rare; more than a few in a row is a path (a proxy) that damages them all. */
    public static final int RESENDS = 5;
    public static final Duration WITHIN = Duration.ofMinutes(2);

    public ChecksumRetries {
      if (resends < 0 || within.isNegative()) {
        throw new IllegalArgumentException("resends and within cannot be negative");
      }
    }

    /** {@link #RESENDS} times within {@link #WITHIN}, with the service's backoff. */
    public static ChecksumRetries of(ServiceClock clock, Duration initial, Duration max) {
      return new ChecksumRetries(clock, initial, max, RESENDS, WITHIN);
    }
  }

  /**
   * @param attemptsPerCall retryable failures of one call before the round gives up (the export stays
   *     pending and is tried again after the next poll)
   * @param checksumRetries how a file the backend received damaged is sent again
   */
  public ExportUploader(BackendClient client, BackendRetry retry, Path pinpointRoot, int attemptsPerCall,
      ChecksumRetries checksumRetries) {
    this.client = client;
    this.retry = retry;
    this.exportsDir = PinpointRoot.of(pinpointRoot).exportsDir();
    this.checkpointsFile = PinpointRoot.of(pinpointRoot).checkpointsFile();
    this.attemptsPerCall = attemptsPerCall;
    this.checksumRetries = checksumRetries;
    this.quarantine = new ExportQuarantine(pinpointRoot);
  }

  /** The export folders with a pending upload, oldest first. */
  public List<Path> pending() throws IOException {
    return UploadMarker.all(exportsDir).entrySet().stream().filter(e -> e.getValue().isPending())
        .map(Map.Entry::getKey).toList();
  }

  /** The export folders handed to the upload, by the command that made them. */
  public Map<String, Path> exportsByCommand() throws IOException {
    Map<String, Path> byCommand = new HashMap<>();
    UploadMarker.all(exportsDir).forEach((dir, marker) -> byCommand.putIfAbsent(marker.commandId(), dir));
    return byCommand;
  }

  /**
   * Uploads every pending export, oldest first.
   *
   * @return true when none is left pending
   * @throws ServiceStopped when stopping; what was done so far stays done
   */
  public boolean uploadPending() throws IOException, ServiceStopped {
    for (Map.Entry<Path, UploadMarker> e : UploadMarker.all(exportsDir).entrySet()) {
      if (e.getValue().isQuarantined()) {
        finishQuarantine(e.getKey());
      } else if (e.getValue().isPending() && !upload(e.getKey(), e.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** @return true when the export is done with (acknowledged, failed for good, or quarantined) */
  private boolean upload(Path dir, UploadMarker marker) throws IOException, ServiceStopped {
    String exportId = dir.getFileName().toString();
    ExportManifest manifest;
    try {
      manifest = ExportManifest.read(dir);
      if (!manifest.status().finished()) {
        // Cancelled (or still running): not a whole export, so never sent as one, its checkpoints never committed.
        throw new IOException("its manifest says \"" + manifest.status() + "\", not an export that ran to its end");
      }
      for (OutputFile f : files(manifest)) {
        // Checked before any call: a file that vanished would otherwise look like a network error.
        if (!Files.isRegularFile(dir.resolve(f.path()))) {
          throw new IOException("the file " + f.path() + " of its manifest is missing");
        }
      }
    } catch (IOException e) {
      LOG.error("export {} cannot be uploaded: {}; its checkpoints stay uncommitted", exportId, e.getMessage());
      marker.failed(e.getMessage()).write(dir);
      return true;
    }
    try {
      RemoteExport remote = retry.call(() -> client.describeExport(exportId), attemptsPerCall);
      if (remote == null || !remote.completed()) {
        int sent = 0;
        int skipped = 0;
        for (OutputFile f : files(manifest)) {
          String path = f.path();
          String sha256 = f.sha256();
          if (remote != null && remote.holds(path, sha256)) {
            skipped++;
            continue;
          }
          Mismatch mismatch = putFile(exportId, dir, path, sha256);
          if (mismatch != null) {
            quarantine(dir, marker, mismatch);
            return true;
          }
          sent++;
        }
        LOG.info("export {}: {} file(s) uploaded, {} already held by the backend", exportId, sent, skipped);
        retry.call(() -> {
          client.completeExport(exportId, marker.commandId(), manifest);
          return null;
        }, attemptsPerCall);
      }
    } catch (DamagedInTransit e) {
      LOG.warn("export {}: the backend received {} damaged {} time(s) in a row although the local file is intact;"
          + " the export stays pending and is tried again", exportId, e.path, e.times);
      return false;
    } catch (BackendException e) {
      if (e.retryable() || e.unauthorized() || "export_incomplete".equals(e.code())) {
        LOG.warn("export {}: upload not finished ({}); it stays pending and is tried again", exportId, e.getMessage());
        return false;
      }
      LOG.error("export {}: the backend refused the upload ({}); its files and uncommitted checkpoints stay in {}",
          exportId, e.getMessage(), dir);
      marker.failed(e.getMessage()).write(dir);
      return true;
    }
    // Acknowledged: only now are the tokens covering this data durable at their destination.
    Map<String, String> tokens = stagedCheckpoints(manifest);
    CheckpointStore.open(checkpointsFile).commit(tokens);
    LOG.info("export {} acknowledged by the backend: {} checkpoint(s) committed, local files removed", exportId,
        tokens.size());
    // The marker first: a kill halfway through the deletion leaves a folder nothing uploads again.
    Files.delete(dir.resolve(UploadMarker.FILE));
    FileTrees.delete(dir);
    return true;
  }

  /** A file of an export whose bytes on disk no longer hash to what its manifest says. */
  private record Mismatch(String path, String expected, String actual) {}

  /** The backend kept receiving a file damaged, more than {@link ChecksumRetries} allows this round. */
  private static final class DamagedInTransit extends Exception {
    final String path;
    final int times;

    DamagedInTransit(String path, int times) {
      super(null, null, false, false);
      this.path = path;
      this.times = times;
    }
  }

  /**
   * {@code PUT}s one file; a {@code 422} has the local file hashed again (see the class comment).
   *
   * @return null when the backend stored the file; the mismatch when the local file changed
   * @throws DamagedInTransit the file is intact but the backend kept receiving it damaged
   */
  private Mismatch putFile(String exportId, Path dir, String path, String sha256)
      throws BackendException, ServiceStopped, DamagedInTransit {
    ServiceClock clock = checksumRetries.clock();
    Backoff backoff = new Backoff(checksumRetries.initial(), checksumRetries.max());
    long deadline = 0;
    while (true) {
      try {
        retry.call(() -> client.putFile(exportId, path, dir.resolve(path), sha256), attemptsPerCall);
        if (backoff.failures() > 0) {
          LOG.info("export {}: {} stored after {} damaged attempt(s)", exportId, path, backoff.failures());
        }
        return null;
      } catch (BackendException e) {
        if (e.status() != 422) {
          throw e;
        }
        String actual = sha256Of(dir.resolve(path));
        if (!actual.equals(sha256)) {
          return new Mismatch(path, sha256, actual);
        }
        if (backoff.failures() == 0) {
          deadline = clock.nanoTime() + checksumRetries.within().toNanos();
          LOG.warn("export {}: the backend received {} damaged ({}); the local file is intact (sha256 {}), so it is"
              + " sent again with backoff", exportId, path, e.getMessage(), sha256);
        }
        Duration wait = backoff.next(e.retryAfter());
        if (backoff.failures() > checksumRetries.resends() || clock.nanoTime() + wait.toNanos() > deadline) {
          throw new DamagedInTransit(path, backoff.failures());
        }
        if (!clock.sleep(wait)) {
          throw new ServiceStopped();
        }
      }
    }
  }

  /**
   * Takes the export out of the upload queue, its tokens uncommitted, and says so loudly: the one
   * ERROR line names the export, the file, both hashes and what the operator may do.
   */
  private void quarantine(Path dir, UploadMarker marker, Mismatch m) {
    String exportId = dir.getFileName().toString();
    String found = "its file " + m.path() + " no longer matches its manifest (sha256 expected " + m.expected()
        + ", actual " + m.actual() + "): it changed or was damaged on disk after the export wrote it";
    String after = "it will not be uploaded, and its checkpoints stay uncommitted, so the next export covers its data"
        + " again. Check the disk (dmesg, fsck) and that nothing else writes under " + exportsDir
        + "; then delete the folder";
    try {
      Path moved = quarantine.quarantine(dir, marker, found);
      LOG.error("export {} QUARANTINED: {}. Moved to {}; {}", exportId, found, moved, after);
    } catch (IOException e) {
      LOG.error("export {} QUARANTINED: {}. It could not be moved to {} ({}), and stays out of the upload queue in"
          + " {}; {}", exportId, found, quarantine.folderOf(exportId), e.getMessage(), dir, after);
    }
  }

  /** A folder marked quarantined that a kill (or a failed move) left under {@code exports/}. */
  private void finishQuarantine(Path dir) {
    try {
      quarantine.finish(dir);
      LOG.info("export {}: moved to {}, where its quarantine put it", dir.getFileName(), quarantine.folderOf(
          dir.getFileName().toString()));
    } catch (IOException e) {
      LOG.debug("export {} stays quarantined in {}: {}", dir.getFileName(), dir, e.getMessage());
    }
  }

  /** The sha256 of a file as lowercase hex; an unreadable file's is a sentence saying why, matching none. */
  private static String sha256Of(Path file) {
    try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(in.getMessageDigest().digest());
    } catch (IOException e) {
      return "unreadable (" + e.getMessage() + ")";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static List<OutputFile> files(ExportManifest manifest) {
    List<OutputFile> out = new ArrayList<>();
    for (ExportManifest.IntegrationEntry i : manifest.integrations()) {
      out.addAll(i.files());
    }
    return out;
  }

  /** The staged tokens of the completed integrations; a failed one commits nothing. */
  static Map<String, String> stagedCheckpoints(ExportManifest manifest) {
    Map<String, String> out = new LinkedHashMap<>();
    for (ExportManifest.IntegrationEntry i : manifest.integrations()) {
      if (i.status() == ExportManifest.IntegrationStatus.COMPLETED) {
        out.putAll(i.stagedCheckpoints());
      }
    }
    return out;
  }

}
