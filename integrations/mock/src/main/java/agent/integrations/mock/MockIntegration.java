package agent.integrations.mock;

import agent.rpcdef.Config;
import agent.rpcdef.ConfigException;
import agent.rpcdef.ConfigSpec;
import agent.rpcdef.ExportContext;
import agent.rpcdef.Integration;
import agent.rpcdef.IntegrationException;
import agent.rpcdef.ValidationResult;
import java.util.List;

/**
 * The reference plugin: exports a made-up but realistic source system ({@link MockSource}) whose
 * shape comes from the config ({@link MockConfig}), with switches to crash, exit, hang or fail on
 * purpose ({@link FailSwitches}). The same config always gives the same objects with the same ids.
 *
 * <p>Session tree (keys under the integration id, e.g. {@code mock}):
 *
 * <pre>
 * sourcecode.User                                        model: every user
 * organization/&lt;org&gt;                                       tracking: progress = repos done / repos
 *   sourcecode.Repo                                      model: the organization's repos
 *   repo/&lt;repo&gt;                                            tracking: progress = PRs done / PRs to do
 *     sourcecode.PullRequest, sourcecode.PullRequestReview,
 *     sourcecode.PullRequestComment, sourcecode.PullRequestCommit
 * </pre>
 *
 * <p>Tokens (last-processed values), each a decimal high-water mark; an empty token means nothing
 * was sent yet, so everything is (that is also how {@code reprocess_historical} works: the host
 * then hands out empty tokens):
 *
 * <ul>
 *   <li>{@code sourcecode.User}: {@code U}, users 0 to U-1 were sent; an export sends users U to
 *       {@code users}-1.
 *   <li>{@code sourcecode.Repo} of an organization: {@code R}, its repos 0 to R-1 were sent; an
 *       export sends repos R to {@code repos_per_org}-1. Every repo is visited for pull requests,
 *       sent before or not.
 *   <li>{@code sourcecode.PullRequest} of a repo: {@code N}, pull requests 1 to N (numbers) were
 *       sent; an export sends N+1 to {@code pull_requests_per_repo}.
 *   <li>{@code sourcecode.PullRequestReview}, {@code ...Comment}, {@code ...Commit} of a repo:
 *       {@code N}, the reviews (comments, commits) of pull requests 1 to N were sent; an export sends
 *       those of pull requests N+1 to {@code pull_requests_per_repo}, so they are new exactly when
 *       their pull request is. Raising {@code reviews_per_pr} (or comments, commits) later does not
 *       add any to pull requests already sent.
 * </ul>
 *
 * <p>A new token is {@code max(old, configured count)}: lowering a count and raising it again does
 * not resend. A token that is not a number is logged and treated as empty.
 *
 * <p>A {@code token} of {@code "bad"} stands for credentials the source rejects: validate reports it,
 * export and onboard fail with it. Onboarding records carry the same ids as the export's objects.
 */
public final class MockIntegration implements Integration {
  static final String REJECTED = "401 Unauthorized: the token was rejected; check the integration's token";

  @Override
  public ConfigSpec configSpec() {
    return MockConfig.SPEC;
  }

  @Override
  public void export(ExportContext ctx) {
    MockConfig config = MockConfig.parse(ctx.config());
    requireAccepted(config);
    new MockExport(ctx, config).run();
  }

  @Override
  public ValidationResult validate(Config config) {
    MockConfig parsed = MockConfig.parse(config);
    if (parsed.tokenRejected()) {
      return ValidationResult.failed(List.of(REJECTED));
    }
    return ValidationResult.ok("mock-user");
  }

  @Override
  public List<?> onboard(Config config, String objectType, String customerId) {
    MockConfig parsed = MockConfig.parse(config);
    requireAccepted(parsed);
    MockSource source = new MockSource(parsed, customerId);
    return switch (objectType) {
      case "users" -> source.users();
      case "repos" -> source.repos();
      default -> throw new ConfigException(
          "the mock integration cannot onboard \"" + objectType + "\"; supported object types: users, repos");
    };
  }

  private static void requireAccepted(MockConfig config) {
    if (config.tokenRejected()) {
      throw new IntegrationException(REJECTED);
    }
  }
}
