package agent.core.backend;

import agent.rpcdef.Json;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The agent's side of the backend API v1 ({@code _docs/backend-api.md}): one method per endpoint,
 * one HTTP attempt per call.
 *
 * <p>Retrying is the caller's job (its loops own the stop signal, the jitter and the caps); this
 * client makes that easy: every failure is a {@link BackendException} already classified as
 * retryable or terminal, with the backend's {@code Retry-After}. Every retried call is idempotent
 * by the contract, so sending it again is always safe.
 *
 * <p>Thread-safe; share one instance. The API key never appears in an exception or a log line.
 */
public final class BackendClient {
  /** Header carrying an uploaded file's SHA-256 (lowercase hex). */
  public static final String SHA256_HEADER = "X-Content-SHA256";

  /** Added to a poll's {@code wait} for its read timeout: the answer may come at the very end. */
  static final Duration POLL_READ_MARGIN = Duration.ofSeconds(15);

  private static final MediaType JSON = MediaType.get("application/json");
  private static final MediaType OCTETS = MediaType.get("application/octet-stream");
  private static final ObjectReader READER =
      Json.mapper().reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final OkHttpClient http;
  private final HttpUrl api;
  private final String apiKey;
  private final String userAgent;

  /**
   * @param http the configured client (proxy, CA file, timeouts); shared, not closed here
   * @param backendUrl e.g. {@code https://backend.example.com}; the API is under {@code /api/v1}
   * @param apiKey the enrolled device's key; null for a client that can only {@link #enroll}
   * @param agentVersion sent as {@code User-Agent: agent/<version>}
   */
  public BackendClient(OkHttpClient http, URI backendUrl, String apiKey, String agentVersion) {
    this.http = Objects.requireNonNull(http, "http");
    HttpUrl base = HttpUrl.get(backendUrl.toString());
    this.api = base.newBuilder().addPathSegment("api").addPathSegment("v1").build();
    this.apiKey = apiKey;
    this.userAgent = "agent/" + agentVersion;
  }

  /** {@code POST /enroll}: needs no API key. A 410 means the code was used: ask for a new one. */
  public Enrollment enroll(EnrollRequest request) throws BackendException {
    return call("enroll", post(url("enroll"), request, false), Enrollment.class);
  }

  /** {@code POST /heartbeat}. */
  public void heartbeat(Heartbeat heartbeat) throws BackendException {
    call("heartbeat", post(url("heartbeat"), heartbeat, true), JsonNode.class);
  }

  /**
   * {@code GET /commands?wait=...}: blocks up to about {@code wait} (the backend may cap it) and
   * returns the commands delivered, or an empty list when none came.
   */
  public List<Command> poll(Duration wait) throws BackendException {
    HttpUrl url =
        url("commands").newBuilder()
            .addQueryParameter("wait", Double.toString(wait.toMillis() / 1000.0))
            .build();
    OkHttpClient longPoll = http.newBuilder().readTimeout(wait.plus(POLL_READ_MARGIN)).build();
    JsonNode answer = call(longPoll, "poll", request(url, true).get().build(), JsonNode.class);
    if (answer == null) {
      return List.of();
    }
    List<Command> out = new ArrayList<>();
    for (JsonNode c : answer.path("commands")) {
      out.add(convert("poll", c, Command.class));
    }
    return out;
  }

  /** {@code POST /commands/{id}/events}; returns false when the event was already stored. */
  public boolean postEvent(String commandId, CommandEvent event) throws BackendException {
    HttpUrl url = url("commands").newBuilder().addPathSegment(commandId).addPathSegment("events").build();
    return wasNew(call("event " + event.type(), post(url, event, true)));
  }

  /** {@code GET /exports/{id}}: what is stored of an export; null when nothing is. */
  public RemoteExport describeExport(String exportId) throws BackendException {
    try {
      return call("describe export " + exportId, request(exportUrl(exportId), true).get().build(), RemoteExport.class);
    } catch (BackendException e) {
      if (e.status() == 404) {
        return null;
      }
      throw e;
    }
  }

