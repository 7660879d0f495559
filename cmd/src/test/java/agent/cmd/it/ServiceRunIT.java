package agent.cmd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.config.Enrollment;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/agent service-run} against {@code bin/devbackend}, both real processes on loopback: commands
 * run, exports uploaded and verified, checkpoints committed only after the backend acknowledged them.
 */
class ServiceRunIT {
  static final Duration WAIT = Duration.ofSeconds(45);
  /** The count of a rule that only counts the requests it lets through. */
  private static final long COUNTER = 1_000_000;
  static final String SHAPE = ExportIT.SHAPE;

  @TempDir Path tmp;

  @Test
  void exportsUploadsCommitsThenExportsIncrementally() throws Exception {
    Path root = tmp.resolve("root");
    try (DevBackend backend = DevBackend.start(dataDir());
        ServiceProcess service = startService(root, backend)) {
      Enrollment enrolled = Enrollment.read(root).orElseThrow();
      String first = backend.queue(enrolled.deviceId(), "export", exportParameters());
      String exportId = completedExport(backend, first, service);
      JsonNode manifest = acknowledged(backend, exportId, service);
      Map<String, Integer> objects = objectsPerModel(manifest);
      assertEquals(20, objects.get("sourcecode.PullRequest"), manifest.toString());

      // The tokens are committed once the backend holds the files; the local folder goes.
      JsonNode checkpoints = await("checkpoints committed", () -> {
        JsonNode c = ExportDir.checkpoints(root);
        return c.size() > 0 ? c : null;
      }, service);
      JsonNode staged = manifest.path("integrations").get(0).path("staged_checkpoints");
      staged.fieldNames().forEachRemaining(k -> assertEquals(staged.get(k), checkpoints.get(k), k));
      await("export folder removed", () -> Files.exists(root.resolve("exports").resolve(exportId)) ? null : true, service);

      // A second service on the same root refuses.
      Dist.Result second = Dist.run(Duration.ofSeconds(30), "service-run", "--pinpoint-root=" + root);
      assertEquals(3, second.exit(), second.all());
      assertTrue(second.stderr().contains("already running (pid " + service.process.pid() + ")"), second.all());

      // Same shape again: incremental, no pull request is sent twice.
      String again = backend.queue(enrolled.deviceId(), "export", exportParameters());
      JsonNode manifest2 = acknowledged(backend, completedExport(backend, again, service), service);
      assertEquals(0, objectsPerModel(manifest2).getOrDefault("sourcecode.PullRequest", 0), manifest2.toString());

      assertEquals(0, service.terminate(30), service.log());
      assertTrue(service.log().contains("service-run stopped"), service.log());
    }
  }

  @Test
  void aKilledUploadResumesAndCommitsOnlyAfterTheBackendAcknowledged() throws Exception {
    Path root = tmp.resolve("root");
    try (DevBackend backend = DevBackend.start(dataDir())) {
      Enrollment enrolled = backend.enroll(root);
      // Slow uploads: service-run is killed with some files stored and others not.
      backend.fail("{\"path_regex\":\"/files/\",\"method\":\"PUT\",\"count\":4,\"delay_ms\":1500}");
      String exportId;
      try (ServiceProcess service = ServiceProcess.start(root, tmp.resolve("service-1.out"))) {
        String command = backend.queue(enrolled.deviceId(), "export", exportParameters());
        exportId = completedExport(backend, command, service);
        await("a first file stored", () -> backend.export(exportId).path("export").path("files").size() > 0 ? true : null,
            service);
        service.kill9();
      }
      assertEquals("uploading", backend.export(exportId).path("export").path("status").asText());
      assertEquals(0, ExportDir.checkpoints(root).size(), "a checkpoint was committed before the backend acknowledged");
      assertTrue(Files.exists(root.resolve("exports").resolve(exportId).resolve("upload.json")), "the pending upload was lost");

      try (ServiceProcess service = ServiceProcess.start(root, tmp.resolve("service-2.out"))) {
        JsonNode manifest = acknowledged(backend, exportId, service);
        assertEquals(20, objectsPerModel(manifest).get("sourcecode.PullRequest"));
        await("checkpoints committed", () -> ExportDir.checkpoints(root).size() > 0 ? true : null, service);
        assertTrue(service.log().contains("resuming the upload of 1 export(s)"), service.log());
        assertEquals(0, service.terminate(30), service.log());
      }
    }
  }

