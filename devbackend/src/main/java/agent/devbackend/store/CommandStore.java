package agent.devbackend.store;

import agent.devbackend.http.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The command queue of every device, the long poll over it, and the commands' status events.
 *
 * <p>Delivery is at least once: a delivered command is not handed out again until {@code
 * redelivery} passed without any event for it (the agent's {@code started} event is its
 * acknowledgement). Commands live in memory and in {@code commands/<id>/command.json}; events in
 * {@code commands/<id>/events/}. Loaded from disk at construction.
 *
 * <p>Thread-safe: everything is guarded by this object's monitor, which {@link #poll} waits on.
 */
public final class CommandStore {
  /** Command types of API v1. */
  public static final Set<String> TYPES =
      Set.of("export", "validate-config", "export-onboard-data", "cancel");

  private static final Set<String> EVENT_TYPES = Set.of("started", "progress", "completed", "failed");
  private static final Set<String> OBJECT_TYPES = Set.of("users", "repos", "projects", "workconfig");

  private final DataDir dir;
  private final Duration redelivery;
  private final Map<String, CommandRecord> commands = new LinkedHashMap<>();
  private final Map<String, Set<String>> eventIds = new HashMap<>();
  private boolean closed;

  /**
   * A command and where it stands: {@code queued}, {@code delivered} (handed out, not yet
   * acknowledged), {@code started}, {@code completed}, {@code failed}.
   */
  public record CommandRecord(
      String id,
      String deviceId,
      String type,
      JsonNode parameters,
      String created,
      String state,
      String deliveredAt,
      int deliveries) {

    CommandRecord with(String state, String deliveredAt, int deliveries) {
      return new CommandRecord(id, deviceId, type, parameters, created, state, deliveredAt, deliveries);
    }

    boolean finished() {
      return state.equals("completed") || state.equals("failed");
    }
  }

  /** What the agent sees of a command in a poll answer. */
  public record CommandView(String id, String type, String created, JsonNode parameters) {}

  public CommandStore(DataDir dir, Duration redelivery) {
    this.dir = dir;
    this.redelivery = redelivery;
    load();
  }

  /**
   * Queues a command for {@code deviceId} and wakes its long polls.
   *
   * @throws ApiException 400 for an unknown type or parameters that type cannot run with
   */
  public synchronized CommandRecord queue(String deviceId, String type, JsonNode parameters) {
    Ids.require("device_id", deviceId);
    ObjectNode params =
        parameters == null || parameters.isNull()
            ? JsonNodeFactory.instance.objectNode()
            : requireObject(parameters);
    validate(type, params);
    CommandRecord command =
        new CommandRecord(Ids.mint("cmd"), deviceId, type, params, Ids.now(), "queued", null, 0);
    save(command);
    notifyAll();
    return command;
  }

