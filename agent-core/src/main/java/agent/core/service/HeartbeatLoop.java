package agent.core.service;

import agent.core.loop.BackendHealth;
import agent.core.loop.Backoff;
import agent.core.loop.StopSignal;
import agent.core.backend.BackendClient;
import agent.core.backend.BackendException;
import agent.core.backend.Heartbeat;
import agent.core.enroll.Enroller;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "I am alive", once at start and then every {@code interval} (jittered by ±20 %), on its own thread
 * so that a long export or upload never delays it. A failed heartbeat is not retried: the next one
 * is due soon anyway; failures only feed {@link BackendHealth}.
 */
public final class HeartbeatLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(HeartbeatLoop.class);

  private final BackendClient client;
  private final BackendHealth health;
  private final StopSignal stop;
  private final Duration interval;
  private final String agentVersion;
  private final String hostname;
  private final String os = Enroller.os();
  private final Supplier<List<String>> runningCommands;
  private final Instant started = Instant.now();
  private final java.nio.file.Path recordFile;
  private boolean recordFailed;

  public HeartbeatLoop(BackendClient client, BackendHealth health, StopSignal stop, Duration interval, String agentVersion,
      String hostname, Supplier<List<String>> runningCommands) {
    this(client, health, stop, interval, agentVersion, hostname, runningCommands, null);
  }

  /** @param recordFile where each accepted heartbeat is recorded ({@link agent.core.ops.HeartbeatRecord}), or null */
  public HeartbeatLoop(BackendClient client, BackendHealth health, StopSignal stop, Duration interval, String agentVersion,
      String hostname, Supplier<List<String>> runningCommands, java.nio.file.Path recordFile) {
    this.client = client;
    this.health = health;
    this.stop = stop;
    this.interval = interval;
    this.agentVersion = agentVersion;
    this.hostname = hostname;
    this.runningCommands = runningCommands;
    this.recordFile = recordFile;
  }

  @Override
  public void run() {
    do {
      beat();
    } while (stop.sleep(Backoff.jittered(interval)));
  }

  private void beat() {
    Instant now = Instant.now();
    long sent = health.attemptStarting();
    try {
      client.heartbeat(new Heartbeat(now.toString(), agentVersion, hostname, os,
          Duration.between(started, now).toSeconds(), runningCommands.get()));
      health.reachable(BackendHealth.Caller.HEARTBEAT, sent);
      record(now);
    } catch (BackendException e) {
      if (e.unauthorized()) {
        health.refused();
      } else if (e.retryable()) {
        health.unreachable(BackendHealth.Caller.HEARTBEAT, e, sent);
      } else {
        health.reachable(BackendHealth.Caller.HEARTBEAT, sent); // it answered
        LOG.warn("heartbeat refused: {}", e.getMessage());
      }
    } catch (RuntimeException e) {
      LOG.error("bug: heartbeat failed", e);
    }
  }

  /** Notes the accepted heartbeat for {@code agent service status}; a failure is logged once, never fatal. */
  private void record(Instant when) {
    if (recordFile == null) {
      return;
    }
    try {
      agent.core.ops.HeartbeatRecord.write(recordFile, when);
      recordFailed = false;
    } catch (java.io.IOException e) {
      if (!recordFailed) {
        LOG.warn("cannot record the heartbeat in {}: {}", recordFile, e.getMessage());
      }
      recordFailed = true;
    }
  }
}
