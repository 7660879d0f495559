package agent.rpcdef.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.AgentException;
import agent.rpcdef.Config;
import agent.rpcdef.ConfigException;
import agent.rpcdef.ExportContext;
import agent.rpcdef.GitRepo;
import agent.rpcdef.GitRepoResult;
import agent.rpcdef.ConfigSpec;
import agent.rpcdef.Integration;
import agent.rpcdef.IntegrationException;
import agent.rpcdef.ModelSession;
import agent.rpcdef.TrackingSession;
import agent.rpcdef.ValidationResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Sessions and tokens through the real gRPC adapters, in process. */
class IntegrationHarnessTest {

  /** Exports one organization with one repository: a Repo model session and a PullRequest one. */
  static class OrgExport implements Integration {
    final List<String> seenTokens = new ArrayList<>();
    final List<String> seenKeys = new ArrayList<>();
    String newToken = "t1";
    boolean failAfterStaging;
    int prs = 3;

    @Override
    public ConfigSpec configSpec() {
      return ConfigSpec.builder().string("org").string("k").secret("token").build();
    }

    @Override
    public void export(ExportContext ctx) {
      TrackingSession org = ctx.tracking("organization", ctx.config().string("org", "acme"));
      ModelSession repos = org.model("sourcecode.Repo");
      repos.send(Map.of("id", "r1", "name", "api"));
      repos.done();
      TrackingSession repo = org.tracking("repo", "api");
      ModelSession pr = repo.model("sourcecode.PullRequest");
      seenKeys.addAll(List.of(org.key(), repo.key(), repos.key(), pr.key()));
      seenTokens.add(pr.lastProcessed());
      for (int i = 0; i < prs; i++) {
        pr.send(Map.of("id", "pr" + i));
        pr.progress(i + 1, prs);
      }
      pr.done(newToken);
      repo.done();
      if (failAfterStaging) {
        throw new agent.rpcdef.IntegrationException("GitHub answered 502 after the tokens were staged");
      }
      org.done();
    }

    @Override
    public ValidationResult validate(Config config) {
      return ValidationResult.ok("acme-bot");
    }

    @Override
    public List<?> onboard(Config config, String objectType, String customerId) {
      return List.of();
    }
  }

  @Test
  void keysNestUnderTheIntegrationIdOverTheWire() {
    OrgExport it = new OrgExport();
    try (IntegrationHarness h = IntegrationHarness.start(it, "github")) {
      IntegrationHarness.Result r = h.export("{\"org\":\"acme\"}");
      assertEquals(List.of(
          "github/organization/acme",
          "github/organization/acme/repo/api",
          "github/organization/acme/sourcecode.Repo",
          "github/organization/acme/repo/api/sourcecode.PullRequest"), it.seenKeys);
      assertEquals(Map.of("sourcecode.Repo", 1, "sourcecode.PullRequest", 3), r.counts());
      assertEquals("pr2", r.objects("sourcecode.PullRequest").get(2).get("id").asText());
      RecordingAgent.Recorded pr = r.session("github/organization/acme/repo/api/sourcecode.PullRequest");
      assertTrue(pr.isModel());
      assertEquals(r.session("github/organization/acme/repo/api").id, pr.parentId);
      assertTrue(r.sessions().stream().allMatch(RecordingAgent.Recorded::isDone));
      // The first progress goes at once, the last one at done.
      assertEquals(List.of("1/3", "3/3"), pr.progress().stream().map(p -> p[0] + "/" + p[1]).toList());
    }
  }

  @Test
  void tokensAreReturnedStagedAndKept() {
    OrgExport it = new OrgExport();
    String key = "github/organization/acme/repo/api/sourcecode.PullRequest";
    try (IntegrationHarness h = IntegrationHarness.start(it, "github")) {
      IntegrationHarness.Result first = h.export("{}");
      assertEquals(Map.of(key, "t1"), first.stagedTokens(), "done() stages nothing, done(token) stages");
      assertEquals(Map.of(key, "t1"), h.agent().committedTokens());

      it.newToken = "t2";
      h.export("{}");
      assertEquals(Map.of(key, "t2"), h.agent().committedTokens());

      it.newToken = "t3";
      h.export("{}", true); // reprocess_historical
      assertEquals(List.of("", "t1", ""), it.seenTokens);
      assertEquals(Map.of(key, "t3"), h.agent().committedTokens());
    }
  }

  @Test
  void doneWithoutATokenLeavesTheStoredOne() {
    AtomicReference<Optional<String>> token = new AtomicReference<>(Optional.of("v1"));
    List<String> seen = new ArrayList<>();
    Integration it = new OrgExport() {
      @Override
      public void export(ExportContext ctx) {
        ModelSession users = ctx.model("sourcecode.User");
        seen.add(users.lastProcessed());
        users.send(Map.of("id", "u1"));
        token.get().ifPresentOrElse(users::done, users::done);
      }
    };
    try (IntegrationHarness h = IntegrationHarness.start(it, "gitlab")) {
      h.export("{}");
      token.set(Optional.empty());
      IntegrationHarness.Result r = h.export("{}");
      assertEquals(Map.of(), r.stagedTokens());
      assertEquals(Optional.empty(), r.session("gitlab/sourcecode.User").token());
      h.export("{}");
      assertEquals(List.of("", "v1", "v1"), seen);
      assertEquals(Map.of("gitlab/sourcecode.User", "v1"), h.agent().committedTokens());
    }
  }

