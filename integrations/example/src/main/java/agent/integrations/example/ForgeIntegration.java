package agent.integrations.example;

import agent.rpcdef.Config;
import agent.rpcdef.ConfigException;
import agent.rpcdef.ConfigSpec;
import agent.rpcdef.ExportContext;
import agent.rpcdef.Integration;
import agent.rpcdef.ModelSession;
import agent.rpcdef.ValidationResult;
import agent.rpcdef.http.ApiClient;
import agent.rpcdef.http.ApiRequest;
import agent.rpcdef.http.Auth;
import agent.rpcdef.http.HttpException;
import agent.rpcdef.http.Pages;
import agent.rpcdef.model.Date;
import agent.rpcdef.model.sourcecode.Repo;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Exports the repositories of a small forge's REST API as {@code sourcecode.Repo}, incrementally:
 * the model session's token is the newest {@code updated_at} sent, and the next export asks only
 * for what changed since. The integration that _docs/writing-an-integration.md builds.
 */
public final class ForgeIntegration implements Integration {
  static final String REF_TYPE = "forge";

  static final ConfigSpec CONFIG = ConfigSpec.builder()
      .string("url").required().describe("the forge's API root, e.g. https://forge.example.com/api/v1")
      .secret("token").required().describe("an access token, sent as a bearer token")
      .bool("include_archived").defaultValue(true).describe("also export archived repositories")
      .build();

  @Override
  public ConfigSpec configSpec() {
    return CONFIG;
  }

  @Override
  public void export(ExportContext ctx) {
    ApiClient api = client(ctx.http(), ctx.config());
    boolean includeArchived = ctx.config().bool("include_archived");
    ModelSession repos = ctx.model(Repo.MODEL);
    String since = repos.lastProcessed();
    ApiRequest first = ApiRequest.get("/repos").query("per_page", 100);
    if (!since.isEmpty()) {
      first = first.query("since", since);
    }
    Instant newest = since.isEmpty() ? null : Instant.parse(since);
    for (JsonNode r : Pages.items(Pages.link(api, first), "")) {
      Instant updated = Instant.parse(r.path("updated_at").asText());
      if (newest == null || updated.isAfter(newest)) {
        newest = updated;
      }
      if (includeArchived || !r.path("archived").asBoolean()) {
        repos.send(repo(ctx.customerId(), r));
      }
    }
    // Staged now, committed by the host only once these objects are safely written or uploaded.
    repos.done(newest == null ? "" : newest.toString());
  }

  @Override
  public ValidationResult validate(Config config) {
    try {
      JsonNode me = client(ApiClient.builder(), config).get("/user").json();
      return ValidationResult.ok(me.path("login").asText());
    } catch (HttpException e) {
      return ValidationResult.failed(List.of(e.getMessage()));
    }
  }

  @Override
  public List<?> onboard(Config config, String objectType, String customerId) {
    if (!objectType.equals("repos")) {
      throw new ConfigException("the forge integration onboards \"repos\" only, not \"" + objectType + "\"");
    }
    ApiClient api = client(ApiClient.builder(), config);
    List<Repo> out = new ArrayList<>();
    for (JsonNode r : Pages.items(Pages.link(api, ApiRequest.get("/repos").query("per_page", 100)), "")) {
      out.add(repo(customerId, r));
    }
    return out;
  }

  private static ApiClient client(ApiClient.Builder builder, Config config) {
    return builder.baseUrl(config.requireString("url"))
        .auth(Auth.bearer(config.requireString("token")))
        .credentialsHint("token")
        .userAgent("agent-forge")
        .build();
  }

  static Repo repo(String customerId, JsonNode r) {
    return Repo.builder()
        .customerId(customerId)
        .refType(REF_TYPE)
        .refId(r.path("id").asText())
        .name(r.path("full_name").asText())
        .url(text(r, "html_url"))
        .description(text(r, "description"))
        .language(text(r, "language"))
        .active(!r.path("archived").asBoolean())
        .defaultBranch(text(r, "default_branch"))
        .createdDate(date(r, "created_at"))
        .updatedDate(date(r, "updated_at"))
        .build();
  }

  /** The field's text, or null when the API gave null or nothing (absent in the output). */
  private static String text(JsonNode r, String field) {
    JsonNode v = r.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Date date(JsonNode r, String field) {
    String v = text(r, field);
    return v == null ? null : Date.of(OffsetDateTime.parse(v));
  }
}
