package agent.core.config;

import agent.core.fs.PinpointRoot;
import agent.core.fs.AtomicFiles;
import agent.rpcdef.Json;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code agent enroll} obtained from the backend, kept in {@code <pinpoint-root>/config.json}
 * with mode 0600: the API key in it is the agent's credential. {@code service-run} reads it.
 *
 * <pre>
 * {"backend_url": "https://backend.example.com", "customer_id": "acme", "device_id": "dev-6f1e2a9c",
 *  "api_key": "ak_...", "channel": "stable", "enrolled": "2026-11-22T10:30:00Z",
 *  "proxy": "http://proxy.corp:3128", "ca_file": "/etc/ssl/corp-ca.pem"}
 * </pre>
 *
 * <p>{@code proxy} and {@code ca_file} are present when enroll was given them: the service and every
 * command it runs use them, as enroll did.
 *
 * @param proxy the agent's HTTP(S) proxy, or null for {@code HTTPS_PROXY}
 * @param caFile a PEM file of extra certificate authorities, or null
 */
public record Enrollment(String backendUrl, String customerId, String deviceId, String apiKey, String channel,
    String enrolled, String proxy, String caFile) {
  public static final String FILE = "config.json";

  /** An enrollment without network settings of its own. */
  public Enrollment(String backendUrl, String customerId, String deviceId, String apiKey, String channel, String enrolled) {
    this(backendUrl, customerId, deviceId, apiKey, channel, enrolled, null, null);
  }

  public Path caFilePath() {
    return caFile == null ? null : Path.of(caFile);
  }

  /** The agent config a command the service runs gets: the customer, and the network settings. */
  public java.util.Map<String, Object> childAgentConfig() {
    java.util.Map<String, Object> c = new java.util.LinkedHashMap<>();
    c.put("customer_id", customerId);
    if (proxy != null) {
      c.put("proxy", proxy);
    }
    if (caFile != null) {
      c.put("ca_file", caFile);
    }
    return c;
  }

  public static Path file(Path pinpointRoot) {
    return PinpointRoot.of(pinpointRoot).configFile();
  }

  /** Writes {@code config.json} atomically with mode 0600 (an owner-only ACL on Windows). */
  public void write(Path pinpointRoot) throws IOException {
    Files.createDirectories(pinpointRoot);
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("backend_url", backendUrl);
    n.put("customer_id", customerId);
    n.put("device_id", deviceId);
    n.put("api_key", apiKey);
    n.put("channel", channel);
    n.put("enrolled", enrolled);
    if (proxy != null) {
      n.put("proxy", proxy);
    }
    if (caFile != null) {
      n.put("ca_file", caFile);
    }
    AtomicFiles.writeAtomically(file(pinpointRoot), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(n),
        AtomicFiles.OWNER_ONLY);
  }

  /**
   * Reads {@code config.json}; empty when the agent is not enrolled.
   *
   * @throws InputException when the file exists but cannot be used, saying how to re-enroll
   */
  public static Optional<Enrollment> read(Path pinpointRoot) {
    Path f = file(pinpointRoot);
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(f);
    } catch (IOException e) {
      String why = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
          : e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
      throw new InputException(f + " cannot be read (" + why + "): give the agent's account access to it,"
          + " or re-enroll with: agent enroll <CODE> --force");
    }
    JsonNode n;
    try {
      n = Json.mapper().readTree(bytes);
    } catch (JsonProcessingException e) {
      // Never Jackson's own message: it quotes the file, and the file holds the API key.
      JsonLocation at = e.getLocation();
      throw new InputException(f + " is not valid JSON" + (at == null ? "" : " (line " + at.getLineNr() + ", column "
          + at.getColumnNr() + ")") + ": the agent's enrollment is unusable; re-enroll with: agent enroll <CODE> --force");
    } catch (IOException e) {
      throw new InputException(f + " cannot be read: re-enroll with: agent enroll <CODE> --force");
    }
    String[] keys = {"backend_url", "customer_id", "device_id", "api_key"};
    for (String k : keys) {
      if (n == null || !n.path(k).isTextual() || n.path(k).asText().isBlank()) {
        throw new InputException(f + " has no \"" + k + "\"; re-enroll with: agent enroll <CODE> --force");
      }
    }
    if (!CustomerIds.valid(n.path("customer_id").asText())) {
      throw new InputException(f + " has the customer id \"" + n.path("customer_id").asText() + "\", which is not"
          + " allowed (1 to 128 letters, digits, '.', '_' or '-', without \"..\"); re-enroll with: agent enroll <CODE> --force");
    }
    return Optional.of(new Enrollment(n.path("backend_url").asText(), n.path("customer_id").asText(),
        n.path("device_id").asText(), n.path("api_key").asText(), n.path("channel").asText("stable"),
        n.path("enrolled").asText(""), text(n, "proxy"), text(n, "ca_file")));
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
  }

  @Override
  public String toString() {
    // The API key must never reach a log line.
    return "Enrollment[backend=" + backendUrl + ", customer=" + customerId + ", device=" + deviceId + ", channel=" + channel + "]";
  }
}
