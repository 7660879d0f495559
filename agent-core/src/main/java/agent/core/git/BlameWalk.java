package agent.core.git;

import agent.rpcdef.model.sourcecode.Blame;
import agent.rpcdef.model.sourcecode.Commit;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history walk's diff pass with the blame carried along ({@link BlameTracker}): loads the line
 * origins the last export saved ({@link BlameStore}), rebuilds those it lacks, diffs the new
 * commits handing out their {@link Commit} and {@link Blame} objects, and saves the origins of the
 * tips for the next export.
 *
 * <p>Rebuilding: a new commit whose parent's origins are not saved (the first export with blame,
 * a lost or corrupt state file, a branch started from an old commit) needs that parent's origins,
 * which only the history holds: the commits leading to it are diffed again, without exporting
 * anything, back to commits whose origins are known or to the roots. This is logged, with how many
 * commits it takes.
 */
final class BlameWalk {
  private static final Logger log = LoggerFactory.getLogger(BlameWalk.class);

  private final Repository repo;
  private final GitHistoryWalker.Options options;
  private long replayed;

  BlameWalk(Repository repo, GitHistoryWalker.Options options) {
    this.repo = repo;
    this.options = options;
  }

  /**
   * Diffs {@code todo} (parents before children) as {@link CommitDiffPool#diffAll}, with blames.
   *
   * @param keepTips the commits whose origins are saved for the next export: the walk's tips and
   *     the tips it started from
   * @return the number of commits handed out
   */
  <T extends RevCommit> long run(List<T> todo, ToLongFunction<? super T> ordinal, Consumer<Commit> out,
      Consumer<Blame> blames, GitHistoryWalker.Progress progress, Collection<ObjectId> keepTips) throws IOException {
    BlameTracker tracker = new BlameTracker(options.customerId(), options.refType(), options.repoId());
    BlameStore store = options.blameState() == null ? null : new BlameStore(options.blameState(), options.repoId());
    if (store != null) {
      store.load(tracker);
    }
    tracker.keep(keepTips);
    Map<ObjectId, List<ObjectId>> parents = new LinkedHashMap<>();
    for (T c : todo) {
      parents.put(c.copy(), parentIds(c));
    }
    Set<ObjectId> missing = new HashSet<>();
    for (List<ObjectId> ps : parents.values()) {
      for (ObjectId p : ps) {
        if (!parents.containsKey(p) && !tracker.has(p)) {
          missing.add(p);
        }
      }
    }
    List<RevCommit> replay = missing.isEmpty() ? List.of() : replaySet(missing, tracker);
    Map<ObjectId, List<ObjectId>> expected = new HashMap<>(parents);
    for (RevCommit c : replay) {
      expected.put(c.copy(), parentIds(c));
    }
    tracker.expect(expected);
    long total = replay.size() + todo.size();
    replayed = replay.size();
    if (!replay.isEmpty()) {
      log.info("blame: the line origins of {} commits are not saved ({}); diffing the {} commits that lead to them "
          + "again, exporting nothing", missing.size(), store == null ? "no state file" : store.file(),
          replay.size());
      long t0 = System.nanoTime();
      new CommitDiffPool(repo, options.withCodeStats(false), CommitDiffer.Blame.ORIGINS)
          .diffEach(replay, c -> 0, d -> tracker.apply(d, null), progress);
      log.info("blame: rebuilt the line origins in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }
    long offset = replay.size();
    long emitted = new CommitDiffPool(repo, options, CommitDiffer.Blame.LINES).diffEach(todo, ordinal, d -> {
      tracker.apply(d, blames);
      out.accept(d.commit());
    }, (done, all) -> progress.update(offset + done, total));
    log.info("blame: {} commits diffed, line origins of at most {} commits held at once, {} commits own lines",
        emitted + replayed, tracker.mostStatesHeld(), tracker.origins());
    if (store != null) {
      long t0 = System.nanoTime();
      try {
        int saved = store.save(tracker);
        log.debug("blame: saved the line origins of {} commits to {} in {} ms", saved, store.file(),
            (System.nanoTime() - t0) / 1_000_000);
      } catch (IOException e) {
        // A cache: what was exported stands, and the next export rebuilds what it needs.
        log.warn("blame: cannot save the line origins to {} ({}): the next export of this repository diffs its "
            + "history again to rebuild them", store.file(), e.toString());
      }
    }
    return emitted;
  }

  /** How many commits the last {@link #run} diffed again to rebuild origins. */
  long replayed() {
    return replayed;
  }

  /** The parents of {@code c} as the walk knows them (none for a root or a shallow boundary), as ids. */
  static List<ObjectId> parentIds(RevCommit c) {
    List<ObjectId> ps = new ArrayList<>(c.getParentCount());
    for (RevCommit p : c.getParents()) {
      ps.add(p.copy());
    }
    return ps;
  }

  /**
   * The commits to diff again so that every one of {@code missing} has its origins: {@code missing}
   * and their ancestors, stopping at commits whose origins are known; parents before children.
   */
  private List<RevCommit> replaySet(Set<ObjectId> missing, BlameTracker tracker) throws IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      walk.setRetainBody(false);
      List<RevCommit> found = new ArrayList<>();
      Set<ObjectId> seen = new HashSet<>();
      ArrayDeque<RevCommit> queue = new ArrayDeque<>();
      for (ObjectId m : missing) {
        if (seen.add(m)) {
          queue.add(walk.parseCommit(m));
        }
      }
      while (!queue.isEmpty()) {
        RevCommit c = queue.poll();
        found.add(c);
        for (RevCommit p : c.getParents()) {
          if (!tracker.has(p) && seen.add(p.copy())) {
            walk.parseHeaders(p);
            queue.add(p);
          }
        }
      }
      // Parents first (Kahn's order over the set found).
      Map<RevCommit, Integer> waiting = new HashMap<>();
      Map<RevCommit, List<RevCommit>> children = new HashMap<>();
      ArrayDeque<RevCommit> ready = new ArrayDeque<>();
      Set<RevCommit> inSet = new HashSet<>(found);
      for (RevCommit c : found) {
        int n = 0;
        for (RevCommit p : c.getParents()) {
          if (inSet.contains(p)) {
            n++;
            children.computeIfAbsent(p, k -> new ArrayList<>()).add(c);
          }
        }
        waiting.put(c, n);
        if (n == 0) {
          ready.add(c);
        }
      }
      List<RevCommit> ordered = new ArrayList<>(found.size());
      while (!ready.isEmpty()) {
        RevCommit c = ready.poll();
        ordered.add(c);
        for (RevCommit child : children.getOrDefault(c, List.of())) {
          if (waiting.merge(child, -1, Integer::sum) == 0) {
            ready.add(child);
          }
        }
      }
      return ordered;
    }
  }
}
