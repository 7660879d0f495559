package agent.integrations.jira.fake;

import static agent.integrations.jira.fake.Json.JSON;

import agent.testkit.fake.FakeJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The fake's tests' client: real HTTP to a {@link FakeJira}, with an optional {@code Authorization} header. */
final class JiraHttp {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final FakeJira fake;
  private String authorization;

  JiraHttp(FakeJira fake) {
    this.fake = fake;
  }

  JiraHttp basic(String user, String secret) {
    authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    return this;
  }

  JiraHttp bearer(String token) {
    authorization = "Bearer " + token;
    return this;
  }

  /** GET {@code pathAndQuery} below the site, e.g. {@code /rest/api/2/myself}. */
  HttpResponse<String> get(String pathAndQuery) throws Exception {
    return send(HttpRequest.newBuilder(fake.uri(pathAndQuery)).GET());
  }

  /** GET below the flavour's REST API, e.g. {@code /myself}. */
  HttpResponse<String> api(String pathAndQuery) throws Exception {
    return get(fake.api() + pathAndQuery);
  }

  JsonNode apiJson(String pathAndQuery) throws Exception {
    HttpResponse<String> r = api(pathAndQuery);
    if (r.statusCode() != 200) {
      throw new AssertionError(pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
    }
    return FakeJson.read(r.body());
  }

  HttpResponse<String> post(String pathAndQuery, Object body) throws Exception {
    return send(HttpRequest.newBuilder(fake.uri(pathAndQuery)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.write(body))));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    request.header("Accept", "application/json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> r) {
    return FakeJson.read(r.body());
  }

  static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static String header(HttpResponse<String> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }
}
