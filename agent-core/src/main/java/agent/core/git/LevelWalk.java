package agent.core.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * A commit-graph walk that knows each commit's topological level (a root is 1, any other commit 1 +
 * its highest parent's), the {@code ordinal} of an exported commit. Bodies are not retained: a
 * commit costs about 100 bytes, so a 100,000-commit history fits in a few megabytes.
 *
 * <p>In a shallow repository a boundary commit walks as parentless, so it is level 1 too, and the
 * levels count from the boundary; {@link #boundary()} says which boundary commits the walk met.
 */
final class LevelWalk extends RevWalk {
  /** A commit with its level; 0 until {@link #computeLevels} reached it. */
  static final class LevelCommit extends RevCommit {
    long level;

    LevelCommit(AnyObjectId id) {
      super(id);
    }
  }

  private final ShallowBoundary shallow;
  private final List<String> boundary = new ArrayList<>();

  LevelWalk(Repository repo, ShallowBoundary shallow) {
    super(repo);
    this.shallow = shallow;
    setRetainBody(false);
  }

  @Override
  protected RevCommit createCommit(AnyObjectId id) {
    return new LevelCommit(id);
  }

  /**
   * Sets the level of every commit reachable from {@code tips} and notes the boundary commits among
   * them; returns how many commits are reachable.
   */
  long computeLevels(Collection<ObjectId> tips) throws IOException {
    reset();
    boundary.clear();
    sort(RevSort.TOPO);
    sort(RevSort.REVERSE, true);
    for (ObjectId tip : tips) {
      markStart(parseCommit(tip));
    }
    long reachable = 0;
    for (RevCommit c; (c = next()) != null; ) {
      long level = 0;
      for (RevCommit p : c.getParents()) {
        level = Math.max(level, ((LevelCommit) p).level);
      }
      ((LevelCommit) c).level = level + 1;
      if (level == 0 && shallow.contains(c)) {
        boundary.add(c.name());
      }
      reachable++;
    }
    return reachable;
  }

  /** The boundary commits of a shallow repository that the last {@link #computeLevels} reached. */
  List<String> boundary() {
    return List.copyOf(boundary);
  }

  /**
   * The commits reachable from {@code tips} and not from {@code done}, parents before children;
   * call after {@link #computeLevels} with the same tips.
   */
  List<LevelCommit> newCommits(Collection<ObjectId> tips, Collection<ObjectId> done) throws IOException {
    reset();
    sort(RevSort.TOPO);
    sort(RevSort.REVERSE, true);
    for (ObjectId tip : tips) {
      markStart(parseCommit(tip));
    }
    for (ObjectId d : done) {
      markUninteresting(parseCommit(d));
    }
    List<LevelCommit> out = new ArrayList<>();
    for (RevCommit c; (c = next()) != null; ) {
      out.add((LevelCommit) c);
    }
    return out;
  }
}
