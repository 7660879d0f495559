package agent.core.git;

import agent.core.codestats.LineClass;
import agent.rpcdef.model.Date;
import agent.rpcdef.model.sourcecode.Blame;
import agent.rpcdef.model.sourcecode.Commit;
import agent.rpcdef.model.sourcecode.CommitFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.jgit.lib.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries every followed file's line origins (which commit last changed each line) along the walk,
 * commit by commit, and makes the {@link Blame} of each changed file. No file's history is read
 * again: a commit's origins are its first parent's, with the files it changed replaced, each line
 * taking the origin of the parent line it is unchanged from ({@link CommitDiffer.Match}) or this
 * commit's.
 *
 * <p>The rules, which are {@code git blame}'s where first-parent bookkeeping allows:
 *
 * <ul>
 *   <li>A renamed file takes its lines from the path it was renamed from (git's rename detection
 *       against the first parent, as {@link CommitDiffer}). Lines copied from another file are new.
 *   <li>A merge: when one parent has the very same blob at that path, the file is that parent's,
 *       origins and all; otherwise each line takes the origin of its match in the first parent, else
 *       in the second, and so on, else it is the merge's own. Files the merge did not change against
 *       its first parent keep the first parent's origins (as git, when the first parent has the
 *       same blob).
 *   <li>Files not followed (binary, symlinks, submodules, larger than the size limit) have no
 *       origins: when one becomes a followed text file, all its lines are that
 *       commit's. A file removed and added again starts afresh, as in git.
 *   <li>A root commit, and a shallow repository's boundary commit, start from nothing.
 * </ul>
 *
 * <p>Memory: the origins of the commits still needed (those with a child not yet walked, and the
 * tips that {@link BlameStore} saves), 4 bytes a line of each followed file, shared between commits
 * where a file did not change ({@link PathMap}); plus one small entry per commit that owns a line.
 * Not thread-safe: the walk calls it on one thread, in walk order (parents first).
 */
final class BlameTracker {
  private static final Logger log = LoggerFactory.getLogger(BlameTracker.class);

  /**
   * A commit that last changed some line.
   *
   * @param sha its sha
   * @param email its author's e-mail address
   * @param date its author date
   */
  record Origin(String sha, String email, Date date) {}

  private final String customerId;
  private final String refType;
  private final String repoId;
  private final List<Origin> origins = new ArrayList<>();
  /** The lines of each origin, by {@link LineClass}: shared by every line of that origin and class. */
  private final List<Blame.Line[]> lineCache = new ArrayList<>();
  private final Map<ObjectId, PathMap<int[]>> states = new HashMap<>();
  private final Map<ObjectId, Integer> pendingChildren = new HashMap<>();
  private final Set<ObjectId> keep = new HashSet<>();
  private boolean warned;
  private int mostStatesHeld;

  BlameTracker(String customerId, String refType, String repoId) {
    this.customerId = customerId;
    this.refType = refType;
    this.repoId = repoId;
  }

  /**
   * Starts from saved origins ({@link BlameStore}): {@code table} is indexed by the values of {@code
   * saved}'s arrays. Only before anything else.
   */
  void load(List<Origin> table, Map<ObjectId, PathMap<int[]>> saved) {
    if (!origins.isEmpty() || !states.isEmpty()) {
      throw new IllegalStateException("blame origins already loaded");
    }
    for (Origin o : table) {
      addOrigin(o);
    }
    for (Map.Entry<ObjectId, PathMap<int[]>> e : saved.entrySet()) {
      states.put(e.getKey().copy(), e.getValue());
    }
  }

  /** Whether the origins of {@code commit}'s files are known. */
  boolean has(ObjectId commit) {
    return states.containsKey(commit);
  }

  /** Keeps the origins of {@code commits} to the end of the walk, for {@link #kept()}. */
  void keep(Collection<? extends ObjectId> commits) {
    for (ObjectId c : commits) {
      keep.add(c.copy());
    }
  }

  /**
   * Announces the commits to come, with their parents, so that a commit's origins are dropped once
   * its last child has taken them; then drops those no commit to come and no {@link #keep} needs.
   */
  void expect(Map<ObjectId, List<ObjectId>> parentsOfCommitsToCome) {
    for (List<ObjectId> parents : parentsOfCommitsToCome.values()) {
      for (ObjectId p : parents) {
        pendingChildren.merge(p.copy(), 1, Integer::sum);
      }
    }
    states.keySet().removeIf(c -> !keep.contains(c) && !pendingChildren.containsKey(c));
  }

  /** The commits whose origins are kept, with them, for {@link BlameStore#save}. */
  Map<ObjectId, PathMap<int[]>> kept() {
    Map<ObjectId, PathMap<int[]>> out = new HashMap<>();
    for (ObjectId c : keep) {
      PathMap<int[]> s = states.get(c);
      if (s != null) {
        out.put(c, s);
      }
    }
    return out;
  }

  /** The origin an index of {@link #kept()}'s arrays stands for. */
  Origin origin(int index) {
    return origins.get(index);
  }

  /** How many commits' origins are held now. */
  int statesHeld() {
    return states.size();
  }

  /** The most commits' origins held at once so far: what the memory bound multiplies. */
  int mostStatesHeld() {
    return mostStatesHeld;
  }

  /** How many commits own a line of the origins held (each costs one small entry). */
  int origins() {
    return origins.size();
  }

