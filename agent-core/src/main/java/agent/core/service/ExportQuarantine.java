package agent.core.service;

import agent.core.fs.PinpointRoot;
import agent.core.fs.AtomicFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code <pinpoint root>/quarantine/<export-id>/}: where an export goes whose files no longer match
 * its manifest (a file changed or rotted on disk after the export wrote it). It is out of the upload
 * queue for good, with its files, its manifest and its uncommitted tokens, for an operator to look at
 * and delete; since those tokens are never committed, later exports cover its data again. Nothing of
 * the agent reads or deletes it after the move.
 *
 * <p>Two steps, each safe to kill after: the marker first says {@code quarantined} (the folder is then
 * out of the queue where it stands), then the folder moves in one rename; {@link #finish(Path)}
 * completes a move a kill cut short.
 */
public final class ExportQuarantine {
  private final Path exportsDir;
  private final Path quarantineDir;

  /** The ids of the exports in quarantine under {@code pinpointRoot}, oldest first; none when there is no folder. */
  public static List<String> exportIds(Path pinpointRoot) throws IOException {
    Path dir = PinpointRoot.of(pinpointRoot).quarantineDir();
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> folders = Files.list(dir)) {
      return folders.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  ExportQuarantine(Path pinpointRoot) {
    this.exportsDir = PinpointRoot.of(pinpointRoot).exportsDir();
    this.quarantineDir = PinpointRoot.of(pinpointRoot).quarantineDir();
  }

  /**
   * Takes {@code exportDir} out of the upload queue and moves it under the quarantine folder.
   *
   * @param why what was found, kept in its {@code upload.json}
   * @return where it is now
   * @throws IOException when it could not be moved; its marker may already say {@code quarantined},
   *     and {@link #finish(Path)} tries again at the next round
   */
  Path quarantine(Path exportDir, UploadMarker marker, String why) throws IOException {
    marker.quarantined(why).write(exportDir);
    return move(exportDir);
  }

  /** Where {@code exportId} is, or goes, once quarantined. */
  Path folderOf(String exportId) {
    return quarantineDir.resolve(exportId);
  }

  /** Moves a folder left under {@code exports/} marked {@code quarantined} (a kill between the steps). */
  Path finish(Path exportDir) throws IOException {
    return move(exportDir);
  }

  private Path move(Path exportDir) throws IOException {
    Path target = folderOf(exportDir.getFileName().toString());
    AtomicFiles.createDirectories(quarantineDir);
    if (Files.exists(target)) {
      // Export ids are never reused; one already there is an operator's to sort out, not to overwrite.
      throw new FileAlreadyExistsException(target.toString(), null, "a quarantined export of that id is already there");
    }
    // The same file system (both under the pinpoint root): one rename, never half a folder in each place.
    Files.move(exportDir, target, StandardCopyOption.ATOMIC_MOVE);
    AtomicFiles.fsyncDirectory(quarantineDir);
    AtomicFiles.fsyncDirectory(exportsDir);
    return target;
  }
}
