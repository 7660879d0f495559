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
 * @param pullRequests pull requests whose heads are exported as branches, and whose commits are
 *     exported when they have a base ({@link PullRequestHead})
 * @param branches branch globs to export; empty for every branch
 * @param exclude file globs whose files are marked excluded
 * @param maxFileSize files larger than this many bytes are excluded; 0 for the host's default
 * @param codeStats whether changed files get code statistics (lines, code, comments, blanks,
 *     complexity, licence); on by default
 * @param maxLines files with more lines are excluded from code statistics; 0 for the host's default
 * @param maxLineLength files with a longer line (bytes) are excluded; 0 for the host's default
 * @param excludeDocumentation whether documentation paths ({@code docs/}, {@code README}, {@code
 *     CHANGELOG}, ...) are marked excluded, so that their lines leave their commits' totals; on by default
 * @param blame whether each changed file gets a {@code sourcecode.Blame}: who last changed each of
 *     its lines; on by default
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
    long maxFileSize,
    boolean codeStats,
    int maxLines,
    int maxLineLength,
    boolean excludeDocumentation,
    boolean blame) {

  /** With code statistics on and the host's limits. */
  public GitRepo(String url, String username, String password, String repoRefId, String repoId, String refType,
      String commitUrlTemplate, String branchUrlTemplate, List<PullRequestHead> pullRequests, List<String> branches,
      List<String> exclude, long maxFileSize) {
    this(url, username, password, repoRefId, repoId, refType, commitUrlTemplate, branchUrlTemplate, pullRequests,
        branches, exclude, maxFileSize, true, 0, 0, true, true);
  }

  /** Excluding documentation paths, as by default. */
  public GitRepo(String url, String username, String password, String repoRefId, String repoId, String refType,
      String commitUrlTemplate, String branchUrlTemplate, List<PullRequestHead> pullRequests, List<String> branches,
      List<String> exclude, long maxFileSize, boolean codeStats, int maxLines, int maxLineLength) {
    this(url, username, password, repoRefId, repoId, refType, commitUrlTemplate, branchUrlTemplate, pullRequests,
        branches, exclude, maxFileSize, codeStats, maxLines, maxLineLength, true, true);
  }

  /** With blames, as by default. */
  public GitRepo(String url, String username, String password, String repoRefId, String repoId, String refType,
      String commitUrlTemplate, String branchUrlTemplate, List<PullRequestHead> pullRequests, List<String> branches,
      List<String> exclude, long maxFileSize, boolean codeStats, int maxLines, int maxLineLength,
      boolean excludeDocumentation) {
    this(url, username, password, repoRefId, repoId, refType, commitUrlTemplate, branchUrlTemplate, pullRequests,
        branches, exclude, maxFileSize, codeStats, maxLines, maxLineLength, excludeDocumentation, true);
  }

  /**
   * A pull request whose head commit is exported as a branch, and whose commits the host can export
   * as {@code sourcecode.PullRequestCommit} objects when the source system's API did not list them
   * all (GitHub lists at most 250 commits of a pull request).
   *
   * <p>With a {@code baseSha}, the host sends one {@code sourcecode.PullRequestCommit} for every
   * commit reachable from {@code lastCommitSha} and not from {@code baseSha} ({@code git rev-list
   * <head> ^<base>}), oldest first, except the {@code knownCommitShas}, at most {@value
   * #MAX_EXPORTED_COMMITS} of them. They go into a {@code sourcecode.PullRequestCommit} model session
   * the host opens under the call's tracking session, which stages no token: the host sends them
   * again each time it is asked. Their {@code author_ref_id} and {@code committer_ref_id} are absent
   * (git knows names and e-mail addresses, not accounts). A pull request whose head or base commit is
   * not in the repository gets none, with a warning.
   *
   * @param id the pull request's {@code sourcecode.PullRequest} id
   * @param refId its ref id
   * @param branchName its source branch
   * @param lastCommitSha its head commit
   * @param baseSha its base commit (GitHub's {@code baseRefOid}, REST {@code base.sha}); empty (or
   *     null, normalized to empty) for no {@code sourcecode.PullRequestCommit} objects from git
   * @param knownCommitShas the commits the integration sent as {@code sourcecode.PullRequestCommit}
   *     itself (from the API), which the host leaves out; null for none; copied
   */
  public record PullRequestHead(String id, String refId, String branchName, String lastCommitSha, String baseSha,
      List<String> knownCommitShas) {

    /** The most commits the host exports for one pull request; it warns when a pull request has more. */
    public static final int MAX_EXPORTED_COMMITS = 10_000;

    public PullRequestHead {
      baseSha = Objects.requireNonNullElse(baseSha, "");
      if (knownCommitShas == null) {
        knownCommitShas = List.of();
      } else if (knownCommitShas.stream().anyMatch(Objects::isNull)) {
        throw new IllegalArgumentException("the known commit shas of pull request " + refId + " contain null");
      } else {
        knownCommitShas = List.copyOf(knownCommitShas);
      }
    }

    /** A pull request whose head is exported as a branch, without commits from git. */
    public PullRequestHead(String id, String refId, String branchName, String lastCommitSha) {
      this(id, refId, branchName, lastCommitSha, "", List.of());
    }

    /** True when the host is asked for this pull request's commits: it has a {@code baseSha}. */
    public boolean exportsCommits() {
      return !baseSha.isEmpty();
    }
  }

  public GitRepo {
    requireText(url, "url");
    requireText(repoRefId, "repo ref id");
    requireText(repoId, "repo id");
    requireText(refType, "ref type");
    if (maxLines < 0 || maxLineLength < 0) {
      throw new IllegalArgumentException("line limits must be 0 (the default) or more, got " + maxLines + " and "
          + maxLineLength);
    }
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
    private boolean codeStats = true;
    private int maxLines;
    private int maxLineLength;
    private boolean excludeDocumentation = true;
    private boolean blame = true;

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

    /** Adds a pull request whose head is exported as a branch (and its commits, given a base). */
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

    /** Whether changed files get code statistics; on by default. */
    public Builder codeStats(boolean on) {
      this.codeStats = on;
      return this;
    }

    /** Files with more lines, or a longer line (bytes), are excluded; 0 (the default) for the host's limits. */
    public Builder lineLimits(int maxLines, int maxLineLength) {
      this.maxLines = maxLines;
      this.maxLineLength = maxLineLength;
      return this;
    }

    /**
     * Whether documentation paths ({@code docs/}, {@code README}, {@code CHANGELOG}, ...) are marked
     * excluded; on by default.
     */
    public Builder excludeDocumentation(boolean on) {
      this.excludeDocumentation = on;
      return this;
    }

    /** Whether each changed file gets a {@code sourcecode.Blame}; on by default. */
    public Builder blame(boolean on) {
      this.blame = on;
      return this;
    }

    public GitRepo build() {
      return new GitRepo(url, username, password, repoRefId, repoId, refType, commitUrlTemplate, branchUrlTemplate,
          pullRequests, branches, exclude, maxFileSize, codeStats, maxLines, maxLineLength, excludeDocumentation,
          blame);
    }
  }
}
