package agent.core.fs;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The layout of a pinpoint root ({@code --pinpoint-root}, {@code ~/.pinpoint/next} by default): every path
 * the agent reads or writes under it is named here and nowhere else, so that the tree in {@code
 * _docs/operations.md} ("The pinpoint root") is this class read aloud. What each file holds, and who writes
 * it, is said by the class that owns it (named with each path).
 *
 * <pre>
 * config.json                     Enrollment
 * state/checkpoints.json          CheckpointStore
 * state/export.lock               ExportRunner (ProcessLock)
 * state/service.lock              service-run (ProcessLock)
 * state/service.stop              StopRequest
 * state/commands/                 CommandChild: a running command's parameter, progress and export-id files
 * state/commands.json             CommandJournal (its file name in stateDir())
 * state/heartbeat.json            HeartbeatRecord: the last heartbeat the backend accepted
 * state/logspool/                 LogSpool
 * exports/&lt;export-id&gt;/          ExportRunner, ExportUploader (upload.json: UploadMarker)
 * quarantine/&lt;export-id&gt;/       ExportQuarantine
 * logs/export, logs/service-run   the log of the last export, of the service
 * logs/commands/                  CommandChild: each command child's output
 * logs/integrations/              the last run of each integration
 * logs/service.out, .err          launchd's capture of service-run's stdout and stderr
 * cache/repos/                    RepoCache
 * </pre>
 */
public record PinpointRoot(Path dir) {
  public PinpointRoot {
    Objects.requireNonNull(dir, "dir");
  }

  public static PinpointRoot of(Path dir) {
    return new PinpointRoot(dir);
  }

  /** {@code config.json}: the enrollment (backend URL, device, API key), mode 0600. */
  public Path configFile() {
    return dir.resolve("config.json");
  }

  public Path stateDir() {
    return dir.resolve("state");
  }

  /** {@code state/checkpoints.json}: the committed tokens. */
  public Path checkpointsFile() {
    return stateDir().resolve("checkpoints.json");
  }

  /** {@code state/export.lock}: held by the running export, its pid inside. */
  public Path exportLock() {
    return stateDir().resolve("export.lock");
  }

  /** {@code state/service.lock}: held by the running service-run, its pid inside. */
  public Path serviceLock() {
    return stateDir().resolve("service.lock");
  }

  /** {@code state/service.stop}: a stop request from {@code agent service-stop}. */
  public Path stopRequest() {
    return stateDir().resolve("service.stop");
  }

  /** {@code state/heartbeat.json}: when the backend last accepted a heartbeat ({@code agent service status}). */
  public Path heartbeatFile() {
    return stateDir().resolve("heartbeat.json");
  }

  /** {@code state/commands.json}: the command journal. */
  public Path commandJournal() {
    return stateDir().resolve("commands.json");
  }

  /** {@code state/commands/}: the files a running command's child is given or writes back. */
  public Path commandsDir() {
    return stateDir().resolve("commands");
  }

  /** {@code state/logspool/}: log lines waiting for {@code POST /logs}. */
  public Path logSpoolDir() {
    return stateDir().resolve("logspool");
  }

  /** {@code exports/}: one folder per export. */
  public Path exportsDir() {
    return dir.resolve("exports");
  }

  /** {@code exports/<export-id>/}. */
  public Path exportDir(String exportId) {
    return exportsDir().resolve(exportId);
  }

  /** {@code quarantine/}: exports whose files no longer match their manifest. */
  public Path quarantineDir() {
    return dir.resolve("quarantine");
  }

  public Path logsDir() {
    return dir.resolve("logs");
  }

  /** {@code logs/export}: the last export's log. */
  public Path exportLog() {
    return logsDir().resolve("export");
  }

  /** {@code logs/service-run}: the service's log. */
  public Path serviceLog() {
    return logsDir().resolve("service-run");
  }

  /** {@code logs/commands/}: each command child's output, {@code <command-id>.log}. */
  public Path commandLogsDir() {
    return logsDir().resolve("commands");
  }

  /** {@code logs/integrations/}: each integration's last run, by integration id. */
  public Path integrationLogsDir() {
    return logsDir().resolve("integrations");
  }

  /** {@code logs/service.out}: service-run's stdout as launchd captures it. */
  public Path serviceStdout() {
    return logsDir().resolve("service.out");
  }

  /** {@code logs/service.err}: service-run's stderr as launchd captures it. */
  public Path serviceStderr() {
    return logsDir().resolve("service.err");
  }

  /** {@code cache/repos/}: bare clones of remote repositories. */
  public Path repoCacheDir() {
    return dir.resolve("cache").resolve("repos");
  }

  /** {@code cache/blame/}: the blame's line origins of each repository's exported tips. */
  public Path blameStateDir() {
    return dir.resolve("cache").resolve("blame");
  }
}
