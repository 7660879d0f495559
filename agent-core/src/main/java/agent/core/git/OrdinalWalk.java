package agent.core.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevFlag;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * A commit-graph walk that puts the commits an export emits in their order, the order their {@code
 * ordinal}s follow (see {@link GitHistoryWalker}). Bodies are not retained: a commit costs about 100 bytes,
 * so a 100,000-commit history fits in a few megabytes.
 *
 * <p>The order is git's {@code git log --date-order --reverse <tips> --not <done>}: parents before
 * children, otherwise oldest commit time first. Git builds it newest first: a commit becomes ready
 * once all its children (among the commits listed) are out, and the ready commit with the newest
 * commit time goes next, the one that became ready first on a tie; the tips start ready, ordered
 * by commit time, then as given. The same rules here give the same list, so a test can hold it
 * against the CLI.
 *
 * <p>In a shallow repository a boundary commit walks as parentless; {@link #boundary()} says which
 * boundary commits {@link #scan} met.
 */
final class OrdinalWalk extends RevWalk {
  /** A commit with its ordinal; 0 until the caller numbers it. */
  static final class OrdinalCommit extends RevCommit {
    long ordinal;
    /** Children among the commits being ordered that are not out yet. */
    private int waiting;
    /** When it became ready, for git's tie rule. */
    private long readySeq;

    OrdinalCommit(AnyObjectId id) {
      super(id);
    }
  }

  private final ShallowBoundary shallow;
  private final List<String> boundary = new ArrayList<>();
  private final RevFlag listed = newFlag("listed");
  private final RevFlag started = newFlag("started");

  OrdinalWalk(Repository repo, ShallowBoundary shallow) {
    super(repo);
    this.shallow = shallow;
    setRetainBody(false);
  }

  @Override
  protected RevCommit createCommit(AnyObjectId id) {
    return new OrdinalCommit(id);
  }

  /**
   * Walks every commit reachable from {@code tips}, notes the boundary commits among them and
   * returns how many there are.
   */
  long scan(List<ObjectId> tips) throws IOException {
    reset();
    boundary.clear();
    for (ObjectId tip : tips) {
      markStart(parseCommit(tip));
    }
    long reachable = 0;
    for (RevCommit c; (c = next()) != null; ) {
      if (c.getParentCount() == 0 && shallow.contains(c)) {
        boundary.add(c.name());
      }
      reachable++;
    }
    return reachable;
  }

  /** The boundary commits of a shallow repository that the last {@link #scan} reached. */
  List<String> boundary() {
    return List.copyOf(boundary);
  }

  /**
   * The commits reachable from {@code tips} and not from {@code done}, in the order of {@code git
   * log --date-order --reverse <tips> --not <done>}.
   */
  List<OrdinalCommit> newCommits(List<ObjectId> tips, List<ObjectId> done) throws IOException {
    reset();
    for (ObjectId tip : tips) {
      markStart(parseCommit(tip));
    }
    for (ObjectId d : done) {
      markUninteresting(parseCommit(d));
    }
    List<OrdinalCommit> listedCommits = new ArrayList<>();
    for (RevCommit c; (c = next()) != null; ) {
      OrdinalCommit oc = (OrdinalCommit) c;
      oc.add(listed);
      oc.waiting = 0;
      listedCommits.add(oc);
    }
    for (OrdinalCommit c : listedCommits) {
      for (RevCommit p : c.getParents()) {
        if (p.has(listed)) {
          ((OrdinalCommit) p).waiting++;
        }
      }
    }
    // Ready commits: newest commit time first; on a tie, the one that became ready first.
    PriorityQueue<OrdinalCommit> ready = new PriorityQueue<>(
        Comparator.comparingInt(OrdinalCommit::getCommitTime).reversed().thenComparingLong(c -> c.readySeq));
    long seq = 0;
    // The tips of the list, as git starts: by commit time, newest first, then in the order given.
    List<OrdinalCommit> start = new ArrayList<>();
    for (ObjectId tip : tips) {
      OrdinalCommit c = (OrdinalCommit) lookupCommit(tip);
      if (c.has(listed) && c.waiting == 0 && !c.has(started)) {
        c.add(started);
        start.add(c);
      }
    }
    start.sort(Comparator.comparingInt(OrdinalCommit::getCommitTime).reversed());
    for (OrdinalCommit c : start) {
      c.readySeq = seq++;
      ready.add(c);
    }
    OrdinalCommit[] newestFirst = new OrdinalCommit[listedCommits.size()];
    int n = 0;
    for (OrdinalCommit c; (c = ready.poll()) != null; ) {
      newestFirst[n++] = c;
      for (RevCommit p : c.getParents()) {
        OrdinalCommit op = (OrdinalCommit) p;
        if (op.has(listed) && --op.waiting == 0) {
          op.readySeq = seq++;
          ready.add(op);
        }
      }
    }
    if (n != newestFirst.length) {
      throw new IllegalStateException("the commit graph has a cycle: ordered " + n + " of " + newestFirst.length);
    }
    List<OrdinalCommit> out = new ArrayList<>(n);
    for (int i = n - 1; i >= 0; i--) {
      out.add(newestFirst[i]);
    }
    return out;
  }
}
