package agent.core.git;

import agent.rpcdef.model.sourcecode.Branch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevFlag;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Where each branch stands against the default branch: merged or not, through which merge commit,
 * its own commits, where it branched from, how far ahead and behind.
 *
 * <p>A branch's own commits are those reachable from its tip but not from its base. The base is the
 * default branch's tip for a branch not merged, and the first parent of the merge commit for a
 * merged one (so a merged branch still lists the commits it brought in). The merge commit is the
 * oldest commit on the default branch's first-parent line from which the tip is reachable; when that
 * is the tip itself (a fast-forward, or a branch with no commits of its own) there is none and the
 * branch lists no own commits. The default branch lists every commit reachable from its tip, in
 * the order of {@code git rev-list --date-order --reverse} (parents first), uncapped: it is how a
 * consumer tells which commits are on it, as the original agent's ripsrc listed them; its {@code
 * first_commit_sha} is the root of its first-parent line. Other branches' lists are capped at {@link
 * Branch#MAX_COMMIT_SHAS}, oldest kept.
 *
 * <p>Ahead and behind, as the original agent counted them: a branch not merged is ahead by its own
 * commits ({@code git rev-list --count <default>..<tip>}) and behind by the default branch's
 * commits it lacks ({@code git rev-list --count <tip>..<default>}); a merged branch is ahead by the
 * commits it brought in (its own commits, all of them) and behind by none: it has nothing left to
 * take from the default branch, and its counts stop changing once merged.
 *
 * <p>In a shallow repository every fact is computed on the available history, where a boundary
 * commit has no parents. Reachability found there holds in the full history too ({@code merged}
 * is never claimed wrongly); counts and own commits may differ from the full history's. What
 * would name a beginning the repository does not have is left out: the default branch has no
 * {@code first_commit_sha} when its first-parent line ends at a boundary commit rather than a
 * root, and a branch whose own commits run into the boundary (it forked, or its base lies, beyond
 * the available history) has no {@code first_commit_sha} and no {@code branched_from_commit_shas}.
 *
 * <p>Cost: once, one topological walk of the default branch's history that tells each of its
 * commits which first-parent commit brought it in (about 100 bytes a commit), and for the default
 * branch's own object a second one that lists it (a 41-byte sha a commit in the export). Then per
 * branch a walk of its own commits and, unless merged, a count of how far behind it is that costs
 * at most about the default branch's history (see {@link #behind}). Not thread-safe.
 */
final class BranchAnalyzer implements AutoCloseable {
  /** A default-branch commit and the first-parent commit that brought it in. */
  private static final class LineCommit extends RevCommit {
    /** Index in {@link #defaultFirstParents} of the line commit that brought it in; -1 if none. */
    int introducedAt = -1;
    /** Its own index in {@link #defaultFirstParents}, if it is on the line; -1 otherwise. */
    int lineIndex = -1;

    LineCommit(AnyObjectId id) {
      super(id);
    }
  }

  /** The default branch's history, each commit knowing what brought it in. */
  private static final class LineWalk extends RevWalk {
    LineWalk(ObjectReader reader) {
      super(reader);
      setRetainBody(false);
    }

    @Override
    protected RevCommit createCommit(AnyObjectId id) {
      return new LineCommit(id);
    }
  }

  private final Repository repo;
  private final ObjectReader reader;
  private final LineWalk line;
  /** Long-lived, so that commits are parsed once; see {@link #reuse}. */
  private final RevWalk walk;
  private final RevCommit defaultTip;
  private final ShallowBoundary shallow;
  private final List<RevCommit> defaultFirstParents = new ArrayList<>();
  private int defaultHistorySize;

  /**
   * @param defaultTip the default branch's tip, or null when the repository has none
   * @param shallow the repository's shallow boundary, empty for a complete repository
   */
  BranchAnalyzer(Repository repo, ObjectId defaultTip, ShallowBoundary shallow) throws IOException {
    this.repo = repo;
    this.shallow = shallow;
    this.reader = repo.newObjectReader();
    this.line = new LineWalk(reader);
    this.walk = newWalk();
    this.defaultTip = defaultTip == null ? null : line.parseCommit(defaultTip);
    for (RevCommit c = this.defaultTip; c != null; c = c.getParentCount() == 0 ? null : c.getParent(0)) {
      line.parseHeaders(c);
      ((LineCommit) c).lineIndex = defaultFirstParents.size();
      defaultFirstParents.add(c);
    }
    if (this.defaultTip == null) {
      return;
    }
    // Children before parents: a commit is brought in by the oldest line commit that reaches it, the
    // oldest among what brought its children in (older is a higher index), or itself on the line.
    line.sort(RevSort.TOPO);
    line.markStart(this.defaultTip);
    for (RevCommit c; (c = line.next()) != null; ) {
      LineCommit lc = (LineCommit) c;
      if (lc.lineIndex >= 0) {
        lc.introducedAt = lc.lineIndex;
      }
      for (RevCommit p : c.getParents()) {
        LineCommit lp = (LineCommit) p;
        lp.introducedAt = Math.max(lp.introducedAt, lc.introducedAt);
      }
      defaultHistorySize++;
    }
  }