  /**
   * {@code PUT /exports/{id}/files/{path}}: uploads {@code file} announcing {@code sha256}.
   *
   * @param path relative to the export folder, {@code /}-separated, as in the manifest
   * @return true when stored now, false when the backend already held it with this sha256
   * @throws BackendException 422 {@code checksum_mismatch} (the bytes sent do not hash to {@code
   *     sha256}: the local file changed), 409 {@code file_conflict}, or any other failure
   */
  public boolean putFile(String exportId, String path, Path file, String sha256) throws BackendException {
    HttpUrl.Builder url = exportUrl(exportId).newBuilder().addPathSegment("files");
    for (String segment : path.split("/", -1)) {
      // OkHttp would resolve a dot segment away, silently uploading somewhere else.
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("not a relative file path: " + path);
      }
      url.addPathSegment(segment);
    }
    Request request =
        request(url.build(), true)
            .header(SHA256_HEADER, sha256)
            .put(RequestBody.create(file.toFile(), OCTETS))
            .build();
    return wasNew(call("upload " + path, request));
  }

  /**
   * {@code POST /exports/{id}/complete}: hands over the manifest; the export is acknowledged when
   * this returns. A 409 {@code export_incomplete} lists the {@code missing} paths in {@link
   * BackendException#error()}.
   *
   * @param manifest the export's {@code manifest.json}, e.g. an {@code ExportManifest} or its tree
   */
  public void completeExport(String exportId, String commandId, Object manifest) throws BackendException {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    if (commandId != null) {
      body.put("command_id", commandId);
    }
    body.put("manifest", manifest);
    HttpUrl url = exportUrl(exportId).newBuilder().addPathSegment("complete").build();
    call("complete export " + exportId, post(url, body, true), JsonNode.class);
  }

  /** {@code POST /logs}; returns false when the batch was already stored. */
  public boolean postLogs(LogBatch batch) throws BackendException {
    return wasNew(call("logs", post(url("logs"), batch, true)));
  }

  /** {@code POST /oauth/{provider}/token}: a fresh access token (a 404 means not authorized). */
  public OAuthToken oauthToken(String provider, String integrationId) throws BackendException {
    HttpUrl url = url("oauth").newBuilder().addPathSegment(provider).addPathSegment("token").build();
    Map<String, Object> body = integrationId == null ? Map.of() : Map.of("integration_id", integrationId);
    return call("oauth token " + provider, post(url, body, true), OAuthToken.class);
  }

  private HttpUrl url(String segment) {
    return api.newBuilder().addPathSegment(segment).build();
  }

  private HttpUrl exportUrl(String exportId) {
    return url("exports").newBuilder().addPathSegment(exportId).build();
  }

  private Request.Builder request(HttpUrl url, boolean authenticated) {
    Request.Builder b = new Request.Builder().url(url).header("User-Agent", userAgent).header("Accept", "application/json");
    if (authenticated) {
      if (apiKey == null) {
        throw new IllegalStateException("this client has no API key: enroll first");
      }
      b.header("Authorization", "Bearer " + apiKey);
    }
    return b;
  }

  private Request post(HttpUrl url, Object body, boolean authenticated) {
    return request(url, authenticated).post(RequestBody.create(Json.bytes(body), JSON)).build();
  }

  private <T> T call(String what, Request request, Class<T> type) throws BackendException {
    return call(http, what, request, type);
  }

  private <T> T call(OkHttpClient client, String what, Request request, Class<T> type)
      throws BackendException {
    Answer answer = send(client, what, request);
    return answer.body().isEmpty() ? null : parse(what, answer.status(), answer.body(), type);
  }

  /** A 2xx answer: its status (201 "stored" vs 200 "already stored" matters) and its body. */
  private record Answer(int status, String body) {}

  private Answer call(String what, Request request) throws BackendException {
    return send(http, what, request);
  }

  private static boolean wasNew(Answer answer) {
    return answer.status() == 201;
  }

  /** One attempt: a 2xx answer, or a classified {@link BackendException}. */
  private static Answer send(OkHttpClient client, String what, Request request)
      throws BackendException {
    try (Response response = client.newCall(request).execute()) {
      ResponseBody body = response.body();
      String text = body.string();
      if (response.isSuccessful()) {
        return new Answer(response.code(), text);
      }
      JsonNode error = tryParse(text);
      JsonNode errorObject = error == null ? null : error.get("error");
      throw BackendException.ofStatus(
          what,
          response.code(),
          errorObject == null ? null : errorObject.path("code").asText(null),
          errorObject == null ? abbreviate(text) : errorObject.path("message").asText(null),
          RetryClassification.retryAfter(response.header("Retry-After"), Instant.now()),
          errorObject);
    } catch (IOException e) {
      throw BackendException.ofNetwork(what, e);
    }
  }

  private static <T> T parse(String what, int status, String text, Class<T> type) throws BackendException {
    try {
      return READER.readValue(text, type);
    } catch (IOException e) {
      throw BackendException.ofBadAnswer(what, status, e.getMessage(), e);
    }
  }

  private static <T> T convert(String what, JsonNode node, Class<T> type) throws BackendException {
    try {
      return READER.treeToValue(node, type);
    } catch (IOException e) {
      throw BackendException.ofBadAnswer(what, 200, e.getMessage(), e);
    }
  }

  private static JsonNode tryParse(String text) {
    try {
      return text.isEmpty() ? null : READER.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
