package agent.core.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.SimilarityIndex;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * Which removed and added files of one diff are one file, as {@code git diff -M} decides, in the
 * passes git's documentation describes (gitdiffcore(7), "diffcore-rename"; the basename pass of git
 * 2.33's release notes), with the orders and ties checked against the git binary ({@code
 * RenameOracleTest}, {@code GitHistoryOracleTest}).
 *
 * <ol>
 *   <li>Type changes: a removal and an addition of the same path (a file that became a symlink or a
 *       submodule) are one modified path, as in git, and never rename candidates.
 *   <li>Git's exact pass: identical blobs, paired in path order, each removed file used once.
 *   <li>Git's basename pass: a file name unique among the removed and among the added files pairs at
 *       {@value #BASENAME_SCORE}% similarity.
 *   <li>Git's inexact pass for the remaining similar content (at least {@value #RENAME_SCORE}%, at
 *       most git's default {@code diff.renameLimit} of {@value #RENAME_LIMIT} x {@value
 *       #RENAME_LIMIT} candidates).
 * </ol>
 *
 * <p>Similarity is git's own estimate ({@link RenameSimilarity}), so that files near the 50% and 75%
 * thresholds fall on git's side of them. A blob with more chunks than {@link RenameSimilarity} holds
 * (over {@value RenameSimilarity#MAX_CHUNKS}) is scored with JGit's {@link SimilarityIndex} instead,
 * which approximates git's.
 *
 * <p>The repository's own rename configuration is ignored. As with {@code -M}, a removed file is the
 * source of one rename at most; there are no copies. JGit's {@code RenameDetector} is not used: it
 * pairs identical and tied files differently, reuses sources as copies, and has no basename pass.
 *
 * <p>Reads blobs through the reader it is given; not thread-safe, as that reader is not.
 */
final class RenamePasses {
  /** Git's default minimum similarity for {@code -M}, in percent. */
  static final int RENAME_SCORE = 50;

  /** Git's similarity for a rename between files of the same name: halfway from the minimum to 100. */
  static final int BASENAME_SCORE = RENAME_SCORE + (100 - RENAME_SCORE) / 2;

  /** Git's default {@code diff.renameLimit}. */
  static final int RENAME_LIMIT = 1000;

  /** The best sources kept for each added file before pairing. */
  private static final int CANDIDATES_PER_DST = 4;

  /** Similarity is a fraction of it. */
  private static final int MAX_SCORE = RenameSimilarity.MAX_SCORE;

  /** A removal and an addition that are one file: the old side of {@code deleted}, the new of {@code added}. */
  record Pair(DiffEntry deleted, DiffEntry added) {}

  /**
   * What the passes decided.
   *
   * @param typeChanges same path, another type: one modified path each
   * @param renames in the order the passes found them: exact, same file name, similar
   * @param added the additions left unpaired, in the order given
   * @param deleted the removals left unpaired, in the order given
   */
  record Result(List<Pair> typeChanges, List<Pair> renames, List<DiffEntry> added, List<DiffEntry> deleted) {}

  private final ObjectReader reader;

  /** @param reader reads the blobs that similarity is computed over; not closed */
  RenamePasses(ObjectReader reader) {
    this.reader = reader;
  }

  /**
   * Pairs the {@code added} ({@link DiffEntry.ChangeType#ADD}) and {@code deleted} ({@link
   * DiffEntry.ChangeType#DELETE}) entries of one diff, both in git's path order. The lists are not
   * changed.
   */
  Result pair(List<DiffEntry> added, List<DiffEntry> deleted) throws IOException {
    List<DiffEntry> leftAdded = new ArrayList<>(added);
    List<DiffEntry> leftDeleted = new ArrayList<>(deleted);
    List<Pair> typeChanges = new ArrayList<>();
    List<Pair> renames = new ArrayList<>();
    if (!leftAdded.isEmpty() && !leftDeleted.isEmpty()) {
      typeChanges(leftAdded, leftDeleted, typeChanges);
    }
    if (!leftAdded.isEmpty() && !leftDeleted.isEmpty()) {
      exactRenames(leftAdded, leftDeleted, renames);
    }
    if (!leftAdded.isEmpty() && !leftDeleted.isEmpty()) {
      basenameRenames(leftAdded, leftDeleted, renames);
    }
    if (!leftAdded.isEmpty() && !leftDeleted.isEmpty()) {
      similarRenames(leftAdded, leftDeleted, renames);
    }
    return new Result(typeChanges, renames, leftAdded, leftDeleted);
  }

  /**
   * JGit reports a path whose type changed (a file that became a symlink or a submodule) as a
   * removal and an addition; git reports one modification ({@code T}) and never makes it a rename
   * candidate. Pairs them back.
   */
  private static void typeChanges(List<DiffEntry> added, List<DiffEntry> deleted, List<Pair> pairs) {
    Map<String, DiffEntry> addedByPath = new HashMap<>();
    for (DiffEntry a : added) {
      addedByPath.put(a.getNewPath(), a);
    }
    for (Iterator<DiffEntry> it = deleted.iterator(); it.hasNext(); ) {
      DiffEntry d = it.next();
      DiffEntry a = addedByPath.remove(d.getOldPath());
      if (a != null) {
        it.remove();
        added.remove(a);
        pairs.add(new Pair(d, a));
      }
    }
  }

  /**
   * Git's exact rename pass, which JGit's differs from when several files share content: each added file, in path order, takes the first unused
   * removed file with the same blob (one with the same file name first); a removed file is used once.
   * What is paired leaves {@code added} and {@code deleted}.
   */
  private static void exactRenames(List<DiffEntry> added, List<DiffEntry> deleted, List<Pair> pairs) {
    Map<AbbreviatedObjectId, List<DiffEntry>> sources = new HashMap<>();
    for (DiffEntry d : deleted) {
      sources.computeIfAbsent(d.getOldId(), k -> new ArrayList<>()).add(d);
    }
    Set<DiffEntry> used = new HashSet<>();
    for (Iterator<DiffEntry> it = added.iterator(); it.hasNext(); ) {
      DiffEntry dst = it.next();
      List<DiffEntry> candidates = sources.get(dst.getNewId());
      if (candidates == null) {
        continue;
      }
      DiffEntry best = null;
      int alternatives = 100;
      for (DiffEntry src : candidates) {
        if (used.contains(src) || !compatibleModes(src.getOldMode(), dst.getNewMode())) {
          continue;
        }
        if (best == null) {
          best = src;
        }
        if (baseName(src.getOldPath()).equals(baseName(dst.getNewPath()))) {
          best = src;
          break;
        }
        if (--alternatives == 0) {
          break;
        }
      }
      if (best != null) {
        used.add(best);
        it.remove();
        pairs.add(new Pair(best, dst));
      }
    }
    deleted.removeAll(used);
  }

  /**
   * Git's basename pass ({@code find_basename_matches}, git 2.33 and later), which JGit does not
   * have: a removed and an added file whose file name is unique on each side are a rename when
   * their similarity reaches {@value #BASENAME_SCORE}%, even if the added file is more similar to
   * another removed file. What is paired leaves the lists.
   */
  private void basenameRenames(List<DiffEntry> added, List<DiffEntry> deleted, List<Pair> pairs)
      throws IOException {
    Map<String, DiffEntry> sources = uniqueByBaseName(deleted, true);
    Map<String, DiffEntry> dests = uniqueByBaseName(added, false);
    for (Map.Entry<String, DiffEntry> e : sources.entrySet()) {
      DiffEntry src = e.getValue();
      DiffEntry dst = dests.get(e.getKey());
      if (src == null || dst == null || !regular(src.getOldMode()) || !regular(dst.getNewMode())) {
        continue;
      }
      int score = score(new Content(src.getOldId()), new Content(dst.getNewId()));
      if (score >= BASENAME_SCORE * MAX_SCORE / 100) {
        deleted.remove(src);
        added.remove(dst);
        pairs.add(new Pair(src, dst));
      }
    }
  }

  /** A possible rename in git's inexact pass. */
  private record Candidate(int score, int nameScore, int src, int dst) {}

  /**
   * Git's inexact pass: each added file's best-scoring sources, sorted by score then same file name
   * (a stable sort), paired best first, with git's similarity ({@link RenameSimilarity}). JGit's own detector breaks ties the other way
   * (toward the later path) and reuses a source as a copy; git keeps the earlier added file and uses
   * a source once. Skipped, as in git, beyond {@value #RENAME_LIMIT} x {@value #RENAME_LIMIT}.
   */
  private void similarRenames(List<DiffEntry> added, List<DiffEntry> deleted, List<Pair> pairs)
      throws IOException {
    if ((long) added.size() * deleted.size() > (long) RENAME_LIMIT * RENAME_LIMIT) {
      return;
    }
    int minimum = RENAME_SCORE * MAX_SCORE / 100;
    Content[] sources = new Content[deleted.size()];
    for (int j = 0; j < sources.length; j++) {
      DiffEntry src = deleted.get(j);
      if (regular(src.getOldMode())) {
        sources[j] = new Content(src.getOldId());
      }
    }
    List<Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < added.size(); i++) {
      DiffEntry dst = added.get(i);
      if (!regular(dst.getNewMode())) {
        continue;
      }
      long dstSize = reader.getObjectSize(dst.getNewId().toObjectId(), Constants.OBJ_BLOB);
      Content dstContent = null;
      Candidate[] best = new Candidate[CANDIDATES_PER_DST];
      for (int j = 0; j < sources.length; j++) {
        if (sources[j] == null) {
          continue;
        }
        long max = Math.max(sources[j].size(), dstSize);
        long delta = max - Math.min(sources[j].size(), dstSize);
        // Sizes too far apart to reach the minimum score (the score is at most smaller / larger).
        if (max * (MAX_SCORE - minimum) < delta * MAX_SCORE) {
          continue;
        }
        if (dstContent == null) {
          dstContent = new Content(dst.getNewId());
        }
        int score = score(sources[j], dstContent);
        if (score < minimum) {
          continue;
        }
        int nameScore = baseName(deleted.get(j).getOldPath()).equals(baseName(dst.getNewPath())) ? 1 : 0;
        recordIfBetter(best, new Candidate(score, nameScore, j, i));
      }
      for (Candidate c : best) {
        if (c != null) {
          candidates.add(c);
        }
      }
    }
    // List.sort is stable: ties keep added-file (path) order, as git's pairings show.
    candidates.sort((a, b) -> compare(a, b));
    boolean[] usedSource = new boolean[deleted.size()];
    boolean[] pairedDest = new boolean[added.size()];
    for (Candidate c : candidates) {
      if (pairedDest[c.dst()] || usedSource[c.src()]) {
        continue;
      }
      pairedDest[c.dst()] = true;
      usedSource[c.src()] = true;
      pairs.add(new Pair(deleted.get(c.src()), added.get(c.dst())));
    }
    List<DiffEntry> keptAdded = new ArrayList<>();
    for (int i = 0; i < added.size(); i++) {
      if (!pairedDest[i]) {
        keptAdded.add(added.get(i));
      }
    }
    List<DiffEntry> keptDeleted = new ArrayList<>();
    for (int j = 0; j < deleted.size(); j++) {
      if (!usedSource[j]) {
        keptDeleted.add(deleted.get(j));
      }
    }
    added.clear();
    added.addAll(keptAdded);
    deleted.clear();
    deleted.addAll(keptDeleted);
  }

  /** Git's {@code score_compare}: better first; an empty slot sorts last. */
  private static int compare(Candidate a, Candidate b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    if (a.score() == b.score()) {
      return b.nameScore() - a.nameScore();
    }
    return Integer.compare(b.score(), a.score());
  }

  /** Replaces the first worst of the kept candidates if {@code c} is better. */
  private static void recordIfBetter(Candidate[] best, Candidate c) {
    int worst = 0;
    for (int k = 1; k < best.length; k++) {
      if (compare(best[k], best[worst]) > 0) {
        worst = k;
      }
    }
    if (compare(best[worst], c) > 0) {
      best[worst] = c;
    }
  }

  /**
   * One blob's content for scoring: git's chunks ({@link RenameSimilarity}), or for a blob with too
   * many chunks for that, JGit's {@link SimilarityIndex} (at most 1 MiB), made when first needed.
   */
  private final class Content {
    private final AbbreviatedObjectId id;
    private final long size;
    private final RenameSimilarity chunks;
    private SimilarityIndex jgit;
    private boolean jgitTooBig;

    Content(AbbreviatedObjectId id) throws IOException {
      this.id = id;
      ObjectLoader loader = reader.open(id.toObjectId(), Constants.OBJ_BLOB);
      this.size = loader.getSize();
      this.chunks = RenameSimilarity.of(loader);
    }

    long size() {
      return size;
    }

    /** JGit's index of the blob; null if JGit's table cannot hold it either. */
    SimilarityIndex jgit() throws IOException {
      if (jgit == null && !jgitTooBig) {
        try {
          jgit = SimilarityIndex.create(reader.open(id.toObjectId(), Constants.OBJ_BLOB));
        } catch (SimilarityIndex.TableFullException e) {
          jgitTooBig = true;
        }
      }
      return jgit;
    }
  }

  /**
   * How much of {@code src} {@code dst} keeps, 0 to {@link #MAX_SCORE}: git's estimate; JGit's if
   * either has too many chunks for git's; 0 if JGit's table cannot hold one of them either.
   */
  private static int score(Content src, Content dst) throws IOException {
    if (src.chunks != null && dst.chunks != null) {
      return src.chunks.score(dst.chunks);
    }
    SimilarityIndex a = src.jgit();
    SimilarityIndex b = a == null ? null : dst.jgit();
    return b == null || Math.max(src.size, dst.size) == 0 ? 0 : a.score(b, MAX_SCORE);
  }

  /** File name to its entry, null for a file name that occurs more than once; in path order. */
  private static Map<String, DiffEntry> uniqueByBaseName(List<DiffEntry> entries, boolean old) {
    Map<String, DiffEntry> byName = new LinkedHashMap<>();
    for (DiffEntry e : entries) {
      String name = baseName(old ? e.getOldPath() : e.getNewPath());
      byName.put(name, byName.containsKey(name) ? null : e);
    }
    return byName;
  }

  private static boolean regular(FileMode m) {
    return m.getObjectType() == Constants.OBJ_BLOB && m != FileMode.SYMLINK;
  }

  private static boolean compatibleModes(FileMode a, FileMode b) {
    return (regular(a) && regular(b)) || a.equals(b);
  }

  private static String baseName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
