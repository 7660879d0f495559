package agent.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.Json;
import agent.rpcdef.internal.Agent;
import agent.rpcdef.internal.grpc.PluginCallException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin started through a shell wrapper that starts a long {@code sleep} beside the real plugin:
 * however the plugin ends (a failed handshake, a stop, a kill after a timeout), the sleep ends too.
 */
class PluginProcessTreeTest {
  /** How long a process may take to be gone once the host stopped its tree (grace periods included). */
  static final Duration GONE_WITHIN = Duration.ofSeconds(20);

  @TempDir Path tmp;
  Path plugins;
  Path dir;

  @BeforeEach
  void posixOnly() throws Exception {
    Assumptions.assumeFalse(System.getProperty("os.name", "").startsWith("Windows"),
        "the wrapper is a POSIX shell script; process trees on Windows are not tested here");
    plugins = tmp.resolve("plugins");
    dir = Files.createDirectories(plugins.resolve("wrapped"));
    Files.write(dir.resolve("plugin.json"), Json.bytes(Map.of("name", "wrapped", "protocol_version", 1,
        "command", java.util.List.of("/bin/sh", "${plugin_dir}/wrapper.sh", "${java}",
            System.getProperty("java.class.path"), HangingPlugin.class.getName()))));
  }

  /** The wrapper: a sleep in the background, its pid in child.pid, then {@code body}. */
  private void wrapper(String body) throws Exception {
    Files.writeString(dir.resolve("wrapper.sh"), "sleep 600 &\necho $! > child.pid\n" + body + "\n");
  }

  private PluginLauncher launcher(Duration handshake) {
    return new PluginLauncher(PluginCatalog.discover(tmp, plugins), PluginLauncher.currentJava(), tmp.resolve("logs"),
        handshake, "test", "c", Map.of());
  }

  private static Agent noCallbacks() {
    return (Agent) Proxy.newProxyInstance(Agent.class.getClassLoader(), new Class<?>[] {Agent.class}, (p, m, a) -> {
      throw new UnsupportedOperationException(m.getName());
    });
  }

  private IntegrationEntry entry() throws Exception {
    return new IntegrationEntry("wrapped", "wrapped", Json.mapper().readTree("{}"));
  }

  /** The pid the wrapper (or the plugin) wrote to {@code file}, once written. */
  private long pidIn(String file) throws Exception {
    Path f = dir.resolve(file);
    long end = System.nanoTime() + GONE_WITHIN.toNanos();
    while (!Files.exists(f) || Files.readString(f).isBlank()) {
      assertTrue(System.nanoTime() < end, file + " was never written");
      Thread.sleep(20);
    }
    return Long.parseLong(Files.readString(f).trim());
  }

  private static void assertGone(long pid, String what) throws Exception {
    long end = System.nanoTime() + GONE_WITHIN.toNanos();
    while (ProcessHandle.of(pid).isPresent() && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    Optional<ProcessHandle> left = ProcessHandle.of(pid);
    left.ifPresent(ProcessHandle::destroyForcibly); // leave nothing behind, even when the assertion fails
    assertFalse(left.isPresent(), what + " (pid " + pid + ") is still running");
  }

  @Test
  void aHandshakeTimeoutStopsTheWrappersChild() throws Exception {
    wrapper("wait");
    PluginStartException e = assertThrows(PluginStartException.class,
        () -> launcher(Duration.ofSeconds(2)).launch(entry(), noCallbacks()));
    assertTrue(e.getMessage().contains("did not complete its handshake"), e.getMessage());
    assertGone(pidIn("child.pid"), "the sleep started by the wrapper");
  }

  @Test
  void aBadHandshakeStopsTheWrappersChild() throws Exception {
    wrapper("echo not-a-handshake\nwait");
    assertThrows(PluginStartException.class, () -> launcher(Duration.ofSeconds(30)).launch(entry(), noCallbacks()));
    assertGone(pidIn("child.pid"), "the sleep started by the wrapper");
  }

  @Test
  void aStoppedPluginLeavesNoChildOfItsWrapper() throws Exception {
    // Not exec: the wrapper waits for java, which exits at Shutdown, and then the wrapper exits too.
    wrapper("\"$1\" -cp \"$2\" \"$3\" java.pid");
    PluginLauncher.RunningPlugin plugin = launcher(Duration.ofSeconds(30)).launch(entry(), noCallbacks());
    long java = pidIn("java.pid");
    long sleep = pidIn("child.pid");
    plugin.close();
    assertGone(java, "the plugin");
    assertGone(sleep, "the sleep started by the wrapper");
  }

  @Test
  void aPluginKilledAfterItsTimeoutLeavesNothing() throws Exception {
    wrapper("\"$1\" -cp \"$2\" \"$3\" java.pid");
    PluginLauncher.RunningPlugin plugin = launcher(Duration.ofSeconds(30)).launch(entry(), noCallbacks());
    long java = pidIn("java.pid");
    long sleep = pidIn("child.pid");
    try {
      PluginCallException e = assertThrows(PluginCallException.class,
          () -> plugin.client().export("{}".getBytes(), false, "x", Duration.ofSeconds(1)));
      assertEquals(PluginCallException.Kind.DEADLINE, e.kind(), e.getMessage());
      plugin.process().kill(); // as ExportRunner does at the deadline
    } finally {
      plugin.close();
    }
    assertGone(java, "the hung plugin");
    assertGone(sleep, "the sleep started by the wrapper");
  }

  @Test
  void aWrapperWhosePluginCrashedLeavesNoChild() throws Exception {
    wrapper("\"$1\" -cp \"$2\" \"$3\" java.pid");
    PluginLauncher.RunningPlugin plugin = launcher(Duration.ofSeconds(30)).launch(entry(), noCallbacks());
    long java = pidIn("java.pid");
    long sleep = pidIn("child.pid");
    ProcessHandle.of(java).ifPresent(ProcessHandle::destroyForcibly); // the OOM killer, say: the wrapper then ends its script
    assertTrue(plugin.process().awaitExit(GONE_WITHIN), "the wrapper did not exit after its plugin died");
    plugin.close();
    assertGone(sleep, "the sleep started by the wrapper");
  }
}
