package agent.core.codestats;

import java.util.List;

/**
 * One language of the {@link LanguageTable}: its linguist name, the files it claims, and the syntax
 * the {@link LineClassifier} needs. Immutable; markers are held as bytes (UTF-8) because the
 * classifier reads file content as bytes.
 *
 * @param name GitHub linguist's name: {@code Java}, {@code C++}, {@code Shell}
 * @param extensions extensions without the dot, lower case
 * @param fileNames file names, as written (matched without case)
 * @param interpreters interpreters of a {@code #!} line
 * @param lineComments line comment markers
 * @param blockComments block comments, each an open and a close marker
 * @param nested whether block comments nest
 * @param quotes string and docstring delimiters
 * @param complexity complexity tokens, exactly as matched ({@code "if "}, {@code "if("}, {@code "&& "})
 */
public record Language(String name, List<String> extensions, List<String> fileNames, List<String> interpreters,
    List<String> lineComments, List<Delimiters> blockComments, boolean nested, List<Quote> quotes,
    List<String> complexity) {

  /** A block comment's open and close markers. */
  public record Delimiters(String open, String close) {}

  /**
   * A string's start and end markers.
   *
   * @param raw no backslash escapes inside ({@code @"..."}, {@code r"..."}, {@code `...`})
   * @param doc a docstring: alone on its lines it counts as a comment (Python's {@code """})
   */
  public record Quote(String start, String end, boolean raw, boolean doc) {}

  public Language {
    extensions = List.copyOf(extensions);
    fileNames = List.copyOf(fileNames);
    interpreters = List.copyOf(interpreters);
    lineComments = List.copyOf(lineComments);
    blockComments = List.copyOf(blockComments);
    quotes = List.copyOf(quotes);
    complexity = List.copyOf(complexity);
  }

  /** True when the language has neither comments nor strings nor complexity: every line is code or blank. */
  public boolean plain() {
    return lineComments.isEmpty() && blockComments.isEmpty() && quotes.isEmpty() && complexity.isEmpty();
  }
}
