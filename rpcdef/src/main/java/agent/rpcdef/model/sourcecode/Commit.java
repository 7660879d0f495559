package agent.rpcdef.model.sourcecode;

import agent.rpcdef.model.Date;
import agent.rpcdef.model.Hashcode;
import agent.rpcdef.model.Ids;
import java.util.List;
import java.util.Objects;

/**
 * A commit of a repository ({@code sourcecode.Commit}) with its per-file statistics. A merge
 * commit's statistics are its diff against its first parent, as {@code git log --numstat
 * --first-parent} reports them; a root commit's are its diff against the empty tree. Its {@code
 * ref_id} is the sha.
 *
 * <p>{@code id} = {@code Ids.of(customerId, refType, refId, repoId)}; {@code hashcode} covers every
 * other field. Both are derived when passed null.
 *
 * @param repoId the {@code id} of the {@link Repo}
 * @param sha the full commit sha (40 hex characters for git)
 * @param message the full commit message
 * @param url the commit's web page, if the repository has one
 * @param author who wrote the change, with the author date and the author's UTC offset
 * @param committer who committed it, with the commit date and the committer's UTC offset
 * @param parents the shas of its parents, first parent first; empty for a root commit
 * @param ordinal the commit's topological level: 1 for a root commit, otherwise 1 + the highest
 *     ordinal of its parents (git's commit-graph "topological level"). It depends only on the
 *     commit's ancestry, so it is the same in every export, and a parent always has a smaller
 *     ordinal than its children
 * @param additions lines added over the files that are not {@code excluded}
 * @param deletions lines deleted over the files that are not {@code excluded}
 * @param filesChanged the number of entries in {@code files}, excluded ones included
 * @param files the changed files in git's diff order (by path)
 */
public record Commit(
    String id,
    String refId,
    String refType,
    String customerId,
    String hashcode,
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
    int filesChanged,
    List<CommitFile> files) {

  public static final String MODEL = "sourcecode.Commit";

  /**
   * A person as a commit records them.
   *
   * @param name the name as written in the commit
   * @param email the e-mail address as written in the commit
   * @param date when, with the UTC offset recorded in the commit
   */
  public record Signature(String name, String email, Date date) {}

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
    if (hashcode == null) {
      // Nested records are hashed field by field: record toString output is never hashed.
      hashcode = Hashcode.of(refId, refType, customerId, repoId, sha, message, url,
          author == null ? null : author.name(), author == null ? null : author.email(),
          author == null ? null : author.date(), committer == null ? null : committer.name(),
          committer == null ? null : committer.email(), committer == null ? null : committer.date(), parents, ordinal,
          additions, deletions, filesChanged, files.stream().map(CommitFile::contentHash).toList());
    }
  }

  /**
   * A commit with its {@code id} and {@code hashcode} derived, its ref id its sha, and {@code
   * additions}, {@code deletions} and {@code files_changed} summed from {@code files}.
   */
  public static Commit of(String customerId, String refType, String repoId, String sha, String message, String url,
      Signature author, Signature committer, List<String> parents, long ordinal, List<CommitFile> files) {
    int additions = 0;
    int deletions = 0;
    for (CommitFile f : files) {
      if (!f.excluded()) {
        additions += f.additions();
        deletions += f.deletions();
      }
    }
    return new Commit(null, sha, refType, customerId, null, repoId, sha, message, url, author, committer, parents,
        ordinal, additions, deletions, files.size(), files);
  }
}