  @Test
  void sessionsLeftOpenBySuccessfulExportAreSentWithoutAToken() {
    Integration forgetful = new OrgExport() {
      @Override
      public void export(ExportContext ctx) {
        TrackingSession org = ctx.tracking("organization", "acme");
        ModelSession users = org.model("sourcecode.User");
        for (int i = 0; i < 3; i++) {
          users.send(Map.of("id", "u" + i));
        }
        // Returns without done(): the queued batch must still reach the host.
      }
    };
    try (IntegrationHarness h = IntegrationHarness.start(forgetful, "gitlab")) {
      IntegrationHarness.Result r = h.export("{}");
      assertEquals(3, r.objects("sourcecode.User").size());
      assertTrue(r.session("gitlab/organization/acme/sourcecode.User").isDone());
      assertEquals(Map.of(), r.stagedTokens());
    }
  }

  @Test
  void aFailedExportCommitsNothingAndAbortsItsOpenStreams() throws Exception {
    String prKey = "github/organization/acme/repo/api/sourcecode.PullRequest";
    OrgExport it = new OrgExport();
    try (IntegrationHarness h = IntegrationHarness.start(it, "github")) {
      h.export("{}");
      assertEquals(Map.of(prKey, "t1"), h.agent().committedTokens());

      it.newToken = "t2";
      it.failAfterStaging = true;
      IntegrationException e = assertThrows(IntegrationException.class, () -> h.export("{}"));
      assertEquals(IntegrationException.class, e.getClass(), "a failure in words, not a config error");
      assertEquals("GitHub answered 502 after the tokens were staged", e.getMessage());
      assertEquals(Optional.of("t2"), h.agent().sessions().stream()
          .filter(s -> s.key.equals(prKey)).findFirst().orElseThrow().token(), "the token was staged");
      assertEquals(Map.of(prKey, "t1"), h.agent().committedTokens(), "but a failed export commits nothing");

      // An integration that fails with a stream open: the host is told to drop what it got.
      Integration streaming = new OrgExport() {
        @Override
        public void export(ExportContext ctx) {
          ModelSession m = ctx.tracking("organization", "acme").model("sourcecode.Commit");
          for (int i = 0; i < 2000; i++) { // well past one batch: the stream is open
            m.send(Map.of("id", "c" + i, "message", "x".repeat(200)));
          }
          throw new IllegalStateException("lost the connection to the source");
        }
      };
      try (IntegrationHarness h2 = IntegrationHarness.start(streaming, "git")) {
        IntegrationException e2 = assertThrows(IntegrationException.class, () -> h2.export("{}"));
        assertEquals(IntegrationException.class, e2.getClass(), "a failure in words, not a config error");
        assertTrue(e2.getMessage().contains("lost the connection to the source"), e2.getMessage());
        // The cancel travels asynchronously to the host: wait for it (bounded).
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!h2.agent().events().contains("abort git/organization/acme/sourcecode.Commit")
            && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertEquals(List.of("abort git/organization/acme/sourcecode.Commit"), h2.agent().events());
        assertFalse(h2.agent().sessions().get(1).isDone());
        assertEquals(Map.of(), h2.agent().committedTokens());
      }
    }
  }

  @Test
  void hostServicesReachTheHost() {
    AtomicReference<String> oauth = new AtomicReference<>();
    AtomicReference<String> ids = new AtomicReference<>();
    Integration it = new OrgExport() {
      @Override
      public void export(ExportContext ctx) {
        ids.set(ctx.integrationId() + "|" + ctx.customerId() + "|" + ctx.exportId() + "|" + ctx.reprocessHistorical()
            + "|" + ctx.isCancelled() + "|" + ctx.config().requireString("k"));
        ctx.pause("GitHub secondary rate limit", Instant.ofEpochMilli(1_800_000_000_000L));
        ctx.resume();
        oauth.set(ctx.oauthAccessToken("github"));
      }
    };
    try (IntegrationHarness h = IntegrationHarness.start(it, "github")) {
      h.agent().setOAuthToken("fresh-token");
      h.export("{\"k\":\"v\"}");
      assertEquals("github|test-customer|harness-1|false|false|v", ids.get());
      assertEquals(List.of("pause GitHub secondary rate limit", "continue"), h.agent().events());
      assertEquals("fresh-token", oauth.get());
    }
  }