  /** The facts of one branch; {@code isDefault} for the default branch itself. */
  BranchFacts analyze(ObjectId tipId, boolean isDefault) throws IOException {
    if (isDefault || defaultTip == null) {
      RevCommit last = defaultFirstParents.isEmpty() ? null : defaultFirstParents.get(defaultFirstParents.size() - 1);
      // A line that ends at a shallow boundary commit has its root beyond the repository.
      String root = last == null || shallow.contains(last) ? null : last.name();
      return new BranchFacts(false, null, isDefault ? defaultHistory() : List.of(), isDefault ? root : null,
          List.of(), defaultTip == null ? count(tipId) : 0, 0);
    }
    LineCommit onDefault = (LineCommit) line.lookupCommit(tipId);
    boolean merged = onDefault.introducedAt >= 0;
    ObjectId base = defaultTip;
    String mergeCommit = null;
    if (merged) {
      RevCommit m = defaultFirstParents.get(onDefault.introducedAt);
      if (m.equals(tipId)) {
        base = tipId;
      } else {
        mergeCommit = m.name();
        base = m.getParent(0);
      }
    }
    List<String> own = new ArrayList<>();
    Set<String> branchedFrom = new LinkedHashSet<>();
    reuse(walk);
    walk.sort(RevSort.TOPO);
    walk.sort(RevSort.REVERSE, true);
    walk.markStart(walk.parseCommit(tipId));
    walk.markUninteresting(walk.parseCommit(base));
    List<RevCommit> ownCommits = new ArrayList<>();
    for (RevCommit c : walk) {
      ownCommits.add(c);
    }
    boolean cut = false;
    // After the walk every parent shared with the base carries UNINTERESTING.
    for (RevCommit c : ownCommits) {
      cut |= shallow.contains(c);
      if (own.size() < Branch.MAX_COMMIT_SHAS) {
        own.add(c.name());
      }
      for (RevCommit p : c.getParents()) {
        if (p.has(RevFlag.UNINTERESTING) && branchedFrom.size() < Branch.MAX_COMMIT_SHAS) {
          branchedFrom.add(p.name());
        }
      }
    }
    // Unmerged, the own commits are exactly those ahead; merged, they are what it brought in.
    int ahead = ownCommits.size();
    int behind = merged ? 0 : behind(tipId);
    if (cut) {
      // The own commits run into a shallow boundary: the oldest found and its parents are where the
      // repository stops, not where the branch started.
      return new BranchFacts(merged, mergeCommit, own, null, List.of(), ahead, behind);
    }
    return new BranchFacts(merged, mergeCommit, own, own.isEmpty() ? null : own.get(0), List.copyOf(branchedFrom),
        ahead, behind);
  }

  /** Every commit of the default branch, parents first ({@code git rev-list --date-order --reverse}). */
  private List<String> defaultHistory() throws IOException {
    if (defaultTip == null) {
      return List.of();
    }
    try (OrdinalWalk w = new OrdinalWalk(repo, shallow)) {
      List<OrdinalWalk.OrdinalCommit> all = w.newCommits(List.of(defaultTip), List.of());
      List<String> names = new ArrayList<>(all.size());
      for (RevCommit c : all) {
        names.add(c.name());
      }
      return names;
    }
  }

  /**
   * Commits of the default branch the tip does not have. Counted directly (default ^tip) that is
   * the whole history since an old branch forked; counted the other way (the default branch's size
   * minus the tip's ancestors that are on it) it is the whole history before a young one. Both
   * run in step and the first to finish answers, so a branch costs at most about the history once.
   */
  private int behind(ObjectId tipId) throws IOException {
    RevWalk direct = reuse(walk);
    // The tip's ancestors on the line walk itself: its commits know whether they are the default's.
    RevWalk ancestors = reuse(line);
    direct.markStart(direct.parseCommit(defaultTip));
    direct.markUninteresting(direct.parseCommit(tipId));
    ancestors.markStart(ancestors.parseCommit(tipId));
    int counted = 0;
    int shared = 0;
    while (true) {
      if (direct.next() == null) {
        return counted;
      }
      counted++;
      RevCommit a = ancestors.next();
      if (a == null) {
        return defaultHistorySize - shared;
      }
      if (((LineCommit) a).introducedAt >= 0) {
        shared++;
      }
    }
  }

  private int count(ObjectId tipId) throws IOException {
    reuse(walk);
    walk.markStart(walk.parseCommit(tipId));
    int n = 0;
    while (walk.next() != null) {
      n++;
    }
    return n;
  }

  /**
   * Readies a long-lived walk for a new traversal. Its reset costs the size of its object pool, a
   * fresh walk would parse every commit again from the pack: far dearer.
   */
  private static RevWalk reuse(RevWalk w) {
    w.reset();
    w.sort(RevSort.NONE);
    return w;
  }

  private RevWalk newWalk() {
    RevWalk walk = new RevWalk(reader);
    walk.setRetainBody(false);
    return walk;
  }

  @Override
  public void close() {
    walk.close();
    line.close();
    reader.close();
  }

  /** What {@link #analyze} found; see {@link Branch} for the meaning of each field. */
  record BranchFacts(boolean merged, String mergeCommitSha, List<String> commitShas, String firstCommitSha,
      List<String> branchedFromCommitShas, int ahead, int behind) {}
}