  @Test
  void backendErrorsAreRetriedAndNothingIsLost() throws Exception {
    Path root = tmp.resolve("root");
    try (DevBackend backend = DevBackend.start(dataDir());
        ServiceProcess service = startService(root, backend)) {
      Enrollment enrolled = Enrollment.read(root).orElseThrow();
      backend.fail("{\"path_regex\":\"/files/\",\"method\":\"PUT\",\"count\":5,\"status\":503}");
      backend.fail("{\"path_regex\":\"/complete$\",\"count\":1,\"status\":429,\"retry_after_seconds\":1}");
      backend.fail("{\"path_regex\":\"/events$\",\"count\":2,\"status\":500}");
      // Last: lets every other request through, counting it.
      backend.fail("{\"path_regex\":\".\",\"count\":" + COUNTER + ",\"delay_ms\":1}");
      long t0 = System.nanoTime();
      String command = backend.queue(enrolled.deviceId(), "export", exportParameters());
      String exportId = completedExport(backend, command, service);
      JsonNode manifest = acknowledged(backend, exportId, service);
      assertEquals(20, objectsPerModel(manifest).get("sourcecode.PullRequest"));
      await("checkpoints committed", () -> ExportDir.checkpoints(root).size() > 0 ? true : null, service);
      // The recovery is logged once every kind of call that failed has succeeded again.
      await("the recovery logged", () -> service.log().contains("the backend is reachable again") ? true : null, service);
      String log = service.log();
      assertTrue(log.contains("the backend is unreachable"), log);
      assertTrue(log.contains("the backend is reachable again"), log);
      JsonNode rules = backend.admin("GET", "/failures", null).path("rules");
      assertEquals(1, rules.size(), "a failure rule was not used up: " + rules);

      // No busy loop: a second's worth of heartbeat, long poll and log shipping (all at 1 s or slower
      // here), the export's own calls, and the 8 failed ones retried with backoff.
      long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0));
      long requests = COUNTER - rules.get(0).path("count").asLong() + 8;
      assertTrue(requests <= 40 + 5 * seconds, requests + " requests in " + seconds + " s");
      assertEquals(0, service.terminate(30), service.log());
    }
  }

  @Test
  void aBackendOutageDuringTheUploadLosesNothing() throws Exception {
    Path root = tmp.resolve("root");
    DevBackend backend = DevBackend.start(dataDir());
    try (ServiceProcess service = startService(root, backend)) {
      Enrollment enrolled = Enrollment.read(root).orElseThrow();
      backend.fail("{\"path_regex\":\"/files/\",\"method\":\"PUT\",\"count\":2,\"delay_ms\":1000}");
      String command = backend.queue(enrolled.deviceId(), "export", exportParameters());
      String exportId = completedExport(backend, command, service);

      // The backend goes away in the middle of the upload and comes back at the same address.
      int port = backend.port();
      backend.close();
      Thread.sleep(3000);
      assertTrue(service.process.isAlive(), service.log());
      assertEquals(0, ExportDir.checkpoints(root).size(), "committed while the backend was away");
      backend = DevBackend.start(dataDir(), port);

      DevBackend back = backend;
      JsonNode manifest = acknowledged(back, exportId, service);
      assertEquals(20, objectsPerModel(manifest).get("sourcecode.PullRequest"));
      await("checkpoints committed", () -> ExportDir.checkpoints(root).size() > 0 ? true : null, service);
      // The heartbeat that failed during the outage may be the last call to succeed again.
      await("the recovery logged", () -> service.log().contains("the backend is reachable again") ? true : null, service);
      String log = service.log();
      assertEquals(1, occurrences(log, "the backend is unreachable"), log);
      assertEquals(1, occurrences(log, "the backend is reachable again"), log);
      assertEquals(0, service.terminate(30), service.log());
    } finally {
      backend.close();
    }
  }

  private static int occurrences(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void validatesConfigsAndFetchesOnboardingDataBesideAnExport() throws Exception {
    Path root = tmp.resolve("root");
    try (DevBackend backend = DevBackend.start(dataDir());
        ServiceProcess service = startService(root, backend)) {
      String device = Enrollment.read(root).orElseThrow().deviceId();
      // A slow export (about 30 s) holds the export worker; the queries do not wait for it.
      String export = backend.queue(device, "export", "{\"integrations\":" + Dist.mock("mock",
          "{\"organizations\":1,\"repos_per_org\":1,\"pull_requests_per_repo\":5,\"users\":1,\"slow_ms_per_object\":1000}")
          + "}");
      String valid = backend.queue(device, "validate-config",
          "{\"integrations\":[{\"name\":\"mock\",\"config\":{\"token\":\"good\"}}]}");
      String invalid = backend.queue(device, "validate-config",
          "{\"integrations\":[{\"id\":\"m\",\"name\":\"mock\",\"config\":{\"token\":\"bad\"}}]}");
      String users = backend.queue(device, "export-onboard-data",
          "{\"object_type\":\"users\",\"integrations\":[{\"name\":\"mock\",\"config\":{\"users\":4}}]}");

      JsonNode ok = completed(backend, valid, service).path("result");
      assertTrue(ok.path("valid").asBoolean(), ok.toString());
      JsonNode bad = completed(backend, invalid, service).path("result");
      assertEquals(false, bad.path("valid").asBoolean(true), bad.toString());
      assertTrue(bad.path("errors").get(0).asText().startsWith("m: "), bad.toString());
      assertEquals(4, completed(backend, users, service).path("result").path("records").size());
      assertTrue(backend.command(export).path("events").toString().contains("started"));
      assertTrue(!backend.command(export).path("events").toString().contains("completed"),
          "the queries waited for the export");
      completed(backend, backend.queue(device, "cancel", "{\"command_id\":\"" + export + "\"}"), service);
      assertEquals(0, service.terminate(30), service.log());
    }
  }

  @Test
  void theCommandsItRunsUseTheProxyTheAgentWasEnrolledWith() throws Exception {
    Path root = tmp.resolve("root");
    com.github.tomakehurst.wiremock.WireMockServer proxy = new com.github.tomakehurst.wiremock.WireMockServer(
        com.github.tomakehurst.wiremock.core.WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
            .enableBrowserProxying(true));
    proxy.start();
    try (DevBackend backend = DevBackend.start(dataDir())) {
      // The repository's host does not resolve: only the proxy can answer for it. The backend is on
      // loopback, which is never proxied.
      proxy.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
              com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/acme/api.git/info/refs?service=git-upload-pack"))
          .withHost(com.github.tomakehurst.wiremock.client.WireMock.equalTo("git.corp.invalid"))
          .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)));
      Enrollment e = backend.enroll(root);
      new Enrollment(e.backendUrl(), e.customerId(), e.deviceId(), e.apiKey(), e.channel(), e.enrolled(),
          "http://127.0.0.1:" + proxy.port(), null).write(root);
      try (ServiceProcess service = ServiceProcess.start(root, tmp.resolve("service.out"))) {
        String id = backend.queue(e.deviceId(), "validate-config",
            "{\"integrations\":[{\"name\":\"git\",\"config\":{\"repos\":[\"http://git.corp.invalid/acme/api.git\"]}}]}");
        JsonNode result = completed(backend, id, service).path("result");
        assertTrue(result.path("valid").asBoolean(), result.toString());
        assertEquals(0, service.terminate(30), service.log());
      }
    } finally {
      proxy.stop();
    }
  }

  /** Waits for the command's completed event and returns it. */
  private static JsonNode completed(DevBackend backend, String commandId, ServiceProcess service) throws Exception {
    return await("command " + commandId + " completed", () -> {
      for (JsonNode event : backend.command(commandId).path("events")) {
        if ("failed".equals(event.path("type").asText())) {
          throw new AssertionError("command failed: " + event);
        }
        if ("completed".equals(event.path("type").asText())) {
          return event;
        }
      }
      return null;
    }, service);
  }

  @Test
  void refusesToRunUnenrolled() throws Exception {
    Dist.Result r = Dist.run(Duration.ofSeconds(30), "service-run", "--pinpoint-root=" + tmp.resolve("empty"));
    assertEquals(2, r.exit(), r.all());
    assertTrue(r.stderr().contains("enroll first"), r.all());
  }

  /**
   * A full disk under service-run, simulated by a file-size limit the service and its children inherit: the
   * command fails with code {@code environment}, naming the file and the space left, instead of completing
   * with a failed integration; nothing is committed or uploaded, and the service goes on.
   */
  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void aWriteThatFailsForTheDiskFailsTheCommandAsAnEnvironmentFailure() throws Exception {
    Path root = tmp.resolve("root");
    try (DevBackend backend = DevBackend.start(dataDir())) {
      backend.enroll(root);
      try (ServiceProcess service = ServiceProcess.start(256, root, tmp.resolve("service.out"))) {
        Enrollment enrolled = Enrollment.read(root).orElseThrow();
        String big = "{\"organizations\":1,\"repos_per_org\":1,\"pull_requests_per_repo\":3000,\"users\":2}";
        String command = backend.queue(enrolled.deviceId(), "export", "{\"integrations\":" + Dist.mock("mock", big) + "}");

        JsonNode failed = await("the export's failed event", () -> ServiceCrashIT.event(backend, command, "failed"), service);
        assertEquals("environment", failed.path("error").path("code").asText(), failed.toString());
        String message = failed.path("error").path("message").asText();
        assertTrue(EnvironmentIT.DISK_FAILURE.matcher(message).find(), "no file and space left in: " + message);
        assertNull(ServiceCrashIT.event(backend, command, "completed"), "completed as well: " + backend.command(command));
        assertEquals(0, ExportDir.checkpoints(root).size(), "a checkpoint was committed");
        assertEquals(List.of(), ExportDir.exports(root), "the aborted export's folder was kept for nothing");

        // The service goes on: the next export completes, is uploaded and committed.
        String next = backend.queue(enrolled.deviceId(), "export", exportParameters());
        acknowledged(backend, completedExport(backend, next, service), service);
        await("checkpoints committed", () -> ExportDir.checkpoints(root).size() > 0 ? true : null, service);
        // And so does the log spool: the failed command's own lines reached the backend.
        await("the failed export's lines shipped", () -> {
          JsonNode logs = backend.admin("GET", "/logs?device_id=" + enrolled.deviceId(), null);
          return logs.toString().contains(command) && logs.toString().contains("cannot write") ? true : null;
        }, service);
        assertEquals(0, service.terminate(30), service.log());
      }
    }
  }

  private Path dataDir() {
    return tmp.resolve("backend");
  }

  private ServiceProcess startService(Path root, DevBackend backend) throws Exception {
    backend.enroll(root);
    return ServiceProcess.start(root, tmp.resolve("service.out"));
  }

  private static String exportParameters() {
    return "{\"integrations\":" + Dist.mock("mock", SHAPE) + "}";
  }

  /** Waits for the command's completed event; returns its export id. */
  static String completedExport(DevBackend backend, String commandId, ServiceProcess service) throws Exception {
    return await("command " + commandId + " completed", () -> {
      for (JsonNode e : backend.command(commandId).path("events")) {
        JsonNode event = e.has("event") ? e.get("event") : e;
        if ("failed".equals(event.path("type").asText())) {
          throw new AssertionError("command failed: " + event);
        }
        if ("completed".equals(event.path("type").asText())) {
          return event.path("export_id").asText();
        }
      }
      return null;
    }, service);
  }

  /** Waits until the backend completed the export; checks it stores every file of the manifest; returns the manifest. */
  static JsonNode acknowledged(DevBackend backend, String exportId, ServiceProcess service) throws Exception {
    JsonNode stored = await("export " + exportId + " completed", () -> {
      JsonNode e = backend.export(exportId);
      return "completed".equals(e.path("export").path("status").asText()) ? e : null;
    }, service);
    JsonNode manifest = stored.path("manifest");
    JsonNode files = stored.path("export").path("files");
    for (JsonNode i : manifest.path("integrations")) {
      for (JsonNode f : i.path("files")) {
        JsonNode held = files.path(f.path("path").asText());
        assertEquals(f.path("sha256").asText(), held.path("sha256").asText(), "stored " + f + ": " + files);
      }
    }
    return manifest;
  }

  static Map<String, Integer> objectsPerModel(JsonNode manifest) {
    Map<String, Integer> out = new HashMap<>();
    for (JsonNode i : manifest.path("integrations")) {
      i.path("objects").fields().forEachRemaining(e -> out.merge(e.getKey(), e.getValue().asInt(), Integer::sum));
    }
    return out;
  }

  static <T> T await(String what, Callable<T> probe, ServiceProcess service) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      T value = probe.call();
      if (value != null) {
        return value;
      }
      if (!service.process.isAlive()) {
        throw new AssertionError("service-run exited with " + service.process.exitValue() + " while waiting for " + what
            + ":\n" + service.log());
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no " + what + " within " + WAIT + ":\n" + service.log());
  }
}
