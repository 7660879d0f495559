package agent.cmd.it;

import static agent.cmd.it.ServiceRunIT.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.config.Enrollment;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code service-run} killed with -9 in the middle of an export: what the export said and how far it
 * got had already reached the backend, the export and its plugin do not outlive the service, and the
 * next start reports the command as interrupted and exports everything again.
 */
class ServiceCrashIT {
  /** About 40 objects at 500 ms each: still running when it is killed. */
  static final String SLOW = "{\"organizations\":1,\"repos_per_org\":1,\"pull_requests_per_repo\":8,\"users\":1,"
      + "\"slow_ms_per_object\":500}";

  @TempDir Path tmp;

  @Test
  void aKilledServiceLeavesNoOrphanLosesNoLineAndReportsTheInterruptedExport() throws Exception {
    Path root = tmp.resolve("root");
    try (DevBackend backend = DevBackend.start(tmp.resolve("backend"))) {
      Enrollment enrolled = backend.enroll(root);
      String command;
      List<ProcessHandle> children;
      try (ServiceProcess service = ServiceProcess.start(root, tmp.resolve("service-1.out"), "--log-ship-seconds=0.5",
          "--progress-seconds=0.5")) {
        command = backend.queue(enrolled.deviceId(), "export", "{\"integrations\":" + Dist.mock("mock", SLOW) + "}");

        // While the export runs, its progress and its log lines reach the backend.
        // The organization (the top session) has 1 repo to do; its repo was sent before its pull requests.
        JsonNode progress = await("a progress event with the top session's total and the repo sent", () -> {
          for (JsonNode e : backend.command(command).path("events")) {
            JsonNode mock = (e.has("event") ? e.get("event") : e).path("integrations").path("mock");
            if (mock.path("total").asInt() == 1 && mock.path("objects").path("sourcecode.Repo").asInt() == 1) {
              return e;
            }
          }
          return null;
        }, service);
        assertEquals("running", progress.path("integrations").path("mock").path("status").asText(), progress.toString());
        await("the export's log lines shipped while it runs", () -> LogShippingIT.holds(
            backend.admin("GET", "/logs?device_id=" + enrolled.deviceId(), null).path("batches"), "export", command)
            ? true : null, service);
        assertNull(event(backend, command, "completed"), "the export ended before the kill; make it slower");

        children = service.process.descendants().toList();
        assertTrue(children.size() >= 2, "expected the export child and its plugin: " + children.size());
        service.kill9();
      }

      // Nothing outlives service-run: the export sees its stdin close, its plugin follows.
      for (ProcessHandle h : children) {
        h.onExit().completeOnTimeout(h, 15, TimeUnit.SECONDS).join();
        assertFalse(h.isAlive(), "an orphan outlived service-run: " + h.info().commandLine().orElse("pid " + h.pid()));
      }
      // Its own log file (its stdout went to the dead service) says why it stopped.
      assertTrue(Files.readString(root.resolve("logs").resolve("export"))
          .contains("service-run that started this command is gone"), "the export did not say why it stopped");
      assertTrue(Files.readString(root.resolve("logs").resolve("commands").resolve(command + ".log"))
          .contains("integration mock (mock) started"), "the command's output log misses the export's lines");
      assertEquals(0, ExportDir.checkpoints(root).size(), "the interrupted export committed a checkpoint");

      try (ServiceProcess service = ServiceProcess.start(root, tmp.resolve("service-2.out"), "--log-ship-seconds=0.5")) {
        JsonNode failed = await("the interrupted command's final event", () -> event(backend, command, "failed"), service);
        assertEquals("interrupted", failed.path("error").path("code").asText(), failed.toString());

        // The next export is not blocked by an orphan's lock and, nothing having been committed, sends everything.
        String again = backend.queue(enrolled.deviceId(), "export", "{\"integrations\":" + Dist.mock("mock",
            "{\"organizations\":1,\"repos_per_org\":1,\"pull_requests_per_repo\":8,\"users\":1}") + "}");
        JsonNode manifest = ServiceRunIT.acknowledged(backend, ServiceRunIT.completedExport(backend, again, service),
            service);
        assertEquals(8, ServiceRunIT.objectsPerModel(manifest).get("sourcecode.PullRequest"), manifest.toString());
        // The killed export's folder went with the next export; the acknowledged one went after its upload.
        await("no export folder left", () -> exportFolders(root).isEmpty() ? true : null, service);
        assertEquals(0, service.terminate(30), service.log());
        assertTrue(service.log().contains("command " + command + " (export) was interrupted"), service.log());
      }
    }
  }

  /** The first event of {@code type} the backend holds for the command, or null. */
  static JsonNode event(DevBackend backend, String commandId, String type) throws Exception {
    for (JsonNode e : backend.command(commandId).path("events")) {
      JsonNode event = e.has("event") ? e.get("event") : e;
      if (type.equals(event.path("type").asText())) {
        return event;
      }
    }
    return null;
  }

  private static List<Path> exportFolders(Path root) throws Exception {
    Path exports = root.resolve("exports");
    if (!Files.isDirectory(exports)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(exports)) {
      return s.filter(Files::isDirectory).toList();
    }
  }
}
