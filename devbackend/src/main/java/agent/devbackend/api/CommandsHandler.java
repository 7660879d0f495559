package agent.devbackend.api;

import agent.devbackend.http.ApiException;
import agent.devbackend.http.Exchange;
import agent.devbackend.store.CommandStore;
import agent.devbackend.store.CommandStore.CommandView;
import agent.devbackend.store.DeviceStore.Device;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /commands?wait=N} (the long poll) and {@code POST /commands/{id}/events}.
 *
 * <p>A poll holds its HTTP thread while it waits; the server's thread pool is unbounded for that
 * reason.
 */
public final class CommandsHandler {
  private static final int DEFAULT_WAIT_SECONDS = 30;

  private final ApiAuth auth;
  private final CommandStore commands;
  private final Duration maxWait;

  /** @param maxWait the cap on a poll's {@code wait} */
  public CommandsHandler(ApiAuth auth, CommandStore commands, Duration maxWait) {
    this.auth = auth;
    this.commands = commands;
    this.maxWait = maxWait;
  }

  public void poll(Exchange exchange) throws IOException {
    Device device = auth.device(exchange);
    Duration wait = wait(exchange.query("wait"));
    List<CommandView> ready;
    try {
      ready = commands.poll(device.deviceId(), wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(503, "shutting_down", "the backend is stopping");
    }
    if (ready.isEmpty()) {
      exchange.empty(204);
    } else {
      exchange.json(200, Map.of("commands", ready));
    }
  }

  public void event(Exchange exchange) throws IOException {
    Device device = auth.device(exchange);
    boolean stored = commands.addEvent(device.deviceId(), exchange.param(1), exchange.readJson());
    exchange.json(stored ? 201 : 200, Map.of("stored", stored));
  }

  private Duration wait(String value) {
    if (value == null) {
      return min(Duration.ofSeconds(DEFAULT_WAIT_SECONDS), maxWait);
    }
    double seconds;
    try {
      seconds = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("wait must be a number of seconds, got " + value);
    }
    if (!(seconds >= 0)) {
      throw ApiException.badRequest("wait cannot be negative, got " + value);
    }
    return min(Duration.ofMillis((long) (seconds * 1000)), maxWait);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
