package agent.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.loop.StopSignal;
import agent.core.config.Enrollment;
import agent.core.log.Redactor;
import agent.core.logship.LogSpool;
import agent.core.logship.SpoolLine;
import agent.rpcdef.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command's child, played by a shell script standing in for {@code bin/agent}: its output reaches
 * the spool while it runs, its progress file reaches the listener, and its parameters reach it only
 * through files that are gone once it ended.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-in launcher is a POSIX shell script; service ITs cover bin/agent.cmd's path")
class CommandChildTest {
  @TempDir Path tmp;
  private final ExecutorService runner = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopRunner() {
    runner.shutdownNow();
  }

  /**
   * Says one line, writes a progress file, waits for the test's go-ahead file, says a last line and
   * makes an export folder, whose id it reports as an export does; records its arguments and what its parameter files held.
   */
  private Path launcher(Path gate) throws Exception {
    Path script = tmp.resolve("agent");
    Files.writeString(script, String.join("\n",
        "#!/bin/sh",
        "echo \"$@\" > '" + tmp.resolve("args") + "'",
        "while [ $# -gt 0 ]; do",
        "  case \"$1\" in",
        "    --progress-file) progress=\"$2\"; shift;;",
        "    --export-id-file) idfile=\"$2\"; shift;;",
        "    --integrations-file) cp \"$2\" '" + tmp.resolve("integrations-seen") + "'; shift;;",
        "    --pinpoint-root=*) root=\"${1#--pinpoint-root=}\";;",
        "  esac",
        "  shift",
        "done",
        "echo '2026-11-22T10:00:00.000Z INFO  ExportRunner: export started with token s3cr3t'",
        "printf '%s' '{\"time\":\"t\",\"integrations\":{\"m\":{\"status\":\"running\",\"current\":1,\"total\":4,"
            + "\"objects\":{\"sourcecode.Repo\":2}}}}' > \"$progress\"",
        "while [ ! -e '" + gate + "' ]; do sleep 0.05; done",
        "echo '{\"ts\":\"2026-11-22T10:00:01Z\",\"level\":\"warn\",\"logger\":\"integration.m\",\"msg\":\"slow API\"}'",
        "mkdir -p \"$root/exports/20261122T100000Z-abcdef\"",
        "echo 20261122T100000Z-abcdef > \"$idfile\"",
        "exit 0",
        ""), StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  @Test
  void outputIsSpooledAndProgressRelayedWhileTheChildRuns() throws Exception {
    Path root = tmp.resolve("root");
    Path gate = tmp.resolve("go");
    Redactor redactor = new Redactor();
    redactor.add("s3cr3t");
    Redactor.global().add("s3cr3t"); // as service-run does with every command's integrations
    LogSpool spool = new LogSpool(root.resolve("state").resolve("logspool"), redactor);
    ServiceSettings settings = new ServiceSettings(root, launcher(gate), "test", Duration.ofSeconds(30),
        Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 1,
        Duration.ofSeconds(5), List.of("--log-level=info"), Duration.ofSeconds(5), Duration.ofMillis(100));
    CommandChild child = new CommandChild(settings, new StopSignal(), spool);
    List<JsonNode> progress = new CopyOnWriteArrayList<>();
    Enrollment enrollment = new Enrollment("http://127.0.0.1:1", "acme", "d1", "key", "dev", "now");

    Future<CommandChild.Outcome> outcome = runner.submit(() -> child.export("cmd-1", Json.mapper().readTree(
        "[{\"name\":\"mock\",\"config\":{\"token\":\"s3cr3t\"}}]"), false, enrollment, () -> false, progress::add));

    // Before the child ends: its first line is in the spool, its progress was handed on.
    List<SpoolLine> early = awaitLines(spool, 1);
    assertEquals("export started with token [REDACTED]", early.get(0).message(), early.toString());
    assertEquals("export", early.get(0).source());
    assertEquals("cmd-1", early.get(0).commandId());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (progress.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(1, progress.size(), "the unchanged progress file is handed on once: " + progress);
    assertEquals(4, progress.get(0).path("m").path("total").asInt(), progress.toString());
    assertEquals(2, progress.get(0).path("m").path("objects").path("sourcecode.Repo").asInt());
    assertFalse(outcome.isDone());

    Files.createFile(gate);
    CommandChild.Outcome done = outcome.get(20, TimeUnit.SECONDS);
    assertEquals(0, done.exitCode(), done.outputTail());
    assertFalse(done.stopped());
    assertEquals("20261122T100000Z-abcdef", done.exportDir().getFileName().toString());
    assertTrue(done.outputTail().endsWith("\"msg\":\"slow API\"}"), done.outputTail());

    List<SpoolLine> all = awaitLines(spool, 2);
    assertEquals("slow API", all.get(1).message());
    assertEquals("m", all.get(1).integration());
    assertEquals("WARN", all.get(1).level());

    // The command's output log holds every line; the parameter and progress files are gone.
    List<String> log = Files.readAllLines(root.resolve("logs").resolve("commands").resolve("cmd-1.log"));
    assertEquals(2, log.size(), log.toString());
    assertEquals("2026-11-22T10:00:00.000Z INFO  ExportRunner: export started with token [REDACTED]", log.get(0));
    try (var left = Files.list(root.resolve("state").resolve("commands"))) {
      assertEquals(List.of(), left.toList());
    }
    String args = Files.readString(tmp.resolve("args"));
    assertTrue(args.contains("--stop-with-parent"), args);
    assertTrue(args.contains("--defer-checkpoints"), args);
    assertFalse(args.contains("s3cr3t"), "a token on the command line: " + args);
    assertTrue(Files.readString(tmp.resolve("integrations-seen")).contains("s3cr3t"), "the child did not get its config");
  }

  @Test
  void keepsTheNewestCommandLogsOnly() throws Exception {
    Path root = tmp.resolve("root");
    Path logs = Files.createDirectories(root.resolve("logs").resolve("commands"));
    for (int i = 0; i < CommandChild.KEPT_LOGS + 3; i++) {
      Path f = Files.writeString(logs.resolve("old-" + i + ".log"), "x");
      Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(1_000_000L * (i + 1)));
    }
    Path gate = Files.createFile(tmp.resolve("go"));
    ServiceSettings settings = new ServiceSettings(root, launcher(gate), "test", Duration.ofSeconds(30),
        Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 1,
        Duration.ofSeconds(5), List.of(), Duration.ofSeconds(5), Duration.ofSeconds(10));
    CommandChild child = new CommandChild(settings, new StopSignal(),
        new LogSpool(root.resolve("state").resolve("logspool"), new Redactor()));
    child.export("newest", Json.mapper().readTree("[]"), false,
        new Enrollment("http://127.0.0.1:1", "acme", "d1", "key", "dev", "now"), () -> false, p -> { });
    try (var files = Files.list(logs)) {
      List<String> names = new ArrayList<>(files.map(f -> f.getFileName().toString()).sorted().toList());
      assertEquals(CommandChild.KEPT_LOGS, names.size(), names.toString());
      assertTrue(names.contains("newest.log"));
      for (int i = 0; i < 4; i++) {
        assertFalse(names.contains("old-" + i + ".log"), "old-" + i + " should have gone: " + names);
      }
    }
  }

  private static List<SpoolLine> awaitLines(LogSpool spool, int n) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    List<SpoolLine> lines = List.of();
    while (System.nanoTime() < deadline) {
      spool.seal();
      List<SpoolLine> all = new ArrayList<>();
      for (Path segment : spool.sealed()) {
        all.addAll(LogSpool.read(segment));
      }
      lines = all;
      if (lines.size() >= n) {
        return lines;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the spool holds " + lines.size() + " line(s), expected " + n + ": " + lines);
  }
}
