package agent.rpcdef;

/**
 * Counts of what a git repository export sent.
 *
 * @param commits {@code sourcecode.Commit} objects
 * @param branches {@code sourcecode.Branch} objects
 * @param pullRequestCommits {@code sourcecode.PullRequestCommit} objects the host made from git for
 *     the pull requests given a base ({@link GitRepo.PullRequestHead#baseSha()}); 0 when none was
 */
public record GitRepoResult(long commits, long branches, long pullRequestCommits) {

  /** Counts of an export that sent no pull request commits. */
  public GitRepoResult(long commits, long branches) {
    this(commits, branches, 0);
  }
}
