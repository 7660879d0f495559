package agent.integrations.git;

import agent.rpcdef.Config;
import agent.rpcdef.ConfigException;
import agent.rpcdef.ConfigSpec;
import agent.rpcdef.ExportContext;
import agent.rpcdef.GitRepo;
import agent.rpcdef.GitRepoResult;
import agent.rpcdef.Integration;
import agent.rpcdef.ModelSession;
import agent.rpcdef.TrackingSession;
import agent.rpcdef.ValidationResult;
import agent.rpcdef.model.sourcecode.Repo;
import java.util.ArrayList;
import java.util.List;

/**
 * Exports git repositories given by path or clone URL. The plugin only describes the repositories
 * (one {@code sourcecode.Repo} each) and hands every one to the host's ExportGitRepo, which walks the
 * history (commits, branches) with the same code path the GitHub and GitLab integrations use.
 *
 * <p>Sessions: {@code git/sourcecode.Repo} for the repositories, and per repository a tracking
 * session {@code git/repo/<ref id>} under which the host opens its commit and branch sessions.
 */
public final class GitIntegration implements Integration {
  static final String REF_TYPE = "git";

  @Override
  public ConfigSpec configSpec() {
    return GitConfig.SPEC;
  }

  @Override
  public void export(ExportContext ctx) {
    GitConfig config = GitConfig.parse(ctx.config());
    ModelSession repoSession = ctx.model(Repo.MODEL);
    List<Repo> repos = new ArrayList<>();
    for (RepoLocation r : config.repos()) {
      Repo repo = repo(ctx.customerId(), r);
      repos.add(repo);
      repoSession.send(repo);
    }
    repoSession.done();
    long commits = 0;
    for (int i = 0; i < config.repos().size(); i++) {
      if (ctx.isCancelled()) {
        return;
      }
      RepoLocation r = config.repos().get(i);
      TrackingSession session = ctx.tracking("repo", r.refId());
      ctx.log().info("exporting repository", "repo", r.name(), "n", i + 1, "of", config.repos().size());
      GitRepoResult result = ctx.exportGitRepo(session, GitRepo.builder(r.refId())
          .credentials(config.username(), config.password())
          .repo(r.refId(), repos.get(i).id(), REF_TYPE)
          .branches(config.branches())
          .exclude(config.exclude())
          .maxFileSize(config.maxFileSize())
          .codeStats(config.codeStats())
          .blame(config.blame())
          .lineLimits(config.maxLines(), config.maxLineLength())
          .excludeDocumentation(config.excludeDocumentation())
          .build());
      commits += result.commits();
      ctx.log().info("repository exported", "repo", r.name(), "commits", result.commits(), "branches", result.branches());
      session.done();
    }
    ctx.log().info("git export done", "repos", config.repos().size(), "commits", commits);
  }

  static Repo repo(String customerId, RepoLocation r) {
    return Repo.builder().customerId(customerId).refType(REF_TYPE).refId(r.refId()).name(r.name())
        .url(r.local() ? null : r.refId()).active(true).build();
  }

  @Override
  public ValidationResult validate(Config config) {
    GitConfig parsed;
    try {
      parsed = GitConfig.parse(config);
    } catch (ConfigException e) {
      return ValidationResult.failed(List.of(e.getMessage()));
    }
    List<String> errors = new ArrayList<>();
    RepoProbe probe = new RepoProbe(parsed.username(), parsed.password());
    for (RepoLocation r : parsed.repos()) {
      String problem = probe.check(r);
      if (problem != null) {
        errors.add(problem);
      }
    }
    return errors.isEmpty() ? ValidationResult.ok("") : ValidationResult.failed(errors);
  }

  @Override
  public List<?> onboard(Config config, String objectType, String customerId) {
    if (!objectType.equals("repos")) {
      throw new ConfigException("the git integration has only \"repos\" to onboard, not \"" + objectType + "\"");
    }
    GitConfig parsed = GitConfig.parse(config);
    List<Repo> out = new ArrayList<>();
    for (RepoLocation r : parsed.repos()) {
      out.add(repo(customerId, r));
    }
    return out;
  }
}
