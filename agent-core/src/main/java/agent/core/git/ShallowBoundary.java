package agent.core.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * The boundary of a shallow repository ({@code git clone --depth N}, {@code --shallow-since}): the
 * commits its {@code shallow} file lists, which it has without their parents. JGit's walks see
 * them as parentless, as git does ({@code git log} shows no parents and diffs them against the
 * empty tree); this class tells such a commit from a real root, and whether a boundary an earlier
 * export recorded has since been deepened.
 */
final class ShallowBoundary {
  private final Set<ObjectId> commits;

  private ShallowBoundary(Set<ObjectId> commits) {
    this.commits = commits;
  }

  /** The repository's boundary as its {@code shallow} file has it now; empty for a complete repository. */
  static ShallowBoundary of(Repository repo) throws IOException {
    return new ShallowBoundary(Set.copyOf(repo.getObjectDatabase().getShallowCommits()));
  }

  /** Whether {@code commit} is a boundary commit: its parents are not in the repository. */
  boolean contains(AnyObjectId commit) {
    return commits.contains(commit);
  }

  /**
   * The commits of {@code previous} (the boundary an earlier export reached) that the repository
   * now has with their parents: there the history was deepened or unshallowed since. A commit no
   * longer in the repository at all does not count.
   */
  List<String> deepenedSince(Collection<String> previous, ObjectReader reader) throws IOException {
    List<String> deepened = new ArrayList<>();
    for (String sha : previous) {
      ObjectId id = ObjectId.fromString(sha);
      if (!commits.contains(id) && reader.has(id)) {
        deepened.add(sha);
      }
    }
    return deepened;
  }
}
