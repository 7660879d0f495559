package agent.devbackend.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * One request being answered: the matched route's path parameters, the body, and exactly one
 * response. Not thread-safe; lives on the thread that handles the request.
 */
public final class Exchange {
  /** JSON bodies above this are refused with 413 (file uploads stream and have their own limit). */
  public static final int MAX_JSON_BYTES = 4 * 1024 * 1024;

  private final HttpExchange raw;
  private final Matcher match;
  private boolean responded;

  Exchange(HttpExchange raw, Matcher match) {
    this.raw = raw;
    this.match = match;
  }

  /** Path parameter {@code group} of the route's pattern, percent-decoded. */
  public String param(int group) {
    return PercentDecoding.decode(match.group(group));
  }

  /** Path parameter {@code group} as it came over the wire, still percent-encoded. */
  public String rawParam(int group) {
    return match.group(group);
  }

  /** A query parameter (the first of its name), decoded; null when absent. */
  public String query(String name) {
    String q = raw.getRequestURI().getRawQuery();
    if (q == null) {
      return null;
    }
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      String key = PercentDecoding.decode(eq < 0 ? pair : pair.substring(0, eq));
      if (key.equals(name)) {
        return eq < 0 ? "" : PercentDecoding.decode(pair.substring(eq + 1).replace('+', ' '));
      }
    }
    return null;
  }

  /** A request header; null when absent. */
  public String header(String name) {
    return raw.getRequestHeaders().getFirst(name);
  }

  /** The request body as a stream, for uploads. */
  public InputStream body() {
    return raw.getRequestBody();
  }

  /** The request body parsed as JSON; 400 when it is not, 413 above {@link #MAX_JSON_BYTES}. */
  public JsonNode readJson() throws IOException {
    byte[] bytes = readBody(MAX_JSON_BYTES);
    if (bytes.length == 0) {
      throw ApiException.badRequest("a JSON body is required");
    }
    return parse(bytes);
  }

  private static JsonNode parse(byte[] bytes) throws IOException {
    try {
      JsonNode node = Json.mapper().readTree(bytes);
      if (node == null || !node.isObject()) {
        throw ApiException.badRequest("the body must be a JSON object");
      }
      return node;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw ApiException.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** Like {@link #readJson}, but an empty body is an empty object. */
  public JsonNode readJsonOrEmpty() throws IOException {
    byte[] bytes = readBody(MAX_JSON_BYTES);
    return bytes.length == 0 ? Json.mapper().createObjectNode() : parse(bytes);
  }

  private byte[] readBody(int limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = raw.getRequestBody()) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        if (out.size() + n > limit) {
          throw new ApiException(413, "too_large", "the body is larger than " + limit + " bytes");
        }
        out.write(buffer, 0, n);
      }
    }
    return out.toByteArray();
  }

  /** Sets a response header; call before the response. */
  public void responseHeader(String name, String value) {
    raw.getResponseHeaders().set(name, value);
  }

  /** Answers {@code status} with {@code body} serialized as JSON. */
  public void json(int status, Object body) throws IOException {
    byte[] bytes = Json.mapper().writeValueAsBytes(body);
    raw.getResponseHeaders().set("Content-Type", "application/json");
    send(status, bytes);
  }

  /** Answers {@code status} with no body (204, or a HEAD answer whose headers say it all). */
  public void empty(int status) throws IOException {
    markResponded();
    raw.sendResponseHeaders(status, -1);
    raw.close();
  }

  /** Answers with the API's error body. */
  public void error(ApiException e) throws IOException {
    Map<String, Object> error = new java.util.LinkedHashMap<>();
    error.put("code", e.code());
    error.put("message", e.getMessage());
    error.putAll(e.details());
    json(e.status(), Map.of("error", error));
  }

  /** True once a response was sent. */
  public boolean responded() {
    return responded;
  }

  private void send(int status, byte[] bytes) throws IOException {
    markResponded();
    if (raw.getRequestMethod().equals("HEAD")) {
      raw.sendResponseHeaders(status, -1);
      raw.close();
      return;
    }
    raw.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = raw.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void markResponded() {
    if (responded) {
      throw new IllegalStateException("already answered " + raw.getRequestURI());
    }
    responded = true;
  }
}
