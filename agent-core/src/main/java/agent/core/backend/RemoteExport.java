package agent.core.backend;

import java.util.List;

/**
 * What the backend holds of an export ({@code GET /exports/{id}}): what an interrupted upload
 * resumes from.
 *
 * @param status {@code uploading} or {@code completed}
 */
public record RemoteExport(String exportId, String status, String commandId, List<StoredFile> files) {
  public RemoteExport {
    files = files == null ? List.of() : List.copyOf(files);
  }

  /** One file the backend stored and verified. */
  public record StoredFile(String path, String sha256, long bytes) {}

  /** True when the backend acknowledged the whole export: nothing is left to send. */
  public boolean completed() {
    return "completed".equals(status);
  }

  /** True when the backend holds {@code path} with exactly {@code sha256}. */
  public boolean holds(String path, String sha256) {
    return files.stream().anyMatch(f -> f.path().equals(path) && f.sha256().equals(sha256));
  }
}
