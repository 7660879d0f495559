package agent.integrations.mock;

import agent.rpcdef.ExportContext;
import agent.rpcdef.ModelSession;
import agent.rpcdef.PluginLogger;
import agent.rpcdef.TrackingSession;
import agent.rpcdef.model.sourcecode.PullRequest;
import agent.rpcdef.model.sourcecode.PullRequestComment;
import agent.rpcdef.model.sourcecode.PullRequestCommit;
import agent.rpcdef.model.sourcecode.PullRequestReview;
import agent.rpcdef.model.sourcecode.Repo;
import agent.rpcdef.model.sourcecode.User;

/**
 * One run of {@link MockIntegration#export}: walks the session tree and sends what is new since
 * each model session's token. The token rules are documented on {@link MockIntegration}.
 */
final class MockExport {
  private final ExportContext ctx;
  private final MockConfig config;
  private final MockSource source;
  private final Sender sender;
  private final PluginLogger log;
  private long users;
  private long repos;
  private long pullRequests;
  private long reviews;
  private long comments;
  private long commits;

  MockExport(ExportContext ctx, MockConfig config) {
    this.ctx = ctx;
    this.config = config;
    this.source = new MockSource(config, ctx.customerId());
    this.sender = new Sender(ctx, config.fail(), config.slowMsPerObject());
    this.log = ctx.log();
  }

  void run() {
    long startNanos = System.nanoTime();
    log.info("mock export started", "organizations", config.organizations(), "repos_per_org", config.reposPerOrg(),
        "pull_requests_per_repo", config.pullRequestsPerRepo(), "users", config.users(),
        "reprocess_historical", ctx.reprocessHistorical());
    sender.begin();
    exportUsers();
    for (int org = 0; org < config.organizations(); org++) {
      exportOrganization(org);
    }
    log.info("mock export done", "users", users, "repos", repos, "pull_requests", pullRequests,
        "reviews", reviews, "comments", comments, "commits", commits, "objects", sender.sent(),
        "duration_ms", (System.nanoTime() - startNanos) / 1_000_000);
  }

  private void exportUsers() {
    ModelSession session = ctx.model(User.MODEL);
    int from = highWaterMark(session);
    for (int i = from; i < config.users(); i++) {
      sender.send(session, source.user(i));
      users++;
    }
    session.done(token(from, config.users()));
  }

  private void exportOrganization(int org) {
    String name = source.orgName(org);
    int total = config.reposPerOrg();
    log.info("exporting organization", "organization", name, "repos", total);
    TrackingSession orgSession = ctx.tracking("organization", name);
    orgSession.progress(0, total);

    ModelSession repoSession = orgSession.model(Repo.MODEL);
    int from = highWaterMark(repoSession);
    for (int r = from; r < total; r++) {
      sender.send(repoSession, source.repo(org, r));
      repos++;
    }
    repoSession.done(token(from, total));

    for (int r = 0; r < total; r++) {
      exportRepo(orgSession, org, r);
      orgSession.progress(r + 1, total);
    }
    orgSession.done();
  }

  /**
   * Sends pull request {@code n} to each of the four model sessions whose token is below {@code n};
   * a pull request's reviews, comments and commits go out with it.
   */
  private void exportRepo(TrackingSession orgSession, int org, int r) {
    TrackingSession repoSession = orgSession.tracking("repo", source.repoName(r));
    ModelSession prs = repoSession.model(PullRequest.MODEL);
    ModelSession reviewSession = repoSession.model(PullRequestReview.MODEL);
    ModelSession commentSession = repoSession.model(PullRequestComment.MODEL);
    ModelSession commitSession = repoSession.model(PullRequestCommit.MODEL);
    int prFrom = highWaterMark(prs);
    int reviewFrom = highWaterMark(reviewSession);
    int commentFrom = highWaterMark(commentSession);
    int commitFrom = highWaterMark(commitSession);
    int start = Math.min(Math.min(prFrom, reviewFrom), Math.min(commentFrom, commitFrom));
    int last = config.pullRequestsPerRepo();
    long total = Math.max(0, last - start);
    repoSession.progress(0, total);

    RepoPullRequests generator = source.pullRequests(org, r);
    for (int n = start + 1; n <= last; n++) {
      PullRequest pr = generator.pullRequest(n);
      if (n > prFrom) {
        sender.send(prs, pr);
        pullRequests++;
      }
      if (n > reviewFrom) {
        for (int k = 0; k < config.reviewsPerPr(); k++) {
          sender.send(reviewSession, generator.review(pr, k));
          reviews++;
        }
      }
      if (n > commentFrom) {
        for (int k = 0; k < config.commentsPerPr(); k++) {
          sender.send(commentSession, generator.comment(pr, k));
          comments++;
        }
      }
      if (n > commitFrom) {
        for (int k = 0; k < pr.commitShas().size(); k++) {
          sender.send(commitSession, generator.commit(pr, k));
          commits++;
        }
      }
      repoSession.progress(n - start, total);
    }
    prs.done(token(prFrom, last));
    reviewSession.done(token(reviewFrom, last));
    commentSession.done(token(commentFrom, last));
    commitSession.done(token(commitFrom, last));
    repoSession.done();
  }

  /**
   * The count a session's token says was sent before: 0 for an empty token (a first run, or
   * reprocess_historical) and for one this version cannot read, which then sends everything again.
   */
  private int highWaterMark(ModelSession session) {
    String token = session.lastProcessed();
    if (token == null || token.isEmpty()) {
      return 0;
    }
    try {
      int n = Integer.parseInt(token);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // Reported below.
    }
    log.warn("unreadable last-processed token, exporting everything again", "session", session.key(), "token", token);
    return 0;
  }

  /** The new token: a high-water mark never goes down, even when the config shrinks. */
  private static String token(int from, int upTo) {
    return Integer.toString(Math.max(from, upTo));
  }
}
