package agent.core.codestats;

/**
 * The code statistics of one file's content: its language ({@link LanguageDetector}), why it is
 * excluded ({@link FileExclusions}), its line counts ({@link LineClassifier}) and, for a licence
 * file, its licence ({@link LicenseDetector}). Content is given as bytes already read (the git walk
 * reads each blob once, for its diff and for this). Thread-safe.
 */
public final class CodeStats {
  private final FileExclusions exclusions;
  private final LanguageDetector detector;
  private final LanguageTable table;

  public CodeStats(FileExclusions exclusions) {
    this.exclusions = exclusions;
    this.table = LanguageTable.get();
    this.detector = LanguageDetector.standard();
  }

  public FileExclusions exclusions() {
    return exclusions;
  }

  /**
   * What a file is.
   *
   * @param language linguist's name, or null if unknown
   * @param excludedReason why analytics leave it out, or null
   * @param stats its line counts; null when its content was not counted (excluded for its size,
   *     line count or line length)
   * @param license the licence of a licence file, or null
   */
  public record Result(String language, String excludedReason, FileStats stats, LicenseDetector.License license) {}

  /** The language of {@code path} by name alone, for a file whose content is not read. */
  public String language(String path) {
    Language l = detector.detect(path);
    return l == null ? null : l.name();
  }

  /** The language of the text file {@code path} with content {@code c[0, length)}, or null. */
  public String language(String path, byte[] c, int length) {
    Language l = detector.detect(path, c, length);
    return l == null ? null : l.name();
  }

  /**
   * The statistics of the text file {@code path} with content {@code c[0, length)}; {@code
   * pathReason} is {@link FileExclusions#reason} for it, computed by the caller (null: not excluded
   * by path or size). {@code lines}, when not null, receives each line's class.
   */
  public Result analyze(String path, String pathReason, byte[] c, int length, LineClasses lines) {
    Language language = detector.detect(path, c, length);
    String name = language == null ? null : language.name();
    LicenseDetector.License license = null;
    if (FileExclusions.LICENSE_FILE.equals(pathReason)) {
      license = LicenseDetector.detect(c, length);
    }
    String contentReason = exclusions.contentReason(c, length);
    if (contentReason != null && !contentReason.startsWith("generated")) {
      return new Result(name, pathReason != null ? pathReason : contentReason, null, license);
    }
    String reason = pathReason != null ? pathReason : contentReason;
    Language counted = language != null ? language : table.language("Text");
    FileStats stats = table.classifier(counted).classify(c, length, lines);
    return new Result(name, reason, stats, license);
  }
}
