package agent.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import agent.core.loop.StopSignal;
import agent.core.backend.CommandEvent;
import agent.core.config.Enrollment;
import agent.core.export.PausedProgressFile;
import agent.core.log.Redactor;
import agent.core.logship.LogSpool;
import agent.core.testing.LocalBackend;
import agent.rpcdef.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rate-limit pause on its way from the export's progress file to the backend: the file the real
 * {@code ProgressFile} writes while an integration is paused, relayed by {@link CommandChild} from a
 * stand-in child, posted as a {@code progress} event and stored by the reference backend.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-in launcher is a POSIX shell script")
class ProgressEventTest {
  @TempDir Path tmp;
  @RegisterExtension final LocalBackend backend = LocalBackend.enrolled();

  @Test
  void theProgressEventCarriesThePauseOfAnIntegration() throws Exception {
    Path written = tmp.resolve("paused-progress.json");
    PausedProgressFile.write(written);
    // The stand-in export copies the real file where service-run looks for it and ends once it was relayed.
    Path relayed = tmp.resolve("relayed");
    Path script = tmp.resolve("agent");
    Files.writeString(script, String.join("\n",
        "#!/bin/sh",
        "while [ $# -gt 0 ]; do",
        "  case \"$1\" in",
        "    --progress-file) cp '" + written + "' \"$2\"; shift;;",
        "  esac",
        "  shift",
        "done",
        "while [ ! -e '" + relayed + "' ]; do sleep 0.05; done",
        "exit 0",
        ""), StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    Path root = tmp.resolve("root");
    ServiceSettings settings = new ServiceSettings(root, script, "test", Duration.ofSeconds(30),
        Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 1,
        Duration.ofSeconds(5), List.of(), Duration.ofSeconds(5), Duration.ofMillis(100));
    CommandChild child = new CommandChild(settings, new StopSignal(),
        new LogSpool(root.resolve("state").resolve("logspool"), new Redactor()));
    Enrollment enrollment = new Enrollment(backend.uri().toString(), "acme", backend.enrollment().deviceId(), "key",
        "dev", "now");
    String command = backend.admin("POST", "/commands", Map.of("device_id", backend.enrollment().deviceId(),
        "type", "export", "parameters", Map.of("integrations", List.of(Map.of("name", "mock"))))).get("id").asText();

    // As service-run does: every progress the child reports becomes one progress event.
    child.export(command, Json.mapper().readTree("[]"), false, enrollment, () -> false, progress -> {
      post(command, progress);
      try {
        Files.writeString(relayed, "");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });

    JsonNode events = backend.admin("GET", "/commands/" + command, null).path("events");
    assertFalse(events.isEmpty(), "no progress event reached the backend");
    JsonNode event = events.get(0).has("event") ? events.get(0).get("event") : events.get(0);
    assertEquals("progress", event.path("type").asText(), event.toString());
    JsonNode gh = event.path("integrations").path("gh");
    assertEquals(Json.mapper().readTree("{\"reason\": \"" + PausedProgressFile.REASON + "\", \"resume_at\": \""
        + PausedProgressFile.RESUME_AT + "\", \"since\": \"" + PausedProgressFile.SINCE + "\"}"), gh.path("paused"), gh.toString());
    assertEquals(2, gh.path("pauses").asInt(), gh.toString());
    assertEquals(61_000, gh.path("paused_ms").asLong(), gh.toString());
    assertEquals("running", gh.path("status").asText(), gh.toString());
  }

  private void post(String command, JsonNode progress) {
    try {
      backend.client().postEvent(command, CommandEvent.progress(progress));
    } catch (Exception e) {
      throw new AssertionError("the progress event was refused: " + e, e);
    }
  }
}
