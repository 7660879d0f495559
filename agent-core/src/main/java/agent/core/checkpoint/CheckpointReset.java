package agent.core.checkpoint;

import agent.core.fs.LockBusyException;
import agent.core.fs.PinpointRoot;
import agent.core.fs.ProcessLock;
import agent.core.output.ExportManifest;
import agent.core.service.UploadMarker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * {@code agent checkpoints reset}: removes the committed tokens of one key or of every key under a prefix
 * (one repository, project or integration), so that the next export reads just that from scratch. The
 * write goes through {@link CheckpointStore#remove}, atomically, while this process holds the root's
 * export lock, and is refused while an export or a service-run holds the root: both commit tokens, and
 * one of them would overwrite the reset with the tokens it read before it.
 */
public final class CheckpointReset {
  /**
   * What a reset removed (or, dry, would remove).
   *
   * @param removed the keys and the tokens they held
   * @param pendingUploads exports waiting for their upload whose staged tokens include a removed key:
   *     their acknowledgement commits those tokens again
   */
  public record Result(SortedMap<String, String> removed, List<String> pendingUploads) {}

  private CheckpointReset() {}

  /**
   * @throws agent.core.config.InputException when {@code keyOrPrefix} selects nothing (exit 2)
   * @throws LockBusyException when an export or a service-run holds the root (exit 3)
   */
  public static Result reset(PinpointRoot root, String keyOrPrefix, boolean dryRun) throws IOException {
    if (ProcessLock.isHeld(root.serviceLock())) {
      String pid = ProcessLock.holder(root.serviceLock());
      throw new LockBusyException("service-run is running on this pinpoint root" + (pid.isEmpty() ? "" : " (pid " + pid + ")")
          + " and commits checkpoints after each upload; stop the service first (agent service-stop --pinpoint-root "
          + root.dir() + "), reset, then start it again");
    }
    if (dryRun) {
      return select(root, keyOrPrefix);
    }
    // Held while reading and writing: no export can start in between and commit what it read before.
    try (ProcessLock ignored = ProcessLock.acquire(root.exportLock(), "an export is running on this pinpoint root",
        "wait for it to finish, then reset")) {
      Result chosen = select(root, keyOrPrefix);
      CheckpointStore store = CheckpointStore.open(root.checkpointsFile());
      return new Result(store.remove(chosen.removed().keySet()), chosen.pendingUploads());
    }
  }

  private static Result select(PinpointRoot root, String keyOrPrefix) throws IOException {
    Map<String, String> committed = CheckpointStore.open(root.checkpointsFile()).snapshot();
    SortedMap<String, String> chosen = CheckpointSelection.select(committed, keyOrPrefix);
    List<String> pending = new ArrayList<>();
    for (Map.Entry<Path, UploadMarker> e : UploadMarker.all(root.exportsDir()).entrySet()) {
      if (!e.getValue().isPending()) {
        continue;
      }
      try {
        ExportManifest m = ExportManifest.read(e.getKey());
        if (m.integrations().stream().anyMatch(i -> i.stagedCheckpoints().keySet().stream().anyMatch(chosen::containsKey))) {
          pending.add(m.exportId());
        }
      } catch (IOException | RuntimeException unreadable) {
        // Its upload cannot finish either: nothing of it will be committed.
      }
    }
    return new Result(chosen, pending);
  }
}