  /**
   * Works out the origins of {@code d}'s commit from its parents' and, when {@code out} is not null,
   * hands it one {@link Blame} per changed file.
   */
  void apply(CommitDiffPool.Diffed d, Consumer<Blame> out) {
    List<ObjectId> parents = d.parents();
    List<PathMap<int[]>> parentStates = new ArrayList<>(parents.size());
    for (ObjectId p : parents) {
      PathMap<int[]> s = states.get(p);
      if (s == null) {
        // The walk replays what it lacks before it starts, so this is a bug, not a state of the world.
        throw new IllegalStateException("blame: no origins for " + p.name() + ", parent of " + d.id().name());
      }
      parentStates.add(s);
    }
    Commit commit = d.commit();
    int own = -1;
    PathMap<int[]> state = parentStates.isEmpty() ? PathMap.empty() : parentStates.get(0);
    for (CommitDiffer.Change ch : d.changes()) {
      CommitFile f = ch.file();
      int[] lines = null;
      if (f.status() == CommitFile.Status.REMOVED) {
        state = state.remove(f.filename());
      } else {
        if (f.renamed()) {
          state = state.remove(f.renamedFrom());
        }
        if (ch.lines() < 0) {
          state = state.remove(f.filename());
        } else {
          lines = origins(ch, parentStates);
          for (int i = 0; i < lines.length; i++) {
            if (lines[i] < 0) {
              if (own < 0) {
                own = addOrigin(new Origin(commit.sha(), commit.author().email(), commit.author().date()));
              }
              lines[i] = own;
            }
          }
          state = state.put(f.filename(), lines);
        }
      }
      if (out != null) {
        out.accept(blame(commit, f, ch.classes() != null ? lines : null, ch.classes()));
      }
    }
    ObjectId id = d.id().copy();
    Integer children = pendingChildren.get(id);
    if (children != null || keep.contains(id)) {
      states.put(id, state);
      mostStatesHeld = Math.max(mostStatesHeld, states.size());
    }
    for (ObjectId p : parents) {
      Integer left = pendingChildren.computeIfPresent(p, (k, n) -> n == 1 ? null : n - 1);
      if (left == null && !keep.contains(p)) {
        states.remove(p);
      }
    }
  }

  /**
   * The origins of a followed file's lines: a parent's whole when it has the same blob, else line by
   * line from the parents in order; -1 where no parent has the line.
   */
  private int[] origins(CommitDiffer.Change ch, List<PathMap<int[]>> parentStates) {
    int n = ch.lines();
    CommitDiffer.Match[] all = new CommitDiffer.Match[1 + ch.others().length];
    all[0] = ch.first();
    System.arraycopy(ch.others(), 0, all, 1, ch.others().length);
    int[][] parentLines = new int[all.length][];
    for (int k = 0; k < all.length && k < parentStates.size(); k++) {
      CommitDiffer.Match m = all[k];
      if (m == null) {
        continue;
      }
      int[] p = parentStates.get(k).get(m.path());
      if (p != null && p.length != m.oldLines()) {
        if (!warned) {
          warned = true;
          log.warn("blame: the origins of {} have {} lines where the file has {}; its lines start afresh",
              m.path(), p.length, m.oldLines());
        }
        p = null;
      }
      if (p != null && m.same()) {
        // Shared, not copied: the commit did not change this file against that parent.
        return p;
      }
      parentLines[k] = p;
    }
    int[] lines = new int[n];
    Arrays.fill(lines, -1);
    for (int k = 0; k < all.length; k++) {
      int[] p = parentLines[k];
      if (p == null) {
        continue;
      }
      int[] newToOld = all[k].newToOld();
      for (int i = 0; i < n; i++) {
        if (lines[i] < 0 && newToOld[i] >= 0) {
          lines[i] = p[newToOld[i]];
        }
      }
    }
    return lines;
  }

  private int addOrigin(Origin o) {
    origins.add(o);
    lineCache.add(null);
    return origins.size() - 1;
  }

  private Blame blame(Commit commit, CommitFile f, int[] lines, byte[] classes) {
    List<Blame.Line> out = List.of();
    if (lines != null) {
      Blame.Line[] arr = new Blame.Line[lines.length];
      for (int i = 0; i < lines.length; i++) {
        arr[i] = line(lines[i], classes[i]);
      }
      out = Arrays.asList(arr);
    }
    return Blame.builder().customerId(customerId).refType(refType).refId(Blame.refId(commit.sha(), f.filename()))
        .commitId(commit.id()).sha(commit.sha()).repoId(repoId).filename(f.filename()).status(f.status())
        .renamedFrom(f.renamedFrom()).language(f.language()).size(f.size()).loc(f.loc()).sloc(f.sloc())
        .comments(f.comments()).blanks(f.blanks()).complexity(f.complexity()).license(f.license())
        .licenseConfidence(f.licenseConfidence()).excluded(f.excluded()).excludedReason(f.excludedReason())
        .changeDate(commit.author() == null ? null : commit.author().date()).lines(out).build();
  }

  private Blame.Line line(int origin, byte cls) {
    Blame.Line[] cached = lineCache.get(origin);
    if (cached == null) {
      cached = new Blame.Line[3];
      lineCache.set(origin, cached);
    }
    Blame.Line l = cached[cls];
    if (l == null) {
      Origin o = origins.get(origin);
      l = new Blame.Line(o.sha(), o.date(), o.email(), cls == LineClass.CODE, cls == LineClass.COMMENT,
          cls == LineClass.BLANK);
      cached[cls] = l;
    }
    return l;
  }
}
