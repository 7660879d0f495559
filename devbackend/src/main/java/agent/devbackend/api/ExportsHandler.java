package agent.devbackend.api;

import agent.devbackend.http.ApiException;
import agent.devbackend.http.Exchange;
import agent.devbackend.store.DeviceStore.Device;
import agent.devbackend.store.ExportStore;
import agent.devbackend.store.ExportStore.ExportRecord;
import agent.devbackend.store.ExportStore.FileEntry;
import agent.devbackend.store.ExportStore.PutResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The upload of an export: {@code PUT}/{@code HEAD /exports/{id}/files/{path}}, {@code GET
 * /exports/{id}} and {@code POST /exports/{id}/complete}. Route groups: 1 the export id, 2 the file
 * path (still percent-encoded, decoded here segment by segment).
 */
public final class ExportsHandler {
  /** The request header carrying a file's SHA-256, lowercase hex. */
  public static final String SHA256_HEADER = "X-Content-SHA256";

  private final ApiAuth auth;
  private final ExportStore exports;

  public ExportsHandler(ApiAuth auth, ExportStore exports) {
    this.auth = auth;
    this.exports = exports;
  }

  public void putFile(Exchange exchange) throws IOException {
    Device device = auth.device(exchange);
    PutResult result =
        exports.put(
            device.deviceId(),
            exchange.param(1),
            filePath(exchange),
            exchange.header(SHA256_HEADER),
            exchange.body());
    exchange.json(result.created() ? 201 : 200, result.file());
  }

  public void headFile(Exchange exchange) throws IOException {
    Device device = auth.device(exchange);
    FileEntry file = exports.file(device.deviceId(), exchange.param(1), filePath(exchange));
    if (file == null) {
      exchange.empty(404);
      return;
    }
    exchange.responseHeader(SHA256_HEADER, file.sha256());
    exchange.responseHeader("Content-Length", Long.toString(file.bytes()));
    exchange.empty(200);
  }

  public void describe(Exchange exchange) throws IOException {
    Device device = auth.device(exchange);
    exchange.json(200, view(exports.describe(device.deviceId(), exchange.param(1))));
  }

  public void complete(Exchange exchange) throws IOException {
    Device device = auth.device(exchange);
    JsonNode body = exchange.readJson();
    String commandId = body.path("command_id").asText(null);
    ExportRecord done =
        exports.complete(device.deviceId(), exchange.param(1), commandId, body.get("manifest"));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("export_id", done.exportId());
    answer.put("status", done.status());
    answer.put("files", done.files().size());
    answer.put("bytes", done.files().values().stream().mapToLong(FileEntry::bytes).sum());
    exchange.json(200, answer);
  }

  /** The API's view of an export: its files as a list. */
  static Map<String, Object> view(ExportRecord export) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("export_id", export.exportId());
    out.put("status", export.status());
    if (export.commandId() != null) {
      out.put("command_id", export.commandId());
    }
    out.put("files", export.fileList());
    return out;
  }

  private static String filePath(Exchange exchange) {
    StringBuilder path = new StringBuilder();
    for (String segment : exchange.rawParam(2).split("/", -1)) {
      if (path.length() > 0) {
        path.append('/');
      }
      String decoded = agent.devbackend.http.PercentDecoding.decode(segment);
      if (decoded.indexOf('/') >= 0) {
        throw ApiException.badRequest("a path segment cannot hold an encoded '/': " + segment);
      }
      path.append(decoded);
    }
    return path.toString(); // the store checks it
  }
}
