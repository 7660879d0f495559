package agent.core.git;

import agent.core.codestats.FileExclusions;
import agent.core.codestats.Globs;
import agent.rpcdef.model.sourcecode.Blame;
import agent.rpcdef.model.sourcecode.Branch;
import agent.rpcdef.model.sourcecode.BranchBuilder;
import agent.rpcdef.model.sourcecode.Commit;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports a repository's history: every commit reachable from the exported branches and not from
 * the tips an earlier export processed, each exactly once, as {@link Commit} objects with per-file
 * statistics ({@link CommitDiffer}), then a {@link Branch} for each exported branch ({@link
 * BranchAnalyzer}).
 *
 * <p>How it runs: the calling thread walks the commit graph first (commit headers only, no bodies:
 * about 100 bytes a commit), then feeds commit ids to a {@link CommitDiffPool} of {@link
 * Options#threads()} workers, each with its own {@link ObjectReader} and {@link CommitDiffer}, with
 * at most {@link #IN_FLIGHT} commits queued or computed at a time, so memory stays bounded whatever
 * the history's size.
 * Commits reach the consumer on the calling thread in walk order, which is git's {@code git log
 * --date-order --reverse <tips> --not <previous tips>}: parents before children, otherwise oldest
 * commit time first ({@link OrdinalWalk}).
 *
 * <p>Ordinals: the commits a walk emits are numbered in that order, each one more than the one
 * before. A full export (no token, an unreadable one) numbers from 1, so its ordinals are the
 * positions in {@code git log --date-order --reverse} of the exported branches, what the original
 * agent's ripsrc gave when no commit is dated before its parent; an incremental one goes on from the
 * highest ordinal given so far, which the token records. So within a repository's exports an
 * ordinal is never given twice and a parent's is always lower than its child's; a commit sent again
 * (after a force push whose old commits were collected, or a full export) gets a new one.
 *
 * <p>Incremental rule (see {@link HistoryToken}): the commits emitted are those reachable from the
 * current tips of the exported branches and not from any tip in the previous token that still
 * exists in the repository. A force-pushed branch emits the commits of its new line; a deleted
 * branch emits nothing and leaves the token. The returned token holds the current tips.
 *
 * <p>Shallow repositories ({@code git clone --depth N}, see {@link ShallowBoundary}): the commits
 * the repository has are exported, nothing fails for the parents it lacks. A boundary commit is
 * diffed against the empty tree, as {@code git log} shows it, yet lists the parents its object
 * names; ordinals number the available commits; branch facts are those of the available history ({@link
 * BranchAnalyzer}). Each walk of a shallow repository logs one warning. The token records the
 * boundary commits reached; when one of them has its parents by the next walk (the repository was
 * deepened or unshallowed), that walk emits every commit again: the older commits are added, and
 * the former boundary's statistics are corrected and every commit is numbered again from 1
 * (duplicates are allowed).
 *
 * <p>Pull requests ({@link Options#pullRequests()}): each head commit found in the repository is
 * one more tip, under the token key {@code pull/<ref id>}, so its commits are emitted once like a
 * branch's, and it gets a {@link Branch} of its own linked by {@code pull_request_id}. Heads never
 * take part in choosing the default branch; a head not in the repository is skipped with a warning.
 *
 * <p>Not thread-safe; one walk at a time. Interrupting the calling thread stops the walk with an
 * {@link InterruptedIOException}; commits already handed to the consumer stay handed.
 */
public final class GitHistoryWalker {
  private static final Logger log = LoggerFactory.getLogger(GitHistoryWalker.class);

  /** Commits queued or being diffed at once: bounds memory, keeps both cores busy. */
  public static final int IN_FLIGHT = CommitDiffPool.IN_FLIGHT;

  /**
   * What to export and how to name it.
   *
   * @param customerId the customer the objects belong to
   * @param refType the {@code ref_type} of the objects: {@code git}, {@code github}, ...
   * @param repoId the {@code id} of the {@code sourcecode.Repo}
   * @param branchGlobs branch names to export ({@code *} within a path segment, {@code **} across);
   *     empty for every branch under {@code refs/heads/}
   * @param defaultBranch the default branch's name; null to take the branch {@code HEAD} points to
   *     (then {@code main}, then {@code master})
   * @param commitUrlTemplate with a {@code {sha}} placeholder; null or empty for no url
   * @param branchUrlTemplate with a {@code {branch}} placeholder; null or empty for no url
   * @param exclusions which files are excluded
   * @param threads diff workers; 0 or less for the number of cores
   * @param pullRequests pull requests whose heads are exported as branches (their commits too, once),
   *     whatever {@code branchGlobs} says; empty for none
   * @param codeStats whether changed files get code statistics (lines, code, comments, blanks,
   *     complexity, licence; see {@link CommitDiffer})
   * @param blameState where the blame's line origins are kept between walks ({@link BlameStore});
   *     null to keep none (each walk with blames then rebuilds them from the history)
   */
  public record Options(String customerId, String refType, String repoId, List<String> branchGlobs,
      String defaultBranch, String commitUrlTemplate, String branchUrlTemplate, FileExclusions exclusions,
      int threads, List<PullRequestHead> pullRequests, boolean codeStats, java.nio.file.Path blameState) {
    /** With code statistics or not, and no blame state. */
    public Options(String customerId, String refType, String repoId, List<String> branchGlobs, String defaultBranch,
        String commitUrlTemplate, String branchUrlTemplate, FileExclusions exclusions, int threads,
        List<PullRequestHead> pullRequests, boolean codeStats) {
      this(customerId, refType, repoId, branchGlobs, defaultBranch, commitUrlTemplate, branchUrlTemplate, exclusions,
          threads, pullRequests, codeStats, null);
    }

    /** With code statistics. */
    public Options(String customerId, String refType, String repoId, List<String> branchGlobs, String defaultBranch,
        String commitUrlTemplate, String branchUrlTemplate, FileExclusions exclusions, int threads,
        List<PullRequestHead> pullRequests) {
      this(customerId, refType, repoId, branchGlobs, defaultBranch, commitUrlTemplate, branchUrlTemplate, exclusions,
          threads, pullRequests, true);
    }

    public Options {
      pullRequests = pullRequests == null ? List.of() : List.copyOf(pullRequests);
      Objects.requireNonNull(customerId, "customerId");
      Objects.requireNonNull(refType, "refType");
      Objects.requireNonNull(repoId, "repoId");
      branchGlobs = branchGlobs == null ? List.of() : List.copyOf(branchGlobs);
      exclusions = exclusions == null ? FileExclusions.defaults() : exclusions;
    }

    /** Every branch, the default branch from HEAD, no urls, the default exclusions, one worker per core. */
    public static Options of(String customerId, String refType, String repoId) {
      return new Options(customerId, refType, repoId, List.of(), null, null, null, FileExclusions.defaults(), 0,
          List.of());
    }

    public Options withBranchGlobs(List<String> globs) {
      return new Options(customerId, refType, repoId, globs, defaultBranch, commitUrlTemplate, branchUrlTemplate,
          exclusions, threads, pullRequests, codeStats, blameState);
    }

    public Options withExclusions(FileExclusions e) {
      return new Options(customerId, refType, repoId, branchGlobs, defaultBranch, commitUrlTemplate,
          branchUrlTemplate, e, threads, pullRequests, codeStats, blameState);
    }

    public Options withThreads(int n) {
      return new Options(customerId, refType, repoId, branchGlobs, defaultBranch, commitUrlTemplate,
          branchUrlTemplate, exclusions, n, pullRequests, codeStats, blameState);
    }

    public Options withPullRequests(List<PullRequestHead> prs) {
      return new Options(customerId, refType, repoId, branchGlobs, defaultBranch, commitUrlTemplate,
          branchUrlTemplate, exclusions, threads, prs, codeStats, blameState);
    }

    public Options withCodeStats(boolean on) {
      return new Options(customerId, refType, repoId, branchGlobs, defaultBranch, commitUrlTemplate,
          branchUrlTemplate, exclusions, threads, pullRequests, on, blameState);
    }

    /** With the blame's line origins kept in {@code file} between walks ({@link BlameStore}). */
    public Options withBlameState(java.nio.file.Path file) {
      return new Options(customerId, refType, repoId, branchGlobs, defaultBranch, commitUrlTemplate,
          branchUrlTemplate, exclusions, threads, pullRequests, codeStats, file);
    }
  }

  /**
   * A pull request whose head commit is exported as a branch by the walker, and whose commits {@link
   * PullRequestCommits} exports when it has a base.
   *
   * @param id the {@code id} of the {@code sourcecode.PullRequest}
   * @param refId the pull request's ref id in its source system (its number); empty to use {@code id}
   * @param branchName the pull request's branch name, the exported branch's {@code name}
   * @param headSha the pull request's head commit
   * @param baseSha the pull request's base commit; empty (or null) when its commits are not wanted
   * @param knownCommitShas commits of the pull request exported already, to leave out; null for none
   */
  public record PullRequestHead(String id, String refId, String branchName, String headSha, String baseSha,
      List<String> knownCommitShas) {
    public PullRequestHead {
      Objects.requireNonNull(id, "pull request id");
      baseSha = baseSha == null ? "" : baseSha;
      knownCommitShas = knownCommitShas == null ? List.of() : List.copyOf(knownCommitShas);
    }

    /** A head exported as a branch only. */
    public PullRequestHead(String id, String refId, String branchName, String headSha) {
      this(id, refId, branchName, headSha, "", List.of());
    }

    /** True when this pull request's commits are wanted: it has a base. */
    public boolean exportsCommits() {
      return !baseSha.isEmpty();
    }

    /**
     * The key of this head in the {@link HistoryToken} and the ref id of its branch: {@code
     * pull/<ref id>}, never a real ref name, so never confused with a branch.
     */
    public String tokenRef() {
      return PULL_TOKEN_PREFIX + (refId == null || refId.isEmpty() ? id : refId);
    }
  }

  /** The prefix of pull request heads' keys in the token ({@link PullRequestHead#tokenRef()}). */
  public static final String PULL_TOKEN_PREFIX = "pull/";

  /** Progress of a walk; called on the calling thread after each commit, so keep it cheap. */
  @FunctionalInterface
  public interface Progress {
    void update(long done, long total);
  }

  /**
   * What a walk did.
   *
   * @param commits how many commits it emitted
   * @param branches one per exported branch, sorted by name, then one per pull request head found in
   *     the repository, in the order of {@link Options#pullRequests()}
   * @param previous the token this walk started from (empty when there was none or it was unreadable)
   * @param next the token for the next walk; {@link #token()} is its text
   * @param blameReplayed commits diffed again, exporting nothing, to rebuild line origins the blame
   *     state did not have ({@link BlameWalk}); 0 without blames
   */
  public record Result(long commits, List<Branch> branches, HistoryToken previous, HistoryToken next,
      long blameReplayed) {
    /** The next token as {@code SessionDone} takes it. */
    public String token() {
      return next.format();
    }
  }

  private final Repository repo;
  private final Options options;
  private final String location;

  /** A walker whose log lines name the repository by its folder. */
  public GitHistoryWalker(Repository repo, Options options) {
    this(repo, options, null);
  }

  /**
   * @param location how the operator knows the repository, for log lines: the configured path or
   *     URL (without credentials); null for its folder. A clone of a shallow {@code file:} URL is
   *     unshallowed at the source, so that is the place the shallow warning must name.
   */
  public GitHistoryWalker(Repository repo, Options options, String location) {
    this.repo = repo;
    this.options = options;
    this.location = location;
  }

  /**
   * Walks the history not covered by {@code token}, hands each commit to {@code out} and returns the
   * branches and the next token.
   *
   * @param token the previous walk's token; null or empty for the whole history (an unreadable one
   *     is logged and treated as empty: duplicates are allowed, gaps are not)
   * @throws IOException when the repository cannot be read
   * @throws RuntimeException whatever {@code out} throws, after stopping the workers
   */
  public Result walk(String token, Consumer<Commit> out, Progress progress) throws IOException {
    return walk(token, out, null, progress);
  }

  /**
   * As {@link #walk(String, Consumer, Progress)}, and when {@code blames} is not null, hands it the
   * {@link Blame} of every file each commit changed ({@link BlameWalk}).
   */
  public Result walk(String token, Consumer<Commit> out, Consumer<Blame> blames, Progress progress)
      throws IOException {
    Map<String, ObjectId> tips = branchTips();
    String defaultBranch = defaultBranch(tips.keySet());
    Map<PullRequestHead, ObjectId> prTips = pullRequestTips();
    List<ObjectId> allTips = new ArrayList<>(tips.values());
    allTips.addAll(prTips.values());
    HistoryToken previous;
    try {
      previous = HistoryToken.parse(token);
    } catch (IllegalArgumentException e) {
      log.warn("ignoring an unreadable git history token, exporting the whole history: {}", e.getMessage());
      previous = HistoryToken.empty();
    }

    long t0 = System.nanoTime();
    ShallowBoundary shallow = ShallowBoundary.of(repo);
    List<OrdinalWalk.OrdinalCommit> todo;
    List<String> boundary;
    List<ObjectId> done;
    long after;
    try (OrdinalWalk walk = new OrdinalWalk(repo, shallow)) {
      long available = walk.scan(allTips);
      boundary = walk.boundary();
      done = stillExisting(walk, previous);
      List<String> deepened = shallow.deepenedSince(previous.shallow(), walk.getObjectReader());
      if (!deepened.isEmpty()) {
        // The older commits are ancestors of the tips already exported, so an incremental walk would
        // never reach them; and what was sent of the former boundary (diffs against nothing,
        // ordinals without the older commits) is wrong now. Sending everything again fixes both.
        log.info("git repository {} was deepened since the last export ({} of its former boundary commits now have "
            + "their parents): exporting all {} available commits again", location(), deepened.size(), available);
        done = List.of();
      }
      if (!boundary.isEmpty()) {
        log.warn("git repository {} is shallow: only the {} commits available are exported ({} boundary commits "
            + "have no parents in it and are diffed like root commits; branch facts cover the available history "
            + "only). Run `git fetch --unshallow` in it for the full history: the next export adds the older commits",
            location(), available, boundary.size());
      }
      todo = walk.newCommits(allTips, done);
      after = firstOrdinalAfter(previous, !deepened.isEmpty(), available, todo.size());
    }
    for (int i = 0; i < todo.size(); i++) {
      todo.get(i).ordinal = after + i + 1;
    }
    long t1 = System.nanoTime();
    long emitted;
    long replayed = 0;
    if (blames == null) {
      emitted = new CommitDiffPool(repo, options).diffAll(todo, c -> c.ordinal, out, progress);
    } else {
      List<ObjectId> keep = new ArrayList<>(allTips);
      keep.addAll(done);
      BlameWalk blameWalk = new BlameWalk(repo, options);
      emitted = blameWalk.run(todo, c -> c.ordinal, out, blames, progress, keep);
      replayed = blameWalk.replayed();
    }
    long t2 = System.nanoTime();

    List<Branch> branches = new ArrayList<>();
    ObjectId defaultTip = defaultBranch == null ? null : repo.resolve(Constants.R_HEADS + defaultBranch + "^{commit}");
    try (BranchAnalyzer analyzer = new BranchAnalyzer(repo, defaultTip, shallow)) {
      for (Map.Entry<String, ObjectId> e : tips.entrySet()) {
        String name = e.getKey().substring(Constants.R_HEADS.length());
        boolean isDefault = name.equals(defaultBranch);
        BranchAnalyzer.BranchFacts f = analyzer.analyze(e.getValue(), isDefault);
        branches.add(branch(f, e.getValue()).refId(name).name(name)
            .url(url(options.branchUrlTemplate(), "{branch}", name)).isDefault(isDefault).build());
      }
      for (Map.Entry<PullRequestHead, ObjectId> e : prTips.entrySet()) {
        PullRequestHead pr = e.getKey();
        BranchAnalyzer.BranchFacts f = analyzer.analyze(e.getValue(), false);
        String name = pr.branchName() == null || pr.branchName().isEmpty() ? pr.tokenRef() : pr.branchName();
        // No url: a pull request's branch often lives in a fork, where the template does not point.
        branches.add(branch(f, e.getValue())
            .refId(Branch.pullRequestRefId(pr.tokenRef().substring(PULL_TOKEN_PREFIX.length())))
            .pullRequestId(pr.id()).name(name).build());
      }
    }
    log.info("git history: {} new commits, {} branches; graph walk {} ms, diffs {} ms, branches {} ms", emitted,
        branches.size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
    Map<String, String> next = new LinkedHashMap<>();
    tips.forEach((ref, id) -> next.put(ref, id.name()));
    prTips.forEach((pr, id) -> next.put(pr.tokenRef(), id.name()));
    return new Result(emitted, List.copyOf(branches), previous, new HistoryToken(next, boundary, after + todo.size()),
        replayed);
  }

  /**
   * The ordinal the new commits are numbered on from. A full export (no token, an unreadable one, a
   * deepened shallow repository) numbers from 1. An incremental one goes on from the highest
   * ordinal given so far, so a new commit's is higher than any sent before it. A token of an agent
   * that did not record it (its ordinals were topological levels) goes on from the number of
   * commits it covered that are still in the history: higher than any level among them.
   */
  private static long firstOrdinalAfter(HistoryToken previous, boolean deepened, long available, long fresh) {
    if (deepened) {
      return 0;
    }
    if (previous.ordinal() != HistoryToken.NO_ORDINAL) {
      return previous.ordinal();
    }
    return available - fresh;
  }

  /** Where the repository is, for an operator: as configured, else its working tree or bare folder. */
  private String location() {
    if (location != null && !location.isEmpty()) {
      return location;
    }
    return (repo.isBare() ? repo.getDirectory() : repo.getWorkTree()).toString();
  }

  /** The exported branches: full ref name to the commit it points to, sorted by name. */
  Map<String, ObjectId> branchTips() throws IOException {
    List<Pattern> globs = options.branchGlobs().stream().map(GitHistoryWalker::branchGlob).toList();
    Map<String, ObjectId> tips = new java.util.TreeMap<>();
    try (RevWalk rw = new RevWalk(repo)) {
      for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
        String name = ref.getName().substring(Constants.R_HEADS.length());
        if (!globs.isEmpty() && globs.stream().noneMatch(g -> g.matcher(name).matches())) {
          continue;
        }
        ObjectId id = ref.getObjectId();
        if (id == null) {
          continue;
        }
        RevObject o = rw.peel(rw.parseAny(id));
        if (o instanceof RevCommit) {
          tips.put(ref.getName(), o.copy());
        }
      }
    }
    return tips;
  }

  /**
   * The pull request heads whose commit is in the repository, in the order given; one per token
   * ref. A head that is not (a fork's branch not fetched, a sha the server never had) is skipped
   * with a warning: the pull request's branch is missing from this export, nothing else.
   */
  Map<PullRequestHead, ObjectId> pullRequestTips() throws IOException {
    Map<PullRequestHead, ObjectId> tips = new LinkedHashMap<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    try (RevWalk rw = new RevWalk(repo)) {
      for (PullRequestHead pr : options.pullRequests()) {
        if (!seen.add(pr.tokenRef())) {
          log.warn("pull request {} ({}) is listed twice, exporting its first head only", pr.id(), pr.tokenRef());
          continue;
        }
        try {
          if (pr.headSha() != null && ObjectId.isId(pr.headSha())) {
            tips.put(pr, rw.parseCommit(ObjectId.fromString(pr.headSha())).copy());
            continue;
          }
        } catch (org.eclipse.jgit.errors.MissingObjectException
            | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
          // not in the repository: warned below
        }
        log.warn("pull request {} ({}, branch {}): head commit {} is not in the repository, its branch is skipped",
            pr.id(), pr.tokenRef(), pr.branchName(), pr.headSha());
      }
    }
    return tips;
  }

  private String defaultBranch(java.util.Set<String> exported) throws IOException {
    if (options.defaultBranch() != null && !options.defaultBranch().isEmpty()) {
      return options.defaultBranch();
    }
    Ref head = repo.exactRef(Constants.HEAD);
    if (head != null && head.isSymbolic() && head.getTarget().getName().startsWith(Constants.R_HEADS)
        && head.getTarget().getObjectId() != null) {
      return head.getTarget().getName().substring(Constants.R_HEADS.length());
    }
    for (String candidate : List.of("main", "master")) {
      if (repo.exactRef(Constants.R_HEADS + candidate) != null) {
        return candidate;
      }
    }
    return exported.isEmpty() ? null : exported.iterator().next().substring(Constants.R_HEADS.length());
  }

  private static List<ObjectId> stillExisting(RevWalk walk, HistoryToken previous) {
    List<ObjectId> valid = new ArrayList<>();
    for (Map.Entry<String, String> e : previous.tips().entrySet()) {
      try {
        valid.add(walk.parseCommit(ObjectId.fromString(e.getValue())).copy());
      } catch (IOException | IllegalArgumentException gone) {
        // Force-pushed or deleted and collected: commits it covered may be emitted again.
        log.info("previous tip of {} ({}) is gone from the repository", e.getKey(), e.getValue());
      }
    }
    return valid;
  }

  /** A branch of this repository pointing at {@code tip}, with its facts; the caller names it. */
  private BranchBuilder branch(BranchAnalyzer.BranchFacts f, ObjectId tip) {
    return Branch.builder().customerId(options.customerId()).refType(options.refType()).repoId(options.repoId())
        .merged(f.merged()).mergeCommitSha(f.mergeCommitSha()).commitShas(f.commitShas())
        .firstCommitSha(f.firstCommitSha()).branchedFromCommitShas(f.branchedFromCommitShas())
        .aheadDefaultCount(f.ahead()).behindDefaultCount(f.behind()).tipSha(tip.name());
  }

  /** The template with its placeholder replaced by {@code value}; null without a template. */
  static String url(String template, String placeholder, String value) {
    return template == null || template.isEmpty() ? null : template.replace(placeholder, value);
  }

  /** A branch glob matches whole branch names (see {@link Globs}). */
  static Pattern branchGlob(String glob) {
    return Pattern.compile(Globs.translate(glob, new StringBuilder()).toString());
  }
}
