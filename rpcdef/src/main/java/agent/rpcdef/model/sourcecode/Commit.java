package agent.rpcdef.model.sourcecode;

import agent.rpcdef.model.Date;
import agent.rpcdef.model.ExportedObject;
import agent.rpcdef.model.Ids;
import agent.rpcdef.model.ModelBuilder;
import java.util.List;
import java.util.Objects;

/**
 * A commit of a repository ({@code sourcecode.Commit}) with its per-file statistics. A merge
 * commit's statistics are its diff against its first parent, as {@code git log --numstat
 * --first-parent} reports them; a root commit's are its diff against the empty tree. Its {@code
 * ref_id} is the sha.
 *
 * <p>{@code id} = {@code Ids.of(customerId, refType, refId, repoId)}; derived when not given.
 * {@code hashcode} is computed from every other component, none left out ({@link
 * ExportedObject#hashcode}).
 *
 * @param repoId the {@code id} of the {@link Repo}
 * @param sha the full commit sha (40 hex characters for git)
 * @param message the full commit message
 * @param url the commit's web page, if the repository has one
 * @param author who wrote the change, with the author date and the author's UTC offset
 * @param committer who committed it, with the commit date and the committer's UTC offset
 * @param parents the shas of its parents, first parent first; empty for a root commit
 * @param ordinal the commit's number among its repository's exported commits: a full export numbers
 *     them 1..N in the order of {@code git log --date-order --reverse} over the exported branches
 *     (parents before children, otherwise oldest commit time first); an incremental export numbers
 *     its new commits on from the highest ordinal given before, in the same order. A parent's is
 *     always lower than its child's, and no two commits sent since the last full export share one;
 *     a commit sent again (by a full export, or after a force push) gets a new one
 * @param additions lines added over the files that are not {@code excluded}
 * @param deletions lines deleted over the files that are not {@code excluded}
 * @param loc lines, summed over the {@code files} that are not {@code excluded} and have {@code
 *     loc}; absent when no file has it (code statistics off, or only removed and binary files)
 * @param sloc lines of code, summed the same way
 * @param comments comment lines, summed the same way
 * @param blanks blank lines, summed the same way
 * @param complexity complexity, summed the same way
 * @param filesChanged the number of entries in {@code files}, excluded ones included
 * @param files the changed files in git's diff order (by path)
 */
@ModelBuilder
public record Commit(
    String id,
    String refId,
    String refType,
    String customerId,
    String repoId,
    String sha,
    String message,
    String url,
    Signature author,
    Signature committer,
    List<String> parents,
    long ordinal,
    int additions,
    int deletions,
    Long loc,
    Long sloc,
    Long comments,
    Long blanks,
    Long complexity,
    int filesChanged,
    List<CommitFile> files) implements ExportedObject {

  public static final String MODEL = "sourcecode.Commit";

  /**
   * A person as a commit records them. Hashed in its commit's {@code hashcode} field by field, in
   * place (see {@link agent.rpcdef.model.Hashcode}).
   *
   * @param name the name as written in the commit
   * @param email the e-mail address as written in the commit
   * @param date when, with the UTC offset recorded in the commit
   */
  @ModelBuilder
  public record Signature(String name, String email, Date date) {

    /** A builder: name each field. */
    public static CommitSignatureBuilder builder() {
      return CommitSignatureBuilder.builder();
    }
  }

  /**
   * A builder: name each field, leave {@code id} unset to have it derived. For a commit read from
   * git, {@link #builder(List)} fills in the totals of its files.
   */
  public static CommitBuilder builder() {
    return CommitBuilder.builder();
  }

  /**
   * A builder with {@code files} set and {@code additions}, {@code deletions}, the code statistics
   * and {@code files_changed} summed from them as documented (excluded files count in {@code
   * files_changed} only). Setting {@code files} again afterwards leaves the totals as they were.
   */
  public static CommitBuilder builder(List<CommitFile> files) {
    int additions = 0;
    int deletions = 0;
    boolean counted = false;
    long loc = 0;
    long sloc = 0;
    long comments = 0;
    long blanks = 0;
    long complexity = 0;
    for (CommitFile f : files) {
      counted |= f.loc() != null;
      if (!f.excluded()) {
        additions += f.additions();
        deletions += f.deletions();
        if (f.loc() != null) {
          loc += f.loc();
          sloc += f.sloc();
          comments += f.comments();
          blanks += f.blanks();
          complexity += f.complexity();
        }
      }
    }
    CommitBuilder b = CommitBuilder.builder().files(files).additions(additions).deletions(deletions)
        .filesChanged(files.size());
    return counted ? b.loc(loc).sloc(sloc).comments(comments).blanks(blanks).complexity(complexity) : b;
  }

  public Commit {
    Objects.requireNonNull(refId, "sourcecode.Commit needs a ref_id");
    Objects.requireNonNull(refType, "sourcecode.Commit needs a ref_type");
    Objects.requireNonNull(customerId, "sourcecode.Commit needs a customer_id");
    Objects.requireNonNull(repoId, "sourcecode.Commit needs a repo_id");
    parents = parents == null ? List.of() : List.copyOf(parents);
    files = files == null ? List.of() : List.copyOf(files);
    if (id == null) {
      id = Ids.of(customerId, refType, refId, repoId);
    }
  }
}
