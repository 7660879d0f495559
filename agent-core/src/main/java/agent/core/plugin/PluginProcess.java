package agent.core.plugin;

import agent.core.log.PluginLogRelay;
import agent.rpcdef.internal.Protocol;
import agent.rpcdef.internal.grpc.IntegrationClient;
import agent.rpcdef.internal.grpc.Loopback;
import io.grpc.ManagedChannel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running plugin: the child process, its handshake, its stderr relayed to the logs, and a gRPC
 * channel to it that carries the per-launch token.
 *
 * <p>The host keeps the plugin's stdin open and never writes to it: when the host dies the pipe
 * closes and the plugin exits by itself. {@link #stop()} asks politely (Shutdown), waits {@value
 * #GRACE_MILLIS} ms, then kills.
 *
 * <p>Every way a plugin ends (a failed handshake, a stop, a kill after a timeout, a crash) ends its
 * whole {@link ProcessTree}: a plugin started through a wrapper leaves no child running.
 */
public final class PluginProcess implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PluginProcess.class);
  static final long GRACE_MILLIS = 2000;
  /**
   * gRPC's netty registers its Flight Recorder events when it starts, generating a class per event:
   * about a third of a second of a plugin's start, for recordings nobody makes.
   */
  static final String NETTY_JFR_OFF = "-Dio.grpc.netty.shaded.io.netty.jfr.enabled=false";
  /** The system property with the JVM options of this command's Java plugins: {@link #roleJvmArgs()}. */
  static final String ROLE_JVM_ARGS = "agent.plugin.jvm_args";

  private final String integrationId;
  private final Process process;
  private final ProcessTree tree;
  private final String token;
  private final PluginLogRelay relay;
  private final ManagedChannel channel;
  private final IntegrationClient client;
  private final PluginClassData.Plan classData;

  private PluginProcess(String integrationId, Process process, ProcessTree tree, String token, PluginLogRelay relay,
      String address, PluginClassData.Plan classData) {
    this.integrationId = integrationId;
    this.classData = classData;
    this.process = process;
    this.tree = tree;
    this.token = token;
    this.relay = relay;
    this.channel = Loopback.channel(address, token);
    this.client = new IntegrationClient(channel);
  }

  /** A fresh random token: 32 bytes, URL-safe base64. */
  public static String newToken() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /**
   * Starts the plugin and waits for its handshake.
   *
   * @param token the per-launch token (see {@link #newToken()}); the host's callback server uses it too
   * @param extraEnv variables added to the plugin's environment (the agent's network settings)
   * @param whileStarting the host's own set-up for this plugin, run once the process is started and
   *     before its handshake is awaited: it overlaps with the plugin's start, which takes most of a
   *     second for a JVM. When it throws, the plugin is stopped and the exception passed on.
   * @throws PluginStartException with the plugin's last stderr lines when it does not come up
   */
  public static PluginProcess start(PluginManifest manifest, String integrationId, Path agentHome, String javaExecutable,
      String token, java.util.Map<String, String> extraEnv, PluginLogRelay relay, Duration handshakeTimeout,
      Runnable whileStarting) {
    List<String> cmd = new java.util.ArrayList<>(manifest.commandLine(agentHome, javaExecutable));
    PluginClassData cds = PluginClassData.fromSystemProperties();
    PluginClassData.Plan classData = cds == null ? PluginClassData.Plan.NONE : cds.plan(manifest, cmd);
    // Before the manifest's own JVM options, so that a plugin that sets -Xshare:off has its way.
    cmd.addAll(1, classData.jvmArgs());
    if (manifest.java() != null) {
      cmd.addAll(1, roleJvmArgs());
      cmd.add(1, NETTY_JFR_OFF);
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(manifest.dir().toFile());
    pb.environment().putAll(extraEnv);
    pb.environment().put(Protocol.MAGIC_COOKIE_ENV, Protocol.MAGIC_COOKIE_VALUE);
    pb.environment().put(Protocol.TOKEN_ENV, token);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new PluginStartException("cannot start integration " + integrationId + " (" + cmd.get(0) + "): " + e.getMessage(), e);
    }
    LOG.debug("started plugin {} for integration {} (pid {})", manifest.name(), integrationId, p.pid());
    ProcessTree tree = new ProcessTree(p);
    pump("plugin-stderr-" + integrationId, new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8)), relay::line);

    CompletableFuture<String> handshake = new CompletableFuture<>();
    BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    pump("plugin-stdout-" + integrationId, stdout, line -> {
      if (!handshake.isDone()) {
        handshake.complete(line);
      } else {
        // Stdout is the protocol channel; anything after the handshake is a plugin bug.
        relay.line("(stdout) " + line);
      }
    }, () -> handshake.completeExceptionally(new IOException("stdout closed")));

    try {
      whileStarting.run();
    } catch (RuntimeException | Error e) {
      tree.kill(Duration.ofMillis(GRACE_MILLIS));
      throw e;
    }
    String line;
    try {
      line = handshake.get(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      tree.terminate(Duration.ofMillis(GRACE_MILLIS));
      throw new PluginStartException("integration " + integrationId + " did not complete its handshake within "
          + handshakeTimeout.toSeconds() + " s" + tailSuffix(relay), e);
    } catch (ExecutionException e) {
      waitQuietly(p, 2000);
      // Its stdout closed: whatever of the plugin still runs (a wrapper's child) will never answer.
      tree.terminate(Duration.ofMillis(GRACE_MILLIS));
      throw new PluginStartException("integration " + integrationId + " exited before its handshake"
          + (p.isAlive() ? "" : " with " + describeExit(p.exitValue())) + tailSuffix(relay), e);
    } catch (InterruptedException e) {
      tree.kill(Duration.ofMillis(GRACE_MILLIS));
      Thread.currentThread().interrupt();
      throw new PluginStartException("interrupted while starting integration " + integrationId, e);
    }
    Protocol.Handshake hs;
    try {
      hs = Protocol.Handshake.parse(line);
    } catch (IllegalArgumentException e) {
      tree.terminate(Duration.ofMillis(GRACE_MILLIS));
      throw new PluginStartException("integration " + integrationId + ": " + e.getMessage(), e);
    }
    LOG.debug("integration {} listening on {}", integrationId, hs.address());
    // The plugin runs now: a wrapper has started its real process, to be stopped even if the wrapper dies first.
    tree.remember();
    return new PluginProcess(integrationId, p, tree, token, relay, hs.address(), classData);
  }

  /**
   * The JVM options {@code bin/agent} gives the command's Java plugins ({@value #ROLE_JVM_ARGS},
   * space-separated): a short command's plugin runs on the C1 compiler alone, as the command does.
   * Before the manifest's own options, which win, and not part of the class-data archive's key: they
   * do not change what the JVM checks an archive against.
   */
  static List<String> roleJvmArgs() {
    String v = System.getProperty(ROLE_JVM_ARGS, "").trim();
    return v.isEmpty() ? List.of() : List.of(v.split("\\s+"));
  }

  private static void pump(String name, BufferedReader in, java.util.function.Consumer<String> onLine) {
    pump(name, in, onLine, () -> {});
  }

  private static void pump(String name, BufferedReader in, java.util.function.Consumer<String> onLine, Runnable onEof) {
    Thread t = new Thread(() -> {
      try (in) {
        String l;
        while ((l = in.readLine()) != null) {
          onLine.accept(l);
        }
      } catch (IOException ignored) {
        // The process is gone; EOF handling below says so.
      } finally {
        onEof.run();
      }
    }, name);
    t.setDaemon(true);
    t.start();
  }

  public IntegrationClient client() {
    return client;
  }

  public String token() {
    return token;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits up to {@code timeout} for the process to exit; true if it has. */
  public boolean awaitExit(Duration timeout) {
    return waitQuietly(process, timeout.toMillis());
  }

  /** "code 3" or "signal 9 (SIGKILL)"; only meaningful once the process has exited. */
  public String exitDescription() {
    return describeExit(process.exitValue());
  }

  /**
   * The crash report: {@code integration <id> exited with <code/signal>: <last stderr lines>}. Waits
   * briefly for the process to finish exiting and its stderr to drain.
   */
  public String crashReport() {
    awaitExit(Duration.ofSeconds(2));
    String how = process.isAlive() ? "stopped answering" : "exited with " + exitDescription();
    return "integration " + integrationId + " " + how + tailSuffix(relay);
  }

  /**
   * Asks the plugin to shut down, waits {@value #GRACE_MILLIS} ms, then kills it; then stops what is
   * left of its process tree (SIGTERM, {@value #GRACE_MILLIS} ms, kill). Idempotent.
   */
  public void stop() {
    long t0 = System.nanoTime();
    // Before the plugin exits: afterwards its children are no longer its descendants.
    tree.remember();
    if (process.isAlive()) {
      try {
        client.shutdown(Duration.ofMillis(GRACE_MILLIS));
      } catch (RuntimeException e) {
        LOG.debug("integration {} did not answer Shutdown: {}", integrationId, e.getMessage());
      }
      // A plugin that writes its class-data archive at exit (the launcher's training run) takes seconds.
      long grace = classData.isDumping() ? PluginClassData.DUMP_GRACE_MILLIS : GRACE_MILLIS;
      if (!waitQuietly(process, grace)) {
        LOG.warn("integration {} did not exit within {} ms of Shutdown; killing it", integrationId, grace);
        kill();
      }
    }
    if (!process.isAlive()) {
      PluginClassData.finish(classData, integrationId, process.exitValue());
    }
    if (tree.anyAlive()) {
      LOG.warn("integration {} exited but left processes running; stopping them", integrationId);
      tree.terminate(Duration.ofMillis(GRACE_MILLIS));
    }
    channel.shutdownNow();
    LOG.debug("integration {} stopped in {} ms", integrationId, (System.nanoTime() - t0) / 1_000_000);
  }

  /** Kills the plugin and every process below it at once. */
  public void kill() {
    tree.kill(Duration.ofSeconds(5));
  }

  @Override
  public void close() {
    stop();
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // Closing stdin of a dead process may fail; it is closed either way.
    }
  }

  static String describeExit(int code) {
    // A process killed by a signal reports 128 + the signal number on POSIX systems.
    if (code > 128 && code < 128 + 65 && !System.getProperty("os.name", "").startsWith("Windows")) {
      int sig = code - 128;
      String name = switch (sig) {
        case 1 -> "SIGHUP";
        case 2 -> "SIGINT";
        case 6 -> "SIGABRT";
        case 9 -> "SIGKILL";
        case 11 -> "SIGSEGV";
        case 15 -> "SIGTERM";
        default -> "";
      };
      return "signal " + sig + (name.isEmpty() ? "" : " (" + name + ")");
    }
    return "code " + code;
  }

  private static String tailSuffix(PluginLogRelay relay) {
    // Give the stderr pump a moment: the interesting line is usually the last one written.
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<String> tail = relay.tail();
    if (tail.isEmpty()) {
      return " (no output on stderr)";
    }
    return ":\n  " + String.join("\n  ", tail.subList(Math.max(0, tail.size() - 10), tail.size()));
  }

  private static boolean waitQuietly(Process p, long millis) {
    try {
      return p.waitFor(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !p.isAlive();
    }
  }
}
