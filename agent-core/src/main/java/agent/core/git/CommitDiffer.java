package agent.core.git;

import agent.core.codestats.FileExclusions;
import agent.core.codestats.CodeStats;
import agent.core.codestats.FileStats;
import agent.core.codestats.LanguageDetector;
import agent.core.codestats.LineClasses;
import agent.core.diff.LineDiff;
import agent.core.codestats.LicenseDetector;
import agent.rpcdef.model.sourcecode.CommitFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.MyersDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * The per-file statistics of one commit against its first parent (a root commit: against the empty
 * tree), exactly as {@code git log --numstat --first-parent -M --diff-algorithm=myers} reports them.
 *
 * <ul>
 *   <li>Lines are counted with {@link LineDiff}, which diffs as git's own diff does (Myers with
 *       git's preprocessing, cost limits and heuristics), so the counts are git's even where git's
 *       diff is not minimal (large scattered rewrites). A line includes its {@code \n}, so a last
 *       line without one differs from the same text with one, and {@code \r} is an ordinary byte,
 *       as in git.
 *   <li>For the blame, each changed text file's lines are matched with its parents' versions as
 *       {@code git blame} diffs them: the same diff, with zero context ({@link
 *       LineDiff#zeroContext}), which differs only past a long common tail.
 *   <li>A side is binary by git's rule: a NUL byte in its first {@value #BINARY_PROBE_BYTES} bytes.
 *       If either side is, the file is {@code binary} with 0 additions and deletions (numstat's
 *       {@code -	-}). JGit's own {@link RawText#isBinary} is not used: it also calls a lone CR
 *       binary, which git does not. {@code .gitattributes} ({@code binary}, {@code -diff}) is not
 *       read.
 *   <li>Renames as {@code git -M}, by git's own passes ({@link RenamePasses}): exact, then same file
 *       name, then similar content; a removed file is the source of one rename at most, there are no
 *       copies, and the repository's own rename configuration is ignored.
 *   <li>A submodule change is diffed as git does: as the text {@code Subproject commit <sha>}. A
 *       path whose type changed (file to symlink, say) is one modified file, as in git.
 *   <li>A file larger than {@link FileExclusions#maxFileSize()} is not diffed: it is excluded with 0
 *       additions and deletions (git would count its lines).
 *   <li>Code statistics ({@link CodeStats}, unless turned off): for an added or modified regular
 *       file whose new content is text and small enough to hold, from the bytes already read for
 *       the diff: language by name, {@code #!} line and content, line counts, content-based
 *       exclusions, a licence file's licence. Other files get their language by name only.
 * </ul>
 *
 * <p>Not thread-safe: use one per thread, each with its own {@link ObjectReader}. The caller owns
 * the reader and closes it after {@link #close()}.
 */
public final class CommitDiffer implements AutoCloseable {
  /**
   * The algorithm JGit's tree scan is set to; it diffs no content here ({@link LineDiff} does), but
   * is pinned to git's default all the same.
   */
  public static final DiffAlgorithm DIFF_ALGORITHM = MyersDiff.INSTANCE;

  /** Git's {@code FIRST_FEW_BYTES}: how far it looks for a NUL byte to call content binary. */
  public static final int BINARY_PROBE_BYTES = 8000;

  private static final byte[] EMPTY = new byte[0];

  private final ObjectReader reader;
  private final DiffFormatter formatter;
  private final FileExclusions exclusions;
  private final CodeStats codeStats;
  private final boolean statsOn;
  private final Blame blame;
  private final LineClasses lineClasses = new LineClasses();
  /** Diffs as {@code git log --numstat}: the counts. */
  private final LineDiff counts = new LineDiff();
  /** Diffs as {@code git blame}: with zero context. */
  private final LineDiff blameDiff = new LineDiff().zeroContext(true);
  private final RenamePasses renames;
  /** The trees of the commit's other parents (a merge's second, ...), for the blame; empty otherwise. */
  private RevTree[] otherParents = new RevTree[0];
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
    this(reader, config, exclusions, true);
  }

  /**
   * @param reader this differ's own reader; not closed by it
   * @param config the repository's configuration (only core settings are read from it)
   * @param codeStats whether files get code statistics ({@link CodeStats})
   */
  public CommitDiffer(ObjectReader reader, Config config, FileExclusions exclusions, boolean codeStats) {
    this(reader, config, exclusions, codeStats, Blame.OFF);
  }

  /** What a differ works out for {@link BlameTracker}, beyond the statistics. */
  enum Blame {
    /** Nothing. */
    OFF,
    /** How each changed text file's lines match its parents' versions ({@link Change#first()}, ...). */
    ORIGINS,
    /** That, and each line's class ({@link Change#classes()}). */
    LINES
  }

  /**
   * @param reader this differ's own reader; not closed by it
   * @param config the repository's configuration (only core settings are read from it)
   * @param codeStats whether files get code statistics ({@link CodeStats})
   * @param blame what to work out for the blame
   */
  CommitDiffer(ObjectReader reader, Config config, FileExclusions exclusions, boolean codeStats, Blame blame) {
    this.reader = reader;
    this.exclusions = exclusions;
    this.statsOn = codeStats;
    this.blame = blame;
    this.codeStats = codeStats || blame == Blame.LINES ? new CodeStats(exclusions) : null;
    this.renames = new RenamePasses(reader);
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
    List<Change> changes = changes(commit);
    List<CommitFile> files = new ArrayList<>(changes.size());
    for (Change c : changes) {
      files.add(c.file());
    }
    return files;
  }

  /**
   * How the content of a changed file's lines matches one parent's version of the file.
   *
   * @param path the file's path in that parent
   * @param same the parent's blob is the new one: every line is unchanged
   * @param oldLines the number of lines of the parent's version
   * @param newToOld for each new line, the parent's line it is unchanged from, or -1; null when
   *     {@code same}
   */
  record Match(String path, boolean same, int oldLines, int[] newToOld) {}

  /**
   * One changed file, with what {@link BlameTracker} needs when the differ works it out.
   *
   * @param file the file's statistics
   * @param lines the number of lines of the new content when the blame follows this file (a
   *     regular text file after the commit, small enough to diff); -1
   *     when it does not, or when the blame is off
   * @param first how the lines match the first parent's version (at {@code renamedFrom} for a
   *     rename); null when that is not text, or there is none
   * @param others the same against the other parents of a merge, each at the same path (else at
   *     the first parent's path); entries null where there is nothing to match
   * @param classes the class of each line ({@link agent.core.codestats.LineClass}), when asked for
   *     and the file's lines are exported; null otherwise
   */
  record Change(CommitFile file, int lines, Match first, Match[] others, byte[] classes) {}

  /**
   * The files {@code commit} changed against its first parent, as {@link #diff}, with what the
   * blame needs when this differ works it out.
   */
  List<Change> changes(RevCommit commit) throws IOException {
    otherParents = new RevTree[blame == Blame.OFF ? 0 : Math.max(0, commit.getParentCount() - 1)];
    for (int k = 0; k < otherParents.length; k++) {
      otherParents[k] = parseCommit(commit.getParent(k + 1)).getTree();
    }
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
    List<Change> files = new ArrayList<>(entries.size());
    for (DiffEntry e : entries) {
      switch (e.getChangeType()) {
        case ADD -> added.add(e);
        case DELETE -> deleted.add(e);
        default -> files.add(modified(e));
      }
    }
    List<DiffEntry> renamedSources = new ArrayList<>();
    if (!added.isEmpty() && !deleted.isEmpty()) {
      RenamePasses.Result paired = renames.pair(added, deleted);
      for (RenamePasses.Pair p : paired.typeChanges()) {
        files.add(modified(p, null));
      }
      for (RenamePasses.Pair p : paired.renames()) {
        files.add(modified(p, p.deleted().getOldPath()));
        renamedSources.add(p.deleted());
      }
      added = paired.added();
      deleted = paired.deleted();
    }
    Map<DiffEntry, DiffEntry> blameSources = blame == Blame.OFF || added.isEmpty() ? Map.of()
        : blameSources(added, renamedSources);
    for (DiffEntry e : added) {
      Change c = file(e.getNewPath(), CommitFile.Status.ADDED, null, null, null, e.getNewId(), e.getNewMode());
      DiffEntry source = blameSources.get(e);
      files.add(c.lines() >= 0 && source != null ? withBlameSource(c, e, source) : c);
    }
    for (DiffEntry e : deleted) {
      files.add(file(e.getOldPath(), CommitFile.Status.REMOVED, null, e.getOldId(), e.getOldMode(), null, null));
    }
    // Git's diff order: by path bytes (the new path of a rename).
    files.sort(Comparator.comparing(f -> f.file().filename().getBytes(StandardCharsets.UTF_8),
        Arrays::compareUnsigned));
    return files;
  }

  /**
   * The rename sources of added files as {@code git blame} finds them. Git looks for an added file's
   * source on its own, among every file the commit removed, so a source the statistics paired with
   * another file (a file split in two) can be this one's too. Only those sources can differ from
   * the statistics' pairing: a source left unpaired was on offer to every added file already. So the
   * added files left unpaired are paired again with the sources already used, by the same passes
   * ({@link RenamePasses}, with its limits), and again with what is left, at most {@value
   * #BLAME_SOURCE_PASSES} times: a source can serve one more file each time.
   */
  private Map<DiffEntry, DiffEntry> blameSources(List<DiffEntry> added, List<DiffEntry> sources)
      throws IOException {
    Map<DiffEntry, DiffEntry> out = new java.util.HashMap<>();
    List<DiffEntry> left = added;
    for (int pass = 0; pass < BLAME_SOURCE_PASSES && !left.isEmpty() && !sources.isEmpty(); pass++) {
      RenamePasses.Result r = renames.pair(left, sources);
      if (r.renames().isEmpty()) {
        break;
      }
      for (RenamePasses.Pair p : r.renames()) {
        out.put(p.added(), p.deleted());
      }
      left = r.added();
    }
    return out;
  }

  private static final int BLAME_SOURCE_PASSES = 3;

  /** An added file whose lines the blame takes from {@code source}, a file the commit removed. */
  private Change withBlameSource(Change c, DiffEntry added, DiffEntry source) throws IOException {
    Side old = side(source.getOldId().toObjectId(), source.getOldMode());
    Side now = side(added.getNewId().toObjectId(), added.getNewMode());
    if (old.bytes == null || old.binary() || now.bytes == null) {
      return c;
    }
    Match first = source.getOldId().equals(added.getNewId())
        ? new Match(source.getOldPath(), true, c.lines(), null)
        : blameMatch(source.getOldPath(), old.bytes, now.bytes);
    return new Change(c.file(), c.lines(), first, c.others(), c.classes());
  }

  private Change modified(DiffEntry e) throws IOException {
    return file(e.getNewPath(), CommitFile.Status.MODIFIED, null, e.getOldId(), e.getOldMode(), e.getNewId(),
        e.getNewMode());
  }

  /** A removal and an addition as one modified file: a rename when {@code renamedFrom} is not null. */
  private Change modified(RenamePasses.Pair p, String renamedFrom) throws IOException {
    return file(p.added().getNewPath(), CommitFile.Status.MODIFIED, renamedFrom, p.deleted().getOldId(),
        p.deleted().getOldMode(), p.added().getNewId(), p.added().getNewMode());
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
  private Change file(String path, CommitFile.Status status, String renamedFrom, AbbreviatedObjectId oldId,
      FileMode oldMode, AbbreviatedObjectId newId, FileMode newMode) throws IOException {
    boolean renamed = renamedFrom != null;
    Side oldSide = oldId != null ? side(oldId.toObjectId(), oldMode) : Side.NONE;
    Side newSide = newId != null ? side(newId.toObjectId(), newMode) : Side.NONE;
    // The size after the commit: 0 for a removed file, as ripsrc gave it.
    long size = newId != null ? newSide.size : 0;
    String excludedReason = exclusions.reason(path, Math.max(oldSide.size, newSide.size));
    boolean tooLarge = oldSide.bytes == null || newSide.bytes == null;
    boolean newBinary = newSide.binary();
    boolean oldBinary = oldSide.binary();
    boolean binary = oldBinary || newBinary;
    boolean regular = regularFile(newMode);
    // The blame follows the lines of every regular text file it can hold, excluded ones too: a file
    // renamed out of an excluded folder keeps its lines' origins, as in git.
    boolean followed = blame != Blame.OFF && newId != null && regular && !newBinary && newSide.bytes != null;
    int newLines = followed ? LineDiff.lineCount(newSide.bytes, newSide.bytes.length) : -1;
    int additions = 0;
    int deletions = 0;
    Match first = null;
    // Git does not diff identical blobs (a pure rename or a mode change): 0 and 0.
    boolean sameContent = oldId != null && newId != null && oldId.equals(newId);
    String oldPath = renamed ? renamedFrom : path;
    if (sameContent && followed) {
      first = new Match(oldPath, true, newLines, null);
    } else if (!binary && !tooLarge && !sameContent) {
      byte[] o = oldSide.content();
      byte[] n = newSide.content();
      counts.compute(o, o.length, n, n.length);
      additions = counts.additions();
      deletions = counts.deletions();
      if (followed && oldId != null) {
        // Usually the blame's diff is this one; git's zero-context diff differs only past a long common tail.
        first = LineDiff.zeroContextCutsTail(o, o.length, n, n.length) ? blameMatch(oldPath, o, n)
            : match(oldPath, counts);
      }
    } else if (followed && oldId != null && !oldBinary && oldSide.bytes != null) {
      // Not counted (the other side is binary or too large to diff), yet the blame can still match.
      first = blameMatch(oldPath, oldSide.bytes, newSide.bytes);
    }
    String language;
    FileStats stats = null;
    LicenseDetector.License license = null;
    byte[] classes = null;
    if (codeStats != null && newId != null && regular && !newBinary && newSide.bytes != null) {
      LineClasses lines = followed && blame == Blame.LINES ? lineClasses : null;
      if (lines != null) {
        lines.clear();
      }
      CodeStats.Result r = codeStats.analyze(path, excludedReason, newSide.bytes, newSide.bytes.length, lines);
      language = statsOn ? r.language() : languageByName(path);
      if (statsOn) {
        excludedReason = r.excludedReason();
        stats = r.stats();
        license = r.license();
      }
      if (lines != null && r.excludedReason() == null && lines.size() == newLines) {
        classes = lines.toArray();
      }
    } else if (newId == null && codeStats != null && !oldBinary && oldSide.bytes != null
        && regularFile(oldMode)) {
      // A removed file keeps the language it had, from the content already read for its diff.
      language = statsOn ? codeStats.language(path, oldSide.bytes, oldSide.bytes.length) : languageByName(path);
    } else {
      language = languageByName(path);
    }
    Match[] others = followed ? others(path, oldPath, newId.toObjectId(), newSide.bytes, newLines) : NO_MATCHES;
    CommitFile file = CommitFile.builder().filename(path).status(status).renamed(renamed).renamedFrom(renamedFrom)
        .renamedTo(renamed ? path : null).additions(additions).deletions(deletions).binary(binary)
        .language(language).size(size).excluded(excludedReason != null).excludedReason(excludedReason)
        .loc(stats == null ? null : stats.lines()).sloc(stats == null ? null : stats.code())
        .comments(stats == null ? null : stats.comments()).blanks(stats == null ? null : stats.blanks())
        .complexity(stats == null ? null : stats.complexity()).license(license == null ? null : license.spdxId())
        .licenseConfidence(license == null ? null : license.confidence())
        .build();
    return new Change(file, newLines, first, others, classes);
  }

  private static final Match[] NO_MATCHES = new Match[0];

  /** A plain or executable file: not a symlink, a submodule, or no file at all (null). */
  private static boolean regularFile(FileMode mode) {
    return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
  }

  /** How the lines of {@code now} match those of {@code old} at {@code path}, as {@code git blame} diffs them. */
  private Match blameMatch(String path, byte[] old, byte[] now) {
    blameDiff.compute(old, old.length, now, now.length);
    return match(path, blameDiff);
  }

  /** The matching {@code diff} last computed, as a {@link Match} of the file at {@code path}. */
  private static Match match(String path, LineDiff diff) {
    int[] newToOld = new int[diff.newLineCount()];
    for (int i = 0; i < newToOld.length; i++) {
      newToOld[i] = diff.oldLineOf(i);
    }
    return new Match(path, false, diff.oldLineCount(), newToOld);
  }

  /**
   * How the new content matches the file in each of a merge's other parents: at {@code path}, else at
   * {@code oldPath} (where the first parent had it).
   */
  private Match[] others(String path, String oldPath, ObjectId newId, byte[] newBytes, int newLines)
      throws IOException {
    if (otherParents.length == 0) {
      return NO_MATCHES;
    }
    Match[] out = new Match[otherParents.length];
    for (int k = 0; k < otherParents.length; k++) {
      String at = path;
      TreeWalk tw = TreeWalk.forPath(reader, path, otherParents[k]);
      if (tw == null && !oldPath.equals(path)) {
        at = oldPath;
        tw = TreeWalk.forPath(reader, oldPath, otherParents[k]);
      }
      if (tw == null) {
        continue;
      }
      FileMode mode = tw.getFileMode(0);
      ObjectId id = tw.getObjectId(0);
      tw.close();
      if (!regularFile(mode)) {
        continue;
      }
      if (id.equals(newId)) {
        out[k] = new Match(at, true, newLines, null);
        continue;
      }
      Side s = side(id, mode);
      if (s.bytes == null || s.binary()) {
        continue;
      }
      out[k] = blameMatch(at, s.bytes, newBytes);
    }
    return out;
  }

  private static String languageByName(String path) {
    agent.core.codestats.Language l = LanguageDetector.standard().detect(path);
    return l == null ? null : l.name();
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
