package agent.core.git;

import agent.rpcdef.model.sourcecode.CommitFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.MyersDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.diff.SimilarityIndex;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * The per-file statistics of one commit against its first parent (a root commit: against the empty
 * tree), exactly as {@code git log --numstat --first-parent -M --diff-algorithm=myers} reports them.
 *
 * <ul>
 *   <li>Lines are counted with {@link #DIFF_ALGORITHM} (JGit's Myers) over {@link RawText} lines
 *       compared with {@link RawTextComparator#DEFAULT}: a line includes its {@code \n}, so a last
 *       line without one differs from the same text with one, and {@code \r} is an ordinary byte,
 *       as in git. Counts are those of a minimal diff ({@link LineCounts}). Git's xdiff is minimal
 *       too except on very large, scattered rewrites, where its speed heuristics (discarding
 *       lines that match too often, cost cut-offs) can report one or two more lines added and
 *       deleted: seen on 10 of 1,500 generated commits, each a rewrite of hundreds of lines.
 *   <li>A side is binary by git's rule: a NUL byte in its first {@value #BINARY_PROBE_BYTES} bytes.
 *       If either side is, the file is {@code binary} with 0 additions and deletions (numstat's
 *       {@code -	-}). JGit's own {@link RawText#isBinary} is not used: it also calls a lone CR
 *       binary, which git does not. {@code .gitattributes} ({@code binary}, {@code -diff}) is not
 *       read.
 *   <li>Renames as {@code git -M}: first git's own exact pass (identical blobs, paired in path
 *       order, each removed file used once), then git's basename pass (a file name unique among the
 *       removed and among the added files pairs at {@value #BASENAME_SCORE}% similarity), then
 *       git's inexact pass over JGit's {@link SimilarityIndex} for the remaining similar content
 *       (at least {@value #RENAME_SCORE}%, at most git's default {@code diff.renameLimit} of
 *       {@value #RENAME_LIMIT} x {@value #RENAME_LIMIT} candidates). The repository's own rename
 *       configuration is ignored. As with {@code -M}, a removed file is the source of one rename at
 *       most; there are no copies. JGit's {@code RenameDetector} is not used: it pairs identical
 *       and tied files differently and reuses sources as copies.
 *   <li>A submodule change is diffed as git does: as the text {@code Subproject commit <sha>}. A
 *       path whose type changed (file to symlink, say) is one modified file, as in git.
 *   <li>A file larger than {@link FileExclusions#maxFileSize()} is not diffed: it is excluded with 0
 *       additions and deletions (git would count its lines).
 * </ul>
 *
 * <p>Not thread-safe: use one per thread, each with its own {@link ObjectReader}. The caller owns
 * the reader and closes it after {@link #close()}.
 */
public final class CommitDiffer implements AutoCloseable {
  /** The diff algorithm, pinned: git's {@code --diff-algorithm=myers}, its default. */
  public static final DiffAlgorithm DIFF_ALGORITHM = MyersDiff.INSTANCE;

  /** Git's default minimum similarity for {@code -M}, in percent. */
  public static final int RENAME_SCORE = 50;

  /** Git's similarity for a rename between files of the same name: halfway from the minimum to 100. */
  public static final int BASENAME_SCORE = RENAME_SCORE + (100 - RENAME_SCORE) / 2;

  /** Git's default {@code diff.renameLimit}. */
  public static final int RENAME_LIMIT = 1000;

  /** Git's {@code FIRST_FEW_BYTES}: how far it looks for a NUL byte to call content binary. */
  public static final int BINARY_PROBE_BYTES = 8000;

  private static final byte[] EMPTY = new byte[0];

  private final ObjectReader reader;
  private final DiffFormatter formatter;
  private final FileExclusions exclusions;
  private final CanonicalTreeParser oldTrees = new CanonicalTreeParser();
  private final CanonicalTreeParser newTrees = new CanonicalTreeParser();
  private RevWalk walk;
  private long parsed;

  private static final int COMMITS_PER_WALK = 4096;

  /**
   * @param reader this differ's own reader; not closed by it
   * @param config the repository's configuration (only core settings are read from it)
   */
  public CommitDiffer(ObjectReader reader, Config config, FileExclusions exclusions) {
    this.reader = reader;
    this.exclusions = exclusions;
    this.walk = newWalk();
    this.formatter = new DiffFormatter(DisabledOutputStream.INSTANCE);
    formatter.setReader(reader, config);
    formatter.setDiffAlgorithm(DIFF_ALGORITHM);
    // After setReader, which reads diff.renames from the repository's config: renames are ours.
    formatter.setDetectRenames(false);

  }

  /**
   * Parses a commit with its message, through this differ's reader. The walk behind it is replaced
   * every {@value #COMMITS_PER_WALK} commits so that its object pool does not grow with the history.
   */
  public RevCommit parseCommit(AnyObjectId id) throws IOException {
    if (++parsed % COMMITS_PER_WALK == 0) {
      walk.close();
      walk = newWalk();
    }
    return walk.parseCommit(id);
  }

  /**
   * The files {@code commit} changed against its first parent (against nothing for a root commit,
   * and for a shallow repository's boundary commit, which JGit parses without parents, as {@code git
   * log} shows it).
   */
  public List<CommitFile> diff(RevCommit commit) throws IOException {
    AbstractTreeIterator oldSide;
    if (commit.getParentCount() == 0) {
      oldSide = new EmptyTreeIterator();
    } else {
      oldTrees.reset(reader, parseCommit(commit.getParent(0)).getTree());
      oldSide = oldTrees;
    }
    newTrees.reset(reader, commit.getTree());
    List<DiffEntry> entries = formatter.scan(oldSide, newTrees);
    List<DiffEntry> added = new ArrayList<>();
    List<DiffEntry> deleted = new ArrayList<>();
    List<CommitFile> files = new ArrayList<>(entries.size());
    for (DiffEntry e : entries) {
      switch (e.getChangeType()) {
        case ADD -> added.add(e);
        case DELETE -> deleted.add(e);
        default -> files.add(modified(e));
      }
    }
    if (!added.isEmpty() && !deleted.isEmpty()) {
      typeChanges(added, deleted, files);
    }
    if (!added.isEmpty() && !deleted.isEmpty()) {
      exactRenames(added, deleted, files);
    }
    if (!added.isEmpty() && !deleted.isEmpty()) {
      basenameRenames(added, deleted, files);
    }
    if (!added.isEmpty() && !deleted.isEmpty()) {
      similarRenames(added, deleted, files);
    }
    for (DiffEntry e : added) {
      files.add(file(e.getNewPath(), CommitFile.Status.ADDED, null, null, null, e.getNewId(), e.getNewMode()));
    }
    for (DiffEntry e : deleted) {
      files.add(file(e.getOldPath(), CommitFile.Status.REMOVED, null, e.getOldId(), e.getOldMode(), null, null));
    }
    // Git's diff order: by path bytes (the new path of a rename).
    files.sort(Comparator.comparing(f -> f.filename().getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned));
    return files;
  }

  /**
   * JGit reports a path whose type changed (a file that became a symlink or a submodule) as a
   * removal and an addition; git reports one modification ({@code T}) and never makes it a rename
   * candidate. Pairs them back.
   */
  private void typeChanges(List<DiffEntry> added, List<DiffEntry> deleted, List<CommitFile> files)
      throws IOException {
    Map<String, DiffEntry> addedByPath = new HashMap<>();
    for (DiffEntry a : added) {
      addedByPath.put(a.getNewPath(), a);
    }
    for (java.util.Iterator<DiffEntry> it = deleted.iterator(); it.hasNext(); ) {
      DiffEntry d = it.next();
      DiffEntry a = addedByPath.remove(d.getOldPath());
      if (a != null) {
        it.remove();
        added.remove(a);
        files.add(file(a.getNewPath(), CommitFile.Status.MODIFIED, null, d.getOldId(), d.getOldMode(), a.getNewId(),
            a.getNewMode()));
      }
    }
  }

  /**
   * Git's exact rename pass ({@code find_identical_files} in diffcore-rename.c), which JGit's differs
   * from when several files share content: each added file, in path order, takes the first unused
   * removed file with the same blob (one with the same file name first); a removed file is used once.
   * Pairs become renamed files; what is paired leaves {@code added} and {@code deleted}.
   */
  private void exactRenames(List<DiffEntry> added, List<DiffEntry> deleted, List<CommitFile> files)
      throws IOException {
    Map<AbbreviatedObjectId, List<DiffEntry>> sources = new HashMap<>();
    for (DiffEntry d : deleted) {
      sources.computeIfAbsent(d.getOldId(), k -> new ArrayList<>()).add(d);
    }
    Set<DiffEntry> used = new HashSet<>();
    for (java.util.Iterator<DiffEntry> it = added.iterator(); it.hasNext(); ) {
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
        files.add(file(dst.getNewPath(), CommitFile.Status.MODIFIED, best.getOldPath(), best.getOldId(),
            best.getOldMode(), dst.getNewId(), dst.getNewMode()));
      }
    }
    deleted.removeAll(used);
  }

  /**
   * Git's basename pass ({@code find_basename_matches}, git 2.33 and later), which JGit does not
   * have: a removed and an added file whose file name is unique on each side are a rename when
   * their similarity reaches {@value #BASENAME_SCORE}%, even if the added file is more similar to
   * another removed file. Pairs become renamed files; what is paired leaves the lists.
   */
  private void basenameRenames(List<DiffEntry> added, List<DiffEntry> deleted, List<CommitFile> files)
      throws IOException {
    Map<String, DiffEntry> sources = uniqueByBaseName(deleted, true);
    Map<String, DiffEntry> dests = uniqueByBaseName(added, false);
    for (Map.Entry<String, DiffEntry> e : sources.entrySet()) {
      DiffEntry src = e.getValue();
      DiffEntry dst = dests.get(e.getKey());
      if (src == null || dst == null || !regular(src.getOldMode()) || !regular(dst.getNewMode())) {
        continue;
      }
      int score;
      try {
        score = SimilarityIndex.create(reader.open(src.getOldId().toObjectId(), Constants.OBJ_BLOB))
            .score(SimilarityIndex.create(reader.open(dst.getNewId().toObjectId(), Constants.OBJ_BLOB)), 100);
      } catch (SimilarityIndex.TableFullException tooBig) {
        continue;
      }
      if (score >= BASENAME_SCORE) {
        deleted.remove(src);
        added.remove(dst);
        files.add(file(dst.getNewPath(), CommitFile.Status.MODIFIED, src.getOldPath(), src.getOldId(),
            src.getOldMode(), dst.getNewId(), dst.getNewMode()));
      }
    }
  }

  /** A possible rename in git's inexact pass. */
  private record Candidate(int score, int nameScore, int src, int dst) {}

  /** Git's {@code NUM_CANDIDATE_PER_DST}: the best sources kept for each added file. */
  private static final int CANDIDATES_PER_DST = 4;

  /** Git's {@code MAX_SCORE}: similarity is a fraction of it. */
  private static final int MAX_SCORE = 60_000;

  /**
   * Git's inexact pass ({@code diffcore_rename}: {@code estimate_similarity}, {@code
   * record_if_better}, a stable sort by score then same file name, {@code find_renames}), with
   * JGit's {@link SimilarityIndex} for the similarity. JGit's own detector breaks ties the other way
   * (toward the later path) and reuses a source as a copy; git keeps the earlier added file and uses
   * a source once. Skipped, as in git, beyond {@value #RENAME_LIMIT} x {@value #RENAME_LIMIT}.
   */
  private void similarRenames(List<DiffEntry> added, List<DiffEntry> deleted, List<CommitFile> files)
      throws IOException {
    if ((long) added.size() * deleted.size() > (long) RENAME_LIMIT * RENAME_LIMIT) {
      return;
    }
    int minimum = RENAME_SCORE * MAX_SCORE / 100;
    SimilarityIndex[] sources = new SimilarityIndex[deleted.size()];
    long[] sourceSizes = new long[deleted.size()];
    for (int j = 0; j < sources.length; j++) {
      DiffEntry src = deleted.get(j);
      if (regular(src.getOldMode())) {
        ObjectLoader loader = reader.open(src.getOldId().toObjectId(), Constants.OBJ_BLOB);
        sourceSizes[j] = loader.getSize();
        sources[j] = similarityIndex(loader);
      }
    }
    List<Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < added.size(); i++) {
      DiffEntry dst = added.get(i);
      if (!regular(dst.getNewMode())) {
        continue;
      }
      ObjectLoader loader = reader.open(dst.getNewId().toObjectId(), Constants.OBJ_BLOB);
      long dstSize = loader.getSize();
      SimilarityIndex dstIndex = null;
      Candidate[] best = new Candidate[CANDIDATES_PER_DST];
      for (int j = 0; j < sources.length; j++) {
        if (sources[j] == null) {
          continue;
        }
        long max = Math.max(sourceSizes[j], dstSize);
        long delta = max - Math.min(sourceSizes[j], dstSize);
        // Git's cheap reject: sizes too far apart to reach the minimum score.
        if (max * (MAX_SCORE - minimum) < delta * MAX_SCORE) {
          continue;
        }
        if (dstIndex == null) {
          dstIndex = similarityIndex(loader);
          if (dstIndex == null) {
            break;
          }
        }
        int score = max == 0 ? 0 : sources[j].score(dstIndex, MAX_SCORE);
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
    // List.sort is stable, as git's STABLE_QSORT: ties keep added-file (path) order.
    candidates.sort((a, b) -> compare(a, b));
    boolean[] usedSource = new boolean[deleted.size()];
    boolean[] pairedDest = new boolean[added.size()];
    for (Candidate c : candidates) {
      if (pairedDest[c.dst()] || usedSource[c.src()]) {
        continue;
      }
      pairedDest[c.dst()] = true;
      usedSource[c.src()] = true;
      DiffEntry src = deleted.get(c.src());
      DiffEntry dst = added.get(c.dst());
      files.add(file(dst.getNewPath(), CommitFile.Status.MODIFIED, src.getOldPath(), src.getOldId(),
          src.getOldMode(), dst.getNewId(), dst.getNewMode()));
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

  /** Git's {@code record_if_better}: replaces the first worst of the kept candidates if better. */
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

  private static SimilarityIndex similarityIndex(ObjectLoader loader) throws IOException {
    try {
      return SimilarityIndex.create(loader);
    } catch (SimilarityIndex.TableFullException tooBig) {
      return null;
    }
  }

  /** File name to its entry, null for a file name that occurs more than once; in path order. */
  private static Map<String, DiffEntry> uniqueByBaseName(List<DiffEntry> entries, boolean old) {
    Map<String, DiffEntry> byName = new java.util.LinkedHashMap<>();
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
    boolean regularA = a.getObjectType() == Constants.OBJ_BLOB && a != FileMode.SYMLINK;
    boolean regularB = b.getObjectType() == Constants.OBJ_BLOB && b != FileMode.SYMLINK;
    return (regularA && regularB) || a.equals(b);
  }

  private static String baseName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private CommitFile modified(DiffEntry e) throws IOException {
    return file(e.getNewPath(), CommitFile.Status.MODIFIED, null, e.getOldId(), e.getOldMode(), e.getNewId(),
        e.getNewMode());
  }

  /** Releases the walk; the reader stays open (the caller owns it). */
  @Override
  public void close() {
    walk.close();
  }

  private RevWalk newWalk() {
    // A walk on a reader it did not open leaves the reader open when closed.
    return new RevWalk(reader);
  }

  /** One changed file; {@code renamedFrom} is null unless renamed, ids and modes null for a missing side. */
  private CommitFile file(String path, CommitFile.Status status, String renamedFrom, AbbreviatedObjectId oldId,
      FileMode oldMode, AbbreviatedObjectId newId, FileMode newMode) throws IOException {
    boolean renamed = renamedFrom != null;
    Side oldSide = oldId != null ? side(oldId.toObjectId(), oldMode) : Side.NONE;
    Side newSide = newId != null ? side(newId.toObjectId(), newMode) : Side.NONE;
    long size = newId != null ? newSide.size : oldSide.size;
    String excludedReason = exclusions.reason(path, Math.max(oldSide.size, newSide.size));
    boolean tooLarge = oldSide.bytes == null || newSide.bytes == null;
    boolean binary = oldSide.binary() || newSide.binary();
    int additions = 0;
    int deletions = 0;
    // Git does not diff identical blobs (a pure rename or a mode change): 0 and 0.
    boolean sameContent = oldId != null && newId != null && oldId.equals(newId);
    if (!binary && !tooLarge && !sameContent) {
      long counts = LineCounts.count(DIFF_ALGORITHM, new RawText(oldSide.content()), new RawText(newSide.content()));
      additions = (int) (counts >>> 32);
      deletions = (int) counts;
    }
    return new CommitFile(path, status, renamed, renamedFrom, renamed ? path : null, additions, deletions, binary,
        FileLanguage.of(path), size, excludedReason != null, excludedReason);
  }

  private Side side(ObjectId id, FileMode mode) throws IOException {
    if (mode == FileMode.GITLINK) {
      return Side.text(("Subproject commit " + id.name() + "\n").getBytes(StandardCharsets.US_ASCII));
    }
    ObjectLoader loader = reader.open(id, Constants.OBJ_BLOB);
    // A file too large to diff is only probed for a NUL byte, never held in memory whole.
    boolean hold = loader.getSize() <= exclusions.maxFileSize() && !loader.isLarge();
    return new Side(loader.getSize(), hold ? loader.getCachedBytes() : null, loader);
  }

  /** One side of a file change: its bytes when small enough to hold, else a loader to probe. */
  private static final class Side {
    static final Side NONE = new Side(0, EMPTY, null);

    final long size;
    final byte[] bytes;
    final ObjectLoader loader;

    Side(long size, byte[] bytes, ObjectLoader loader) {
      this.size = size;
      this.bytes = bytes;
      this.loader = loader;
    }

    static Side text(byte[] bytes) {
      return new Side(bytes.length, bytes, null);
    }

    boolean binary() throws IOException {
      if (bytes != null) {
        return hasNul(bytes, (int) Math.min(bytes.length, BINARY_PROBE_BYTES));
      }
      try (InputStream in = loader.openStream()) {
        byte[] head = in.readNBytes(BINARY_PROBE_BYTES);
        return hasNul(head, head.length);
      }
    }

    byte[] content() {
      return bytes;
    }

    private static boolean hasNul(byte[] b, int n) {
      for (int i = 0; i < n; i++) {
        if (b[i] == 0) {
          return true;
        }
      }
      return false;
    }
  }
}
