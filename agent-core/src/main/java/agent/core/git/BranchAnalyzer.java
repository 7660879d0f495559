package agent.core.git;

import agent.rpcdef.model.sourcecode.Branch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
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
 * branch lists no own commits. The default branch lists no own commits; its {@code
 * first_commit_sha} is the root of its first-parent line. Lists are capped at {@link
 * Branch#MAX_COMMIT_SHAS}, oldest kept.
 *
 * <p>Cost: once, a walk of the default branch's history that maps each of its commits to the
 * first-parent commit that brought it in (a few megabytes for 100,000 commits); then per branch a
 * walk of its own commits and a count of how far behind it is that costs at most about the default
 * branch's history (see {@link #behind}). Not thread-safe.
 */
final class BranchAnalyzer implements AutoCloseable {
  private final RevWalk walk;
  /** A second walk, for racing two ways of counting "behind" (see {@link #behind}). */
  private final RevWalk ancestors;
  private final RevCommit defaultTip;
  private final List<RevCommit> defaultFirstParents;
  /** Every commit of the default branch to the commit of its first-parent line that brought it in. */
  private final Map<ObjectId, RevCommit> introducedBy = new HashMap<>();

  /** @param defaultTip the default branch's tip, or null when the repository has none */
  BranchAnalyzer(Repository repo, ObjectId defaultTip) throws IOException {
    this.walk = new RevWalk(repo);
    walk.setRetainBody(false);
    this.ancestors = new RevWalk(repo);
    ancestors.setRetainBody(false);
    this.defaultTip = defaultTip == null ? null : walk.parseCommit(defaultTip);
    this.defaultFirstParents = new ArrayList<>();
    for (RevCommit c = this.defaultTip; c != null; c = c.getParentCount() == 0 ? null : c.getParent(0)) {
      walk.parseHeaders(c);
      defaultFirstParents.add(c);
    }
    // Oldest first: a commit belongs to the oldest line commit that reaches it, the one that merged it.
    for (int i = defaultFirstParents.size() - 1; i >= 0; i--) {
      RevCommit m = defaultFirstParents.get(i);
      introducedBy.put(m, m);
      if (m.getParentCount() > 1) {
        walk.reset();
        walk.sort(RevSort.NONE);
        for (int p = 1; p < m.getParentCount(); p++) {
          walk.markStart(m.getParent(p));
        }
        walk.markUninteresting(m.getParent(0));
        for (RevCommit c; (c = walk.next()) != null; ) {
          introducedBy.putIfAbsent(c.copy(), m);
        }
      }
    }
  }

  /** The facts of one branch; {@code isDefault} for the default branch itself. */
  BranchFacts analyze(ObjectId tipId, boolean isDefault) throws IOException {
    RevCommit tip = walk.parseCommit(tipId);
    if (isDefault || defaultTip == null) {
      String root = defaultFirstParents.isEmpty() ? null : defaultFirstParents.get(defaultFirstParents.size() - 1)
          .name();
      return new BranchFacts(false, null, List.of(), isDefault ? root : null, List.of(),
          defaultTip == null ? count(tip, null) : 0, 0);
    }
    RevCommit m = introducedBy.get(tip);
    boolean merged = m != null;
    RevCommit base = defaultTip;
    String mergeCommit = null;
    if (merged) {
      if (m.equals(tip)) {
        base = tip;
      } else {
        mergeCommit = m.name();
        base = m.getParent(0);
      }
    }
    List<String> own = new ArrayList<>();
    Set<String> branchedFrom = new LinkedHashSet<>();
    walk.reset();
    walk.sort(RevSort.TOPO);
    walk.sort(RevSort.REVERSE, true);
    walk.markStart(tip);
    walk.markUninteresting(walk.parseCommit(base));
    List<RevCommit> ownCommits = new ArrayList<>();
    for (RevCommit c : walk) {
      ownCommits.add(c);
    }
    // After the walk every parent shared with the base carries UNINTERESTING.
    for (RevCommit c : ownCommits) {
      if (own.size() < Branch.MAX_COMMIT_SHAS) {
        own.add(c.name());
      }
      for (RevCommit p : c.getParents()) {
        if (p.has(RevFlag.UNINTERESTING) && branchedFrom.size() < Branch.MAX_COMMIT_SHAS) {
          branchedFrom.add(p.name());
        }
      }
    }
    // Unmerged, the own commits are exactly those ahead; merged, none are.
    int ahead = merged ? 0 : ownCommits.size();
    int behind = behind(tip);
    return new BranchFacts(merged, mergeCommit, own, own.isEmpty() ? null : own.get(0), List.copyOf(branchedFrom),
        ahead, behind);
  }

  /**
   * Commits of the default branch the tip does not have. Counted directly (default ^tip) that is
   * the whole history since an old branch forked; counted the other way (the default branch's size
   * minus the tip's ancestors that are on it) it is the whole history before a young one. Both
   * run in step and the first to finish answers, so a branch costs at most about the history once.
   */
  private int behind(RevCommit tip) throws IOException {
    walk.reset();
    walk.sort(RevSort.NONE);
    walk.markStart(defaultTip);
    walk.markUninteresting(tip);
    ancestors.reset();
    ancestors.markStart(ancestors.parseCommit(tip));
    int direct = 0;
    int shared = 0;
    while (true) {
      if (walk.next() == null) {
        return direct;
      }
      direct++;
      RevCommit a = ancestors.next();
      if (a == null) {
        return introducedBy.size() - shared;
      }
      if (introducedBy.containsKey(a)) {
        shared++;
      }
    }
  }

  private int count(RevCommit from, RevCommit notFrom) throws IOException {
    walk.reset();
    walk.sort(RevSort.NONE);
    walk.markStart(from);
    if (notFrom != null) {
      walk.markUninteresting(notFrom);
    }
    int n = 0;
    while (walk.next() != null) {
      n++;
    }
    return n;
  }

  @Override
  public void close() {
    walk.close();
    ancestors.close();
  }

  /** What {@link #analyze} found; see {@link Branch} for the meaning of each field. */
  record BranchFacts(boolean merged, String mergeCommitSha, List<String> commitShas, String firstCommitSha,
      List<String> branchedFromCommitShas, int ahead, int behind) {}
}
