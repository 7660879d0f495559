package agent.rpcdef;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A git repository for the host to export ({@link ExportContext#exportGitRepo}). Built with {@link
 * #builder(String)}; only the clone URL (or local path), the ref id, the repo id and the ref type are
 * required.
 *
 * <pre>{@code
 * ctx.exportGitRepo(repoSession, GitRepo.builder("https://github.com/acme/api.git")
 *     .credentials("x-access-token", token)
 *     .repo("acme/api", repo.id(), "github")
 *     .commitUrlTemplate("https://github.com/acme/api/commit/{sha}")
 *     .branches(List.of("main", "release/*"))
 *     .build());
 * }</pre>
 *
 * @param url a clone URL or a local path; never carries credentials (use {@code username}/{@code password})
 * @param username for an https URL, or empty
 * @param password never logged; empty when none
 * @param repoRefId the repository's ref id in the calling integration ({@code acme/api})
 * @param repoId the {@code id} of the repository's {@code sourcecode.Repo}
 * @param refType the calling integration's ref type ({@code github}, {@code git}, ...)
 * @param commitUrlTemplate a commit's web page with a {@code {sha}} placeholder, or empty
 * @param branchUrlTemplate a branch's web page with a {@code {branch}} placeholder, or empty
 * @param pullRequests pull requests whose heads are exported as branches
 * @param branches branch globs to export; empty for every branch
 * @param exclude file globs whose files are marked excluded
 * @param maxFileSize files larger than this many bytes are excluded; 0 for the host's default
 */
public record GitRepo(
    String url,
    String username,
    String password,
    String repoRefId,
    String repoId,
    String refType,
    String commitUrlTemplate,
    String branchUrlTemplate,
    List<PullRequestHead> pullRequests,
    List<String> branches,
    List<String> exclude,
    long maxFileSize) {

  /**
   * A pull request whose head commit is exported as a branch.
   *
   * @param id the pull request's {@code sourcecode.PullRequest} id
   * @param refId its ref id
   * @param branchName its source branch
   * @param lastCommitSha its head commit
   */
  public record PullRequestHead(String id, String refId, String branchName, String lastCommitSha) {}

  public GitRepo {
    requireText(url, "url");
    requireText(repoRefId, "repo ref id");
    requireText(repoId, "repo id");
    requireText(refType, "ref type");
    if (maxFileSize < 0) {
      throw new IllegalArgumentException("max file size must be 0 (the default) or more, got " + maxFileSize);
    }
    username = Objects.requireNonNullElse(username, "");
    password = Objects.requireNonNullElse(password, "");
    commitUrlTemplate = Objects.requireNonNullElse(commitUrlTemplate, "");
    branchUrlTemplate = Objects.requireNonNullElse(branchUrlTemplate, "");
    pullRequests = pullRequests == null ? List.of() : List.copyOf(pullRequests);
    branches = branches == null ? List.of() : List.copyOf(branches);
    exclude = exclude == null ? List.of() : List.copyOf(exclude);
  }

  /** Starts a repository to export from a clone URL or an absolute local path. */
  public static Builder builder(String url) {
    return new Builder(url);
  }

  @Override
  public String toString() {
    // The password must never reach a log line.
    return "GitRepo[url=" + url + ", repoRefId=" + repoRefId + ", refType=" + refType + "]";
  }

  private static void requireText(String v, String what) {
    if (v == null || v.isEmpty()) {
      throw new IllegalArgumentException("a git repository to export needs a " + what);
    }
  }

  /** Builds a {@link GitRepo}; not thread-safe. */
  public static final class Builder {
    private final String url;
    private String username = "";
    private String password = "";
    private String repoRefId;
    private String repoId;
    private String refType;
    private String commitUrlTemplate = "";
    private String branchUrlTemplate = "";
    private final List<PullRequestHead> pullRequests = new ArrayList<>();
    private List<String> branches = List.of();
    private List<String> exclude = List.of();
    private long maxFileSize;

    private Builder(String url) {
      this.url = url;
    }

    /** Credentials for an https clone URL. */
    public Builder credentials(String username, String password) {
      this.username = username;
      this.password = password;
      return this;
    }

    /** Which repository this is: its ref id and {@code sourcecode.Repo} id in the calling integration, and its ref type. */
    public Builder repo(String refId, String repoId, String refType) {
      this.repoRefId = refId;
      this.repoId = repoId;
      this.refType = refType;
      return this;
    }

    public Builder commitUrlTemplate(String template) {
      this.commitUrlTemplate = template;
      return this;
    }

    public Builder branchUrlTemplate(String template) {
      this.branchUrlTemplate = template;
      return this;
    }

    /** Adds a pull request whose head is exported as a branch. */
    public Builder pullRequest(PullRequestHead head) {
      this.pullRequests.add(head);
      return this;
    }

    /** Branch globs to export; empty (the default) for every branch. */
    public Builder branches(List<String> globs) {
      this.branches = globs;
      return this;
    }

    /** File globs whose files are marked excluded. */
    public Builder exclude(List<String> globs) {
      this.exclude = globs;
      return this;
    }

    /** Files larger than this are marked excluded; 0 (the default) for the host's limit. */
    public Builder maxFileSize(long bytes) {
      this.maxFileSize = bytes;
      return this;
    }

    public GitRepo build() {
      return new GitRepo(url, username, password, repoRefId, repoId, refType, commitUrlTemplate, branchUrlTemplate,
          pullRequests, branches, exclude, maxFileSize);
    }
  }
}
