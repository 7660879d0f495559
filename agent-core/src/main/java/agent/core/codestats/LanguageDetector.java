package agent.core.codestats;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The language of a file, as GitHub's linguist decides it, in its order: a well-known file name
 * ({@code Makefile}, {@code Dockerfile}), then the interpreter of a {@code #!} line, then the
 * extension (the two-part one first: {@code .gradle.kts}), with {@link Heuristics} on the content
 * where several languages share the extension. Names are linguist's. Thread-safe.
 */
public final class LanguageDetector {
  private final LanguageTable table;

  public LanguageDetector(LanguageTable table) {
    this.table = table;
  }

  /** A detector over the agent's own table. */
  public static LanguageDetector standard() {
    return Holder.STANDARD;
  }

  private static final class Holder {
    static final LanguageDetector STANDARD = new LanguageDetector(LanguageTable.get());
  }

  /** The language of {@code path} by name only (no content), or null if unknown. */
  public Language detect(String path) {
    return detect(path, null, 0);
  }

  /**
   * The language of the file at {@code path} (a repository path with {@code /} separators) whose
   * content is {@code content[0, length)}; null content for a decision on the name alone. Null if
   * unknown.
   */
  public Language detect(String path, byte[] content, int length) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    List<Language> byName = table.byFileName(name);
    if (!byName.isEmpty()) {
      return byName.get(0);
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (content != null) {
      String interpreter = interpreter(content, length);
      if (interpreter != null) {
        List<Language> byInterpreter = table.byInterpreter(interpreter);
        if (byInterpreter.isEmpty()) {
          byInterpreter = table.byInterpreter(interpreter.replaceFirst("[0-9.]+$", ""));
        }
        if (!byInterpreter.isEmpty()) {
          return byInterpreter.get(0);
        }
      }
    }
    if (lower.startsWith("dockerfile.") || lower.startsWith("containerfile.")) {
      return table.language("Dockerfile");
    }
    int dot = lower.indexOf('.', 1);
    // A leading dot is a hidden file, not an extension: ".env" has none.
    while (dot > 0 && dot < lower.length() - 1) {
      String ext = lower.substring(dot + 1);
      List<Language> candidates = table.byExtension(ext);
      if (candidates.size() == 1) {
        return candidates.get(0);
      }
      if (candidates.size() > 1) {
        return disambiguate(ext, candidates, content, length);
      }
      dot = lower.indexOf('.', dot + 1);
    }
    return null;
  }

  private Language disambiguate(String ext, List<Language> candidates, byte[] content, int length) {
    if (content != null && Heuristics.covers(ext)) {
      // The rules look for ASCII; Latin-1 maps each byte to one char without decoding errors.
      String text = new String(content, 0, Math.min(length, Heuristics.PROBE_BYTES), StandardCharsets.ISO_8859_1);
      String picked = Heuristics.pick(ext, text);
      if (picked != null) {
        Language l = table.language(picked);
        if (l != null) {
          return l;
        }
      }
    }
    return candidates.get(0);
  }

  /**
   * The interpreter a {@code #!} first line names: the program's file name, or for {@code env} its
   * first argument that is neither an option nor an assignment; null without one.
   */
  static String interpreter(byte[] content, int length) {
    if (length < 3 || content[0] != '#' || content[1] != '!') {
      return null;
    }
    int end = 2;
    while (end < length && end < 256 && content[end] != '\n') {
      end++;
    }
    String[] words = new String(content, 2, end - 2, StandardCharsets.ISO_8859_1).trim().split("\\s+");
    if (words.length == 0 || words[0].isEmpty()) {
      return null;
    }
    String program = words[0].substring(words[0].lastIndexOf('/') + 1);
    if (program.equals("env")) {
      for (int i = 1; i < words.length; i++) {
        if (!words[i].startsWith("-") && words[i].indexOf('=') < 0) {
          return words[i].substring(words[i].lastIndexOf('/') + 1);
        }
      }
      return null;
    }
    return program;
  }
}