  /**
   * The long poll: returns the commands deliverable to {@code deviceId} now, marking them
   * delivered, or waits up to {@code wait} for one to be queued. Returns an empty list when none
   * came in time or when the store is closed. Blocks the calling thread; interruptible.
   */
  public synchronized List<CommandView> poll(String deviceId, Duration wait)
      throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!closed) {
      List<CommandView> out = deliverNow(deviceId);
      if (!out.isEmpty()) {
        return out;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return List.of();
      }
      // Wake at least every second: a delivered command may become due for redelivery.
      wait(Math.max(1, Math.min(Duration.ofNanos(left).toMillis(), 1000)));
    }
    return List.of();
  }

  /**
   * Records a status event of {@code commandId} sent by {@code deviceId}.
   *
   * @return true when stored, false when an event with its {@code event_id} already was
   * @throws ApiException 400 bad event, 404 {@code command_unknown}, 409 {@code command_finished}
   */
  public synchronized boolean addEvent(String deviceId, String commandId, JsonNode event) {
    CommandRecord command = commands.get(Ids.require("command_id", commandId));
    if (command == null || !command.deviceId().equals(deviceId)) {
      throw ApiException.notFound("command_unknown", "no such command: " + commandId);
    }
    String eventId = Ids.require("event_id", event.path("event_id").asText(null));
    String type = event.path("type").asText("");
    if (!EVENT_TYPES.contains(type)) {
      throw ApiException.badRequest("type must be one of " + EVENT_TYPES + ", got \"" + type + "\"");
    }
    Set<String> seen = eventIds.computeIfAbsent(commandId, k -> new HashSet<>());
    if (seen.contains(eventId)) {
      return false;
    }
    if (command.finished()) {
      throw new ApiException(
          409, "command_finished", "command " + commandId + " already " + command.state());
    }
    ObjectNode stored = ((ObjectNode) event.deepCopy()).put("received", Ids.now());
    Path file = eventsDir(commandId).resolve(String.format("%06d-%s.json", seen.size(), eventId));
    dir.writeJson(file, stored);
    seen.add(eventId);
    String state =
        switch (type) {
          case "completed", "failed" -> type;
          default -> "started";
        };
    save(command.with(state, command.deliveredAt(), command.deliveries()));
    return true;
  }

  /** A command by id; null when unknown. */
  public synchronized CommandRecord get(String commandId) {
    return commands.get(commandId);
  }

  /** The stored events of a command, in the order they arrived. */
  public synchronized List<JsonNode> events(String commandId) {
    Path events = eventsDir(Ids.require("command_id", commandId));
    if (!Files.isDirectory(events)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(events)) {
      return list.filter(p -> p.getFileName().toString().endsWith(".json"))
          .sorted()
          .map(p -> dir.readJson(p, JsonNode.class))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Wakes every waiting poll, which returns empty; later polls return at once. */
  public synchronized void close() {
    closed = true;
    notifyAll();
  }

  private List<CommandView> deliverNow(String deviceId) {
    Instant now = Instant.now();
    List<CommandView> out = new ArrayList<>();
    for (CommandRecord c : List.copyOf(commands.values())) {
      if (!c.deviceId().equals(deviceId)) {
        continue;
      }
      boolean due =
          c.state().equals("queued")
              || (c.state().equals("delivered")
                  && Instant.parse(c.deliveredAt()).plus(redelivery).isBefore(now));
      if (due) {
        save(c.with("delivered", now.toString(), c.deliveries() + 1));
        out.add(new CommandView(c.id(), c.type(), c.created(), c.parameters()));
      }
    }
    return out;
  }

  private static void validate(String type, ObjectNode params) {
    if (type == null || !TYPES.contains(type)) {
      throw ApiException.badRequest("type must be one of " + TYPES + ", got " + type);
    }
    if (type.equals("cancel")) {
      Ids.require("parameters.command_id", params.path("command_id").asText(null));
      return;
    }
    JsonNode integrations = params.get("integrations");
    if (integrations == null || !integrations.isArray() || integrations.isEmpty()) {
      throw ApiException.badRequest("parameters.integrations must be a non-empty array");
    }
    if (!type.equals("export") && integrations.size() != 1) {
      throw ApiException.badRequest(type + " takes exactly one integration");
    }
    if (type.equals("export-onboard-data")
        && !OBJECT_TYPES.contains(params.path("object_type").asText(""))) {
      throw ApiException.badRequest("parameters.object_type must be one of " + OBJECT_TYPES);
    }
  }

  private static ObjectNode requireObject(JsonNode node) {
    if (!node.isObject()) {
      throw ApiException.badRequest("parameters must be a JSON object");
    }
    return (ObjectNode) node.deepCopy();
  }

  private void save(CommandRecord command) {
    dir.writeJson(dir.resolve("commands", command.id(), "command.json"), command);
    commands.put(command.id(), command);
  }

  private Path eventsDir(String commandId) {
    return dir.resolve("commands", commandId, "events");
  }

  private void load() {
    Path root = dir.resolve("commands");
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> list = Files.list(root)) {
      for (Path p : list.sorted().toList()) {
        CommandRecord c = dir.readJson(p.resolve("command.json"), CommandRecord.class);
        if (c == null) {
          continue;
        }
        commands.put(c.id(), c);
        Set<String> seen = new HashSet<>();
        for (JsonNode e : events(c.id())) {
          seen.add(e.path("event_id").asText());
        }
        eventIds.put(c.id(), seen);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
