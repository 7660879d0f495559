package agent.rpcdef.http;

import agent.rpcdef.IntegrationException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A successful answer (2xx, or 304 for a conditional request), fully read: the connection is already
 * released. Immutable and thread-safe.
 */
public final class ApiResponse {
  private final int status;
  private final String url;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private volatile JsonNode json;

  ApiResponse(int status, String url, Map<String, List<String>> headers, byte[] body) {
    this.status = status;
    this.url = url;
    this.headers = headers;
    this.body = body;
  }

  public int status() {
    return status;
  }

  /** The URL that answered (after redirects); may hold query secrets, so do not log it raw. */
  public String url() {
    return url;
  }

  /** True for a 304: the resource did not change since the ETag sent; the body is empty. */
  public boolean notModified() {
    return status == 304;
  }

  /** The first value of header {@code name} (case-insensitive), or null. */
  public String header(String name) {
    List<String> v = headers(name);
    return v.isEmpty() ? null : v.get(0);
  }

  /** Every value of header {@code name} (case-insensitive), maybe none. */
  public List<String> headers(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return List.of();
  }

  /** The body's bytes. A copy. */
  public byte[] body() {
    return body.clone();
  }

  /** The body as UTF-8 text. */
  public String bodyString() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * The body parsed as JSON; a missing node for an empty body (a 304, a 204).
   *
   * @throws IntegrationException when the body is not JSON
   */
  public JsonNode json() {
    JsonNode j = json;
    if (j == null) {
      if (body.length == 0) {
        j = MissingNode.getInstance();
      } else {
        try {
          j = ApiRequest.JSON.readTree(body);
        } catch (IOException e) {
          throw new IntegrationException("the answer (" + status + ") is not JSON: " + e.getMessage(), e);
        }
      }
      json = j;
    }
    return j;
  }
}