  @Test
  void aGitRepoCrossesTheWireWithItsPullRequestsAndTheCountsComeBack() {
    GitRepo.PullRequestHead capped = new GitRepo.PullRequestHead("pr-7", "7", "fix/retry",
        "1111111111111111111111111111111111111111", "2222222222222222222222222222222222222222",
        List.of("3333333333333333333333333333333333333333", "4444444444444444444444444444444444444444"));
    GitRepo.PullRequestHead plain =
        new GitRepo.PullRequestHead("pr-8", "8", "docs", "5555555555555555555555555555555555555555");
    AtomicReference<GitRepoResult> result = new AtomicReference<>();
    Integration it = new OrgExport() {
      @Override
      public void export(ExportContext ctx) {
        TrackingSession repo = ctx.tracking("repo", "acme/api");
        result.set(ctx.exportGitRepo(repo, GitRepo.builder("https://github.com/acme/api.git")
            .repo("acme/api", "r1", "github").pullRequest(capped).pullRequest(plain).build()));
        repo.done();
      }
    };
    try (IntegrationHarness h = IntegrationHarness.start(it, "github")) {
      h.agent().setGitRepoHandler(r -> new GitRepoResult(12, 3, 5));
      h.export("{}");
      GitRepo received = h.agent().gitRepoCalls().get(0).repo();
      assertEquals(List.of(capped, plain), received.pullRequests(), "base and known shas survive the proto mapping");
      assertEquals("", received.pullRequests().get(1).baseSha());
      assertEquals(List.of(), received.pullRequests().get(1).knownCommitShas());
      assertEquals(new GitRepoResult(12, 3, 5), result.get());
    }
  }

  @Test
  void validateAndOnboardRoundTrip() {
    Integration it = new OrgExport() {
      @Override
      public ValidationResult validate(Config config) {
        if (config.has("token")) {
          return ValidationResult.ok("acme-bot");
        }
        return ValidationResult.failed(List.of("no token: set \"token\"", "no url"));
      }

      @Override
      public List<?> onboard(Config config, String objectType, String customerId) {
        return switch (objectType) {
          case "repos" -> List.of(Map.of("ref_id", "1", "name", "api"), Map.of("ref_id", "2", "name", "web"));
          case "users" -> List.of();
          default -> throw new agent.rpcdef.ConfigException("object type " + objectType + " is not supported");
        };
      }
    };
    try (IntegrationHarness h = IntegrationHarness.start(it, "github")) {
      assertEquals(new ValidationResult(true, List.of(), "acme-bot"), h.validate("{\"token\":\"x\"}"));
      assertEquals(new ValidationResult(false, List.of("no token: set \"token\"", "no url"), ""), h.validate("{}"));
      JsonNode repos = h.onboard("{}", "repos");
      assertTrue(repos.isArray());
      assertEquals(2, repos.size());
      assertEquals("web", repos.get(1).get("name").asText());
      assertEquals(0, h.onboard("{}", "users").size());
      ConfigException e = assertThrows(ConfigException.class, () -> h.onboard("{}", "sprints"));
      assertEquals("object type sprints is not supported", e.getMessage());
    }
  }

  @Test
  void aConfigThatDoesNotFitTheSpecNeverReachesTheIntegration() {
    AtomicReference<String> called = new AtomicReference<>();
    Integration it = new OrgExport() {
      @Override
      public ConfigSpec configSpec() {
        ConfigSpec fail = ConfigSpec.builder().integer("crash_after_objects").build();
        return ConfigSpec.builder()
            .strings("branches").string("org").defaultValue("acme").object("fail", fail).required("branches").build();
      }

      @Override
      public void export(ExportContext ctx) {
        called.set("export " + ctx.config().string("org"));
      }

      @Override
      public ValidationResult validate(Config config) {
        called.set("validate");
        return ValidationResult.ok("bot");
      }

      @Override
      public List<?> onboard(Config config, String objectType, String customerId) {
        called.set("onboard");
        return List.of();
      }
    };
    try (IntegrationHarness h = IntegrationHarness.start(it, "github")) {
      ConfigException e = assertThrows(ConfigException.class, () -> h.export("{\"branch\":[\"main\"]}"));
      assertEquals("unknown config key \"branch\"; did you mean \"branches\"? (known keys: branches, org, fail); "
          + "config key \"branches\" is required (string[])", e.getMessage());
      e = assertThrows(ConfigException.class, () -> h.onboard("{\"branches\":[],\"fail\":{\"crash_after\":1}}", "repos"));
      assertTrue(e.getMessage().startsWith("unknown config key \"fail.crash_after\"; did you mean \"fail.crash_after_objects\"?"),
          e.getMessage());
      assertEquals(new ValidationResult(false, List.of("config key \"org\" must be a string, got 7",
          "config key \"branches\" is required (string[])"), ""), h.validate("{\"org\":7}"));
      assertEquals(null, called.get(), "the integration was called with a config that does not fit");

      h.export("{\"branches\":[]}");
      assertEquals("export acme", called.get(), "the declared default");
      assertEquals(List.of("branches", "org", "fail"), h.configSpec().keys().stream().map(ConfigSpec.Key::name).toList());
    }
  }
}
