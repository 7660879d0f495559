package agent.core.git;

import agent.rpcdef.GitRepo;
import agent.rpcdef.model.sourcecode.Commit;
import agent.rpcdef.model.sourcecode.PullRequestCommit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commits of pull requests as {@link PullRequestCommit} objects, from git, for pull requests
 * whose source system lists only some of them (GitHub and GitLab list at most 250). For each {@link
 * GitHistoryWalker.PullRequestHead} of {@link GitHistoryWalker.Options#pullRequests()} with a base:
 * every commit reachable from its head and not from its base ({@code git rev-list <head> ^<base>}),
 * except its known commits, oldest first (parents before children, ties by commit time: the order
 * the history walk emits commits in), at most {@link #MAX_PER_PULL_REQUEST}; a pull request with more
 * gets its oldest ones and a warning.
 *
 * <p>Each object's {@code message}, {@code created_date} (the author date with the author's UTC
 * offset), {@code additions} and {@code deletions} are those of the commit's {@link Commit}, computed
 * by the same {@link CommitDiffPool}: the diff against the first parent, over the files that are
 * not excluded. {@code author_ref_id} and {@code committer_ref_id} stay absent: git records names and
 * e-mail addresses, not the source system's accounts, and a guess would link the wrong user.
 *
 * <p>A pull request whose head or base commit is not in the repository (a fork's branch not
 * fetched, a base beyond a shallow clone's boundary) gets no objects and one warning; the others go
 * on. Nothing here is incremental: every call sends every commit asked for (ids are stable, so a
 * repeat is harmless). Not thread-safe; one export at a time.
 */
public final class PullRequestCommits {
  private static final Logger log = LoggerFactory.getLogger(PullRequestCommits.class);

  /** The most commits exported for one pull request: a wrong base must not export a whole history. */
  public static final int MAX_PER_PULL_REQUEST = GitRepo.PullRequestHead.MAX_EXPORTED_COMMITS;

  private final Repository repo;
  private final GitHistoryWalker.Options options;
  private final String location;
  private final int limit;

  /**
   * @param location how the operator knows the repository, for log lines (without credentials)
   */
  public PullRequestCommits(Repository repo, GitHistoryWalker.Options options, String location) {
    this(repo, options, location, MAX_PER_PULL_REQUEST);
  }

  /** With another cap per pull request, for tests. */
  PullRequestCommits(Repository repo, GitHistoryWalker.Options options, String location, int limit) {
    this.repo = repo;
    this.options = options;
    this.location = location;
    this.limit = limit;
  }

  /** True when at least one pull request of {@code options} asks for its commits. */
  public static boolean wanted(GitHistoryWalker.Options options) {
    return options.pullRequests().stream().anyMatch(GitHistoryWalker.PullRequestHead::exportsCommits);
  }

  /**
   * Hands the commits of every pull request with a base to {@code out}, pull request by pull
   * request in the order given, and returns how many it handed.
   *
   * @throws IOException when the repository cannot be read
   * @throws RuntimeException whatever {@code out} throws
   */
  public long export(Consumer<PullRequestCommit> out) throws IOException {
    long sent = 0;
    Set<String> seen = new HashSet<>();
    for (GitHistoryWalker.PullRequestHead pr : options.pullRequests()) {
      // A pull request listed twice: the history walk warned and took its first head; so do we.
      if (pr.exportsCommits() && seen.add(pr.tokenRef())) {
        sent += export(pr, out);
      }
    }
    return sent;
  }

  private long export(GitHistoryWalker.PullRequestHead pr, Consumer<PullRequestCommit> out) throws IOException {
    List<ObjectId> todo = new ArrayList<>();
    long found = 0;
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit head = commit(walk, pr.headSha());
      RevCommit base = commit(walk, pr.baseSha());
      if (head == null || base == null) {
        String missing = head == null && base == null
            ? "head commit " + pr.headSha() + " and base commit " + pr.baseSha() + " are"
            : head == null ? "head commit " + pr.headSha() + " is" : "base commit " + pr.baseSha() + " is";
        log.warn("git repository {}: pull request {} ({}): {} not in the repository, its commits are not exported "
            + "from git", location, pr.tokenRef(), pr.id(), missing);
        return 0;
      }
      walk.setRetainBody(false);
      walk.sort(RevSort.TOPO);
      walk.sort(RevSort.REVERSE, true);
      walk.markStart(head);
      walk.markUninteresting(base);
      Set<String> known = new HashSet<>();
      pr.knownCommitShas().forEach(sha -> known.add(sha.toLowerCase(Locale.ROOT)));
      for (RevCommit c; (c = walk.next()) != null; ) {
        if (known.contains(c.name())) {
          continue;
        }
        found++;
        if (todo.size() < limit) {
          todo.add(c.copy());
        }
      }
    }
    if (found > todo.size()) {
      log.warn("git repository {}: pull request {} ({}) has {} commits besides its {} known ones, more than {}: "
          + "exporting the oldest {} only", location, pr.tokenRef(), pr.id(), found, pr.knownCommitShas().size(),
          limit, limit);
    }
    return new CommitDiffPool(repo, options).diffAll(todo, id -> 0, c -> out.accept(of(c, pr)), (done, total) -> { });
  }

  /** The commit {@code sha} names, or null when it is not a commit of the repository. */
  private static RevCommit commit(RevWalk walk, String sha) throws IOException {
    if (sha == null || !ObjectId.isId(sha)) {
      return null;
    }
    try {
      return walk.parseCommit(ObjectId.fromString(sha));
    } catch (MissingObjectException | IncorrectObjectTypeException e) {
      return null;
    }
  }

  private static PullRequestCommit of(Commit c, GitHistoryWalker.PullRequestHead pr) {
    return PullRequestCommit.builder().customerId(c.customerId()).refType(c.refType()).refId(c.sha())
        .pullRequestId(pr.id()).repoId(c.repoId()).sha(c.sha()).message(c.message())
        .createdDate(c.author() == null ? null : c.author().date()).additions(c.additions())
        .deletions(c.deletions()).build();
  }
}
