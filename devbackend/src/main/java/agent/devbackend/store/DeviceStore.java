package agent.devbackend.store;

import agent.devbackend.http.ApiException;
import agent.devbackend.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Enrollment codes, devices, their API keys and their heartbeats.
 *
 * <p>A code enrolls one device once. An API key is stored only as its SHA-256 ({@code
 * keys/<sha256>.json}), so the data folder never holds a usable key. Thread-safe: mutations are
 * serialized on this object.
 */
public final class DeviceStore {
  // No 0/O, 1/I/L: codes are read aloud and typed by people.
  private static final String CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final DataDir dir;

  public DeviceStore(DataDir dir) {
    this.dir = dir;
  }

  /** A stored enrollment code; {@code deviceId} and {@code requestId} are set once it was used. */
  public record CodeRecord(
      String code, String customerId, String created, String deviceId, String requestId) {}

  /** An enrolled device, as the agent described itself at enrollment. */
  public record Device(
      String deviceId,
      String customerId,
      String enrolled,
      String hostname,
      String os,
      String arch,
      String agentVersion,
      String channel) {}

  /** Which device an API key belongs to (stored under the key's hash). */
  public record KeyRecord(String deviceId) {}

  /** The answer of an enrollment: {@code created} false for a replay of the same request. */
  public record Enrollment(Device device, String apiKey, boolean created) {}

  /** Mints a new single-use enrollment code for {@code customerId}. */
  public synchronized CodeRecord mintCode(String customerId) {
    Ids.require("customer_id", customerId);
    CodeRecord code;
    do {
      code = new CodeRecord(randomCode(), customerId, Ids.now(), null, null);
    } while (Files.exists(codeFile(code.code())));
    dir.writeJson(codeFile(code.code()), code);
    return code;
  }

  /**
   * Enrolls a device with {@code code}. The same code with the same {@code requestId} again (an
   * agent retrying after a lost answer) returns the same device with a fresh API key; the key of
   * the first answer stops working, since nobody can have used it.
   *
   * @throws ApiException 404 {@code enrollment_code_unknown}, 410 {@code enrollment_code_used}
   */
  public synchronized Enrollment enroll(String code, String requestId, JsonNode agent) {
    if (code == null || code.isBlank()) {
      throw ApiException.badRequest("code is required");
    }
    Ids.require("request_id", requestId);
    String normalized = code.trim().toUpperCase(java.util.Locale.ROOT);
    CodeRecord record =
        normalized.matches("[A-Z0-9-]{1,64}") ? dir.readJson(codeFile(normalized), CodeRecord.class) : null;
    if (record == null) {
      throw ApiException.notFound("enrollment_code_unknown", "no such enrollment code: " + code);
    }
    if (record.deviceId() != null) {
      if (!requestId.equals(record.requestId())) {
        throw new ApiException(
            410, "enrollment_code_used", "this enrollment code was already used; ask for a new one");
      }
      Device device = device(record.deviceId());
      revokeKeysOf(device.deviceId());
      return new Enrollment(device, newKey(device.deviceId()), false);
    }
    Device device =
        new Device(
            Ids.mint("dev"),
            record.customerId(),
            Ids.now(),
            text(agent, "hostname"),
            text(agent, "os"),
            text(agent, "arch"),
            text(agent, "agent_version"),
            text(agent, "channel"));
    dir.writeJson(deviceDir(device.deviceId()).resolve("device.json"), device);
    String apiKey = newKey(device.deviceId());
    // The code is spent last: a crash before this line leaves it usable, never a device without a key.
    dir.writeJson(
        codeFile(normalized),
        new CodeRecord(record.code(), record.customerId(), record.created(), device.deviceId(), requestId));
    return new Enrollment(device, apiKey, true);
  }

  /** The device an API key belongs to; null for an unknown or revoked key. */
  public Device byApiKey(String apiKey) {
    KeyRecord key = dir.readJson(keyFile(apiKey), KeyRecord.class);
    return key == null ? null : device(key.deviceId());
  }

  /** A device by id; null when unknown. */
  public Device device(String deviceId) {
    return dir.readJson(deviceDir(Ids.require("device_id", deviceId)).resolve("device.json"), Device.class);
  }

  /** Every enrolled device. */
  public List<Device> devices() {
    Path devices = dir.resolve("devices");
    if (!Files.isDirectory(devices)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(devices)) {
      return list.sorted()
          .map(p -> dir.readJson(p.resolve("device.json"), Device.class))
          .filter(d -> d != null)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Records a heartbeat as received, with the server's time added as {@code received}. */
  public void recordHeartbeat(String deviceId, JsonNode heartbeat) {
    ObjectNode line = ((ObjectNode) heartbeat.deepCopy()).put("received", Ids.now());
    String json;
    try {
      json = Json.mapper().writeValueAsString(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    synchronized (this) {
      dir.appendLine(deviceDir(deviceId).resolve("heartbeats.jsonl"), json);
    }
  }

  /** The heartbeats of a device, oldest first. */
  public synchronized List<JsonNode> heartbeats(String deviceId) {
    Path file = deviceDir(Ids.require("device_id", deviceId)).resolve("heartbeats.jsonl");
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      List<JsonNode> out = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          out.add(Json.mapper().readTree(line));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String newKey(String deviceId) {
    String apiKey = "ak_" + Ids.randomHex(24);
    dir.writeJson(keyFile(apiKey), new KeyRecord(deviceId));
    return apiKey;
  }

  private void revokeKeysOf(String deviceId) {
    Path keys = dir.resolve("keys");
    if (!Files.isDirectory(keys)) {
      return;
    }
    try (Stream<Path> list = Files.list(keys)) {
      for (Path p : list.toList()) {
        KeyRecord key = dir.readJson(p, KeyRecord.class);
        if (key != null && deviceId.equals(key.deviceId())) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path codeFile(String code) {
    return dir.resolve("codes", code + ".json");
  }

  private Path keyFile(String apiKey) {
    return dir.resolve("keys", sha256(apiKey) + ".json");
  }

  private Path deviceDir(String deviceId) {
    return dir.resolve("devices", deviceId);
  }

  private static String randomCode() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      if (i > 0 && i % 4 == 0) {
        sb.append('-');
      }
      sb.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
    }
    return sb.toString();
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}
