package agent.rpcdef;

import java.util.List;

/**
 * Asks the host to export a git repository's history. See {@link Agent#exportGitRepo}.
 *
 * @param sessionId the tracking session the repository's objects go under
 * @param url a clone URL or a local path
 * @param username credentials for an https URL, or empty
 * @param password never logged
 * @param repoRefId the repository's ref id in the calling integration
 * @param repoId the repository's sourcecode.Repo id
 * @param refType the calling integration's ref type ("github", "git", ...)
 * @param commitUrlTemplate with a {sha} placeholder, or empty
 * @param branchUrlTemplate with a {branch} placeholder, or empty
 * @param pullRequests pull requests whose heads are exported as branches
 * @param branches branch globs to export; empty for every branch
 * @param exclude file globs to mark excluded
 * @param maxFileSize files larger than this are excluded; 0 for the default
 */
public record GitRepoRequest(
    long sessionId,
    String url,
    String username,
    String password,
    String repoRefId,
    String repoId,
    String refType,
    String commitUrlTemplate,
    String branchUrlTemplate,
    List<GitPullRequestRef> pullRequests,
    List<String> branches,
    List<String> exclude,
    long maxFileSize) {

  /** A pull request whose head is exported as a branch. */
  public record GitPullRequestRef(String id, String refId, String branchName, String lastCommitSha) {}

  @Override
  public String toString() {
    // The password must never reach a log line.
    return "GitRepoRequest[url=" + url + ", repoRefId=" + repoRefId + ", refType=" + refType + "]";
  }
}
