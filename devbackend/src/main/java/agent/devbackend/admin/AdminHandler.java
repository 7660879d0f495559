package agent.devbackend.admin;

import agent.devbackend.fault.FailureInjector;
import agent.devbackend.fault.FailureRule;
import agent.devbackend.http.ApiException;
import agent.devbackend.http.Exchange;
import agent.devbackend.http.Router;
import agent.devbackend.store.CommandStore;
import agent.devbackend.store.CommandStore.CommandRecord;
import agent.devbackend.store.DeviceStore;
import agent.devbackend.store.DeviceStore.Device;
import agent.devbackend.store.ExportStore;
import agent.devbackend.store.ExportStore.ExportRecord;
import agent.devbackend.store.Ids;
import agent.devbackend.store.LogStore;
import agent.devbackend.store.OAuthStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The devbackend's admin API under {@code /admin} (not part of the backend contract): what a person
 * or a test does in a real backend's UI. Mint codes, queue commands, look at what agents sent, and
 * inject failures. See {@code _docs/backend-api.md}, "The reference backend".
 */
public final class AdminHandler {
  private final DeviceStore devices;
  private final CommandStore commands;
  private final ExportStore exports;
  private final LogStore logs;
  private final OAuthStore oauth;
  private final FailureInjector failures;

  public AdminHandler(
      DeviceStore devices,
      CommandStore commands,
      ExportStore exports,
      LogStore logs,
      OAuthStore oauth,
      FailureInjector failures) {
    this.devices = devices;
    this.commands = commands;
    this.exports = exports;
    this.logs = logs;
    this.oauth = oauth;
    this.failures = failures;
  }

  /** Adds the admin routes to {@code router} (whose prefix is {@code /admin}). */
  public Router routes(Router router) {
    return router
        .route("POST", "/enrollment-codes", this::mintCode)
        .route("GET", "/devices", this::listDevices)
        .route("GET", "/devices/([^/]+)/heartbeats", this::heartbeats)
        .route("POST", "/commands", this::queueCommand)
        .route("GET", "/commands/([^/]+)", this::command)
        .route("GET", "/exports/([^/]+)", this::export)
        .route("GET", "/logs", this::logs)
        .route("PUT", "/oauth/([^/]+)", this::setOAuth)
        .route("GET", "/failures", ex -> ex.json(200, Map.of("rules", failures.pending())))
        .route("POST", "/failures", this::addFailure)
        .route("DELETE", "/failures", this::clearFailures);
  }

  private void mintCode(Exchange ex) throws IOException {
    JsonNode body = ex.readJsonOrEmpty();
    DeviceStore.CodeRecord code = devices.mintCode(body.path("customer_id").asText("dev"));
    ex.json(201, Map.of("code", code.code(), "customer_id", code.customerId()));
  }

  private void listDevices(Exchange ex) throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Device d : devices.devices()) {
      List<JsonNode> beats = devices.heartbeats(d.deviceId());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("device", d);
      row.put("heartbeats", beats.size());
      if (!beats.isEmpty()) {
        row.put("last_heartbeat", beats.get(beats.size() - 1));
      }
      out.add(row);
    }
    ex.json(200, Map.of("devices", out));
  }

  private void heartbeats(Exchange ex) throws IOException {
    ex.json(200, Map.of("heartbeats", devices.heartbeats(ex.param(1))));
  }

  private void queueCommand(Exchange ex) throws IOException {
    JsonNode body = ex.readJson();
    String deviceId = Ids.require("device_id", body.path("device_id").asText(null));
    if (devices.device(deviceId) == null) {
      throw ApiException.notFound("device_unknown", "no such device: " + deviceId);
    }
    CommandRecord command =
        commands.queue(deviceId, body.path("type").asText(null), body.get("parameters"));
    ex.json(201, command);
  }

  private void command(Exchange ex) throws IOException {
    CommandRecord command = commands.get(Ids.require("command_id", ex.param(1)));
    if (command == null) {
      throw ApiException.notFound("command_unknown", "no such command: " + ex.param(1));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("command", command);
    out.put("events", commands.events(command.id()));
    ex.json(200, out);
  }

  private void export(Exchange ex) throws IOException {
    ExportRecord export = exports.describe(null, ex.param(1));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("export", export);
    JsonNode manifest = exports.manifest(export.exportId());
    if (manifest != null) {
      out.put("manifest", manifest);
    }
    ex.json(200, out);
  }

  private void logs(Exchange ex) throws IOException {
    String deviceId = ex.query("device_id");
    ex.json(200, Map.of("batches", logs.batches(Ids.require("device_id", deviceId))));
  }

  private void setOAuth(Exchange ex) throws IOException {
    JsonNode body = ex.readJson();
    String token = body.path("access_token").asText("");
    if (token.isEmpty()) {
      throw ApiException.badRequest("access_token is required");
    }
    oauth.set(ex.param(1), token, Duration.ofSeconds(body.path("expires_in_seconds").asLong(3600)));
    ex.empty(204);
  }

  private void addFailure(Exchange ex) throws IOException {
    JsonNode body = ex.readJson();
    FailureRule rule =
        new FailureRule(
            body.path("path_regex").asText(null),
            body.hasNonNull("method") ? body.get("method").asText() : null,
            body.path("count").asInt(1),
            body.path("status").asInt(0),
            body.path("retry_after_seconds").asInt(0),
            body.path("delay_ms").asLong(0),
            body.hasNonNull("code") ? body.get("code").asText() : null);
    failures.add(rule);
    ex.json(201, rule);
  }

  private void clearFailures(Exchange ex) throws IOException {
    failures.clear();
    ex.empty(204);
  }
}
