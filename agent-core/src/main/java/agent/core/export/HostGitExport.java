package agent.core.export;

import agent.core.codestats.FileExclusions;
import agent.core.git.GitAccessException;
import agent.core.git.GitHistoryWalker;
import agent.core.git.HistoryToken;
import agent.core.git.PullRequestCommits;
import agent.core.git.RepoCache;
import agent.rpcdef.GitRepo;
import agent.rpcdef.GitRepoResult;
import agent.rpcdef.IntegrationException;
import agent.rpcdef.ModelSession;
import agent.rpcdef.Sessions;
import agent.rpcdef.model.Ids;
import agent.rpcdef.model.sourcecode.Blame;
import agent.rpcdef.model.sourcecode.Branch;
import agent.rpcdef.model.sourcecode.Commit;
import agent.rpcdef.model.sourcecode.PullRequestCommit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's side of ExportGitRepo: opens (or clones) the repository, walks the history not yet
 * exported, and sends {@code sourcecode.Commit}, {@code sourcecode.Blame} (unless the request turns
 * blame off; its state between exports is {@link #blameStateFile}) and {@code sourcecode.Branch}
 * objects into model sessions under the caller's session, through the same sessions, batching and
 * flow control as a plugin's objects.
 *
 * <p>Tokens: the Commit session's token is the {@link HistoryToken} (ref to processed tip), so the
 * next export walks only what is new; it is staged like any token and committed only when this
 * integration's data is durable. Branches are sent when they changed: a branch's object depends on
 * its own tip, the default branch's tip and, in a shallow repository, on how much history is
 * available, so all of them when the default branch moved or the shallow boundary changed
 * (deepened, unshallowed, fetched shallower), otherwise those whose tip moved. The pull requests the request lists are exported as branches too, and a
 * pull request's head counts as its tip.
 *
 * <p>Pull requests given a base ({@link GitRepo.PullRequestHead#baseSha()}) also get their commits
 * as {@code sourcecode.PullRequestCommit} objects ({@link PullRequestCommits}), in a model session
 * opened under the caller's session only when at least one pull request asks, and ended without a
 * token. The host's session table allows two open sessions of one key, so the integration may keep
 * its own {@code sourcecode.PullRequestCommit} session under the same tracking session open
 * meanwhile: both write to the integration's files of that model, and only its own stages a token.
 *
 * <p>On any failure every session opened here is aborted and no token is staged.
 */
final class HostGitExport {
  private static final Logger LOG = LoggerFactory.getLogger(HostGitExport.class);

  private final RepoCache cache;
  private final Path blameDir;
  private final String customerId;

  /**
   * @param blameDir where each repository's blame state is kept between exports (see {@link
   *     #blameStateFile})
   */
  HostGitExport(RepoCache cache, Path blameDir, String customerId) {
    this.cache = cache;
    this.blameDir = blameDir;
    this.customerId = customerId;
  }

  /**
   * {@code <blameDir>/<repo name>-<16 hex>.blame}: the name from the repository's ref id, for
   * whoever looks, and the hex from its customer, ref type and repo id, which make it unique.
   */
  Path blameStateFile(String refType, GitRepo req) {
    String ref = req.repoRefId() == null ? "" : req.repoRefId();
    String name = ref.substring(ref.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
    return blameDir.resolve((name.isEmpty() ? "repo" : name) + "-" + Ids.of(customerId, refType, req.repoId())
        + ".blame");
  }

  GitRepoResult export(HostAgent host, long sessionId, GitRepo req) {
    Sessions sessions = new Sessions(host);
    ModelSession commits = sessions.model(sessionId, Commit.MODEL);
    ModelSession branches = sessions.model(sessionId, Branch.MODEL);
    ModelSession blames = req.blame() ? sessions.model(sessionId, Blame.MODEL) : null;
    try (Repository repo = cache.open(req.url(), req.username(), req.password())) {
      String refType = req.refType().isEmpty() ? "git" : req.refType();
      GitHistoryWalker.Options options = new GitHistoryWalker.Options(customerId, refType, req.repoId(),
          req.branches(), null, req.commitUrlTemplate(), req.branchUrlTemplate(),
          new FileExclusions(req.exclude(), req.maxFileSize(), req.maxLines(), req.maxLineLength(), true,
              req.excludeDocumentation()),
          0, pullRequests(req), req.codeStats(), req.blame() ? blameStateFile(refType, req) : null);
      long t0 = System.nanoTime();
      GitHistoryWalker.Result r = new GitHistoryWalker(repo, options, RepoCache.redactUrl(req.url()))
          .walk(commits.lastProcessed(), commits::send, blames == null ? null : blames::send,
              (done, total) -> host.sessionProgress(sessionId, done, total));
      Map<String, String> before = r.previous().tips();
      Map<String, String> after = r.next().tips();
      boolean defaultMoved = r.branches().stream().filter(Branch::isDefault)
          .anyMatch(b -> !Objects.equals(before.get(ref(b)), after.get(ref(b))));
      boolean boundaryMoved = !r.previous().shallow().equals(r.next().shallow());
      int sent = 0;
      for (Branch b : r.branches()) {
        if (defaultMoved || boundaryMoved || !Objects.equals(before.get(ref(b)), after.get(ref(b)))) {
          branches.send(b);
          sent++;
        }
      }
      long prCommits = 0;
      if (PullRequestCommits.wanted(options)) {
        // Opened only when asked for, so that an integration that sends every pull request commit
        // itself never sees a second session of that model under its repository.
        ModelSession prCommitSession = sessions.model(sessionId, PullRequestCommit.MODEL);
        prCommits = new PullRequestCommits(repo, options, RepoCache.redactUrl(req.url())).export(prCommitSession::send);
        // No token: these are sent again each time the integration asks for them.
        prCommitSession.done();
      }
      commits.done(r.token());
      branches.done();
      if (blames != null) {
        // No token of its own: blames go with their commits, whose session holds the token.
        blames.done();
      }
      LOG.info("git history of {}: {} new commits, {} changed branches of {}, {} pull request commits, in {} ms",
          req.repoRefId(), r.commits(), sent, r.branches().size(), prCommits, (System.nanoTime() - t0) / 1_000_000);
      return new GitRepoResult(r.commits(), sent, prCommits);
    } catch (GitAccessException e) {
      sessions.abortOpen(e);
      throw new IntegrationException(e.getMessage(), e);
    } catch (IOException e) {
      sessions.abortOpen(e);
      throw new IntegrationException("cannot read the git repository " + req.repoRefId() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      sessions.abortOpen(e);
      throw e;
    }
  }

  /** The branch's key in the {@link HistoryToken}: its ref, or {@code pull/<ref id>} for a pull request's. */
  private static String ref(Branch b) {
    return b.pullRequestId() != null ? b.refId() : Constants.R_HEADS + b.name();
  }

  private static List<GitHistoryWalker.PullRequestHead> pullRequests(GitRepo req) {
    if (req.pullRequests() == null) {
      return List.of();
    }
    List<GitHistoryWalker.PullRequestHead> heads = new java.util.ArrayList<>();
    for (GitRepo.PullRequestHead pr : req.pullRequests()) {
      if (pr.id() == null || pr.id().isEmpty()) {
        LOG.warn("git history of {}: a pull request without an id ({}) cannot be linked, its branch is skipped",
            req.repoRefId(), pr.refId());
        continue;
      }
      heads.add(new GitHistoryWalker.PullRequestHead(pr.id(), pr.refId(), pr.branchName(), pr.lastCommitSha(),
          pr.baseSha(), pr.knownCommitShas()));
    }
    return heads;
  }
}
