package agent.core.codestats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The agent's own language table, read from the hand-written resource {@code languages.txt} beside
 * this class (its header says how to add a language). Maps extensions, file names and interpreters
 * to languages, in the table's order: where several languages share a key, the first listed is the
 * default that {@link Heuristics} may overrule. Immutable and thread-safe; {@link #get()} is the one
 * shared instance.
 */
public final class LanguageTable {
  static final String RESOURCE = "languages.txt";

  private static final class Holder {
    static final LanguageTable INSTANCE = load();
  }

  private final Map<String, Language> byName;
  private final Map<String, List<Language>> byExtension;
  private final Map<String, List<Language>> byFileName;
  private final Map<String, List<Language>> byInterpreter;
  private final Map<String, LineClassifier> classifiers;

  private LanguageTable(List<Language> languages) {
    Map<String, Language> names = new LinkedHashMap<>();
    Map<String, List<Language>> ext = new HashMap<>();
    Map<String, List<Language>> files = new HashMap<>();
    Map<String, List<Language>> interp = new HashMap<>();
    Map<String, LineClassifier> cls = new HashMap<>();
    for (Language l : languages) {
      if (names.put(l.name(), l) != null) {
        throw new IllegalStateException(RESOURCE + " lists " + l.name() + " twice");
      }
      l.extensions().forEach(e -> ext.computeIfAbsent(e, k -> new ArrayList<>()).add(l));
      l.fileNames().forEach(f -> files.computeIfAbsent(f.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(l));
      l.interpreters().forEach(i -> interp.computeIfAbsent(i, k -> new ArrayList<>()).add(l));
      cls.put(l.name(), new LineClassifier(l));
    }
    this.byName = Collections.unmodifiableMap(names);
    this.byExtension = freeze(ext);
    this.byFileName = freeze(files);
    this.byInterpreter = freeze(interp);
    this.classifiers = Map.copyOf(cls);
  }

  /** The table of {@code languages.txt}, read once. */
  public static LanguageTable get() {
    return Holder.INSTANCE;
  }

  /** Every language, in the table's order. */
  public List<Language> languages() {
    return List.copyOf(byName.values());
  }

  /** The language named {@code name} (linguist's name), or null. */
  public Language language(String name) {
    return byName.get(name);
  }

  /** The classifier of {@code language}, built once. */
  public LineClassifier classifier(Language language) {
    return classifiers.get(language.name());
  }

  /** The languages that claim the extension {@code ext} (lower case, no dot), default first. */
  public List<Language> byExtension(String ext) {
    return byExtension.getOrDefault(ext, List.of());
  }

  /** The languages that claim the file name {@code name} (any case), default first. */
  public List<Language> byFileName(String name) {
    return byFileName.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  /** The languages whose scripts start with {@code #!} and {@code interpreter}, default first. */
  public List<Language> byInterpreter(String interpreter) {
    return byInterpreter.getOrDefault(interpreter, List.of());
  }

  private static Map<String, List<Language>> freeze(Map<String, List<Language>> m) {
    Map<String, List<Language>> out = new HashMap<>();
    m.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return Map.copyOf(out);
  }

  static LanguageTable load() {
    try (InputStream in = LanguageTable.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a table in the format of {@code languages.txt}. */
  static LanguageTable parse(BufferedReader r) throws IOException {
    List<Language> out = new ArrayList<>();
    Draft d = null;
    int lineNo = 0;
    for (String line; (line = r.readLine()) != null; ) {
      lineNo++;
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("# ") || t.equals("#")) {
        continue;
      }
      if (t.startsWith("[") && t.endsWith("]")) {
        if (d != null) {
          out.add(d.build());
        }
        d = new Draft(t.substring(1, t.length() - 1));
        continue;
      }
      if (d == null) {
        throw new IllegalStateException(RESOURCE + ":" + lineNo + ": a key before the first [Language]");
      }
      int sp = t.indexOf(' ');
      String key = sp < 0 ? t : t.substring(0, sp);
      List<String> v = sp < 0 ? List.of() : Arrays.asList(t.substring(sp + 1).trim().split("\\s+"));
      Draft cur = d;
      int n = lineNo;
      switch (key) {
        case "ext" -> v.forEach(e -> cur.ext.add(e.toLowerCase(Locale.ROOT)));
        case "file" -> cur.files.addAll(v);
        case "interp" -> cur.interp.addAll(v);
        case "line" -> cur.line.addAll(v);
        case "nested" -> cur.nested = true;
        case "block" -> pairs(v, n, (a, b) -> cur.block.add(new Language.Delimiters(a, b)));
        case "quote" -> pairs(v, n, (a, b) -> cur.quotes.add(new Language.Quote(a, b, false, false)));
        case "raw" -> pairs(v, n, (a, b) -> cur.quotes.add(new Language.Quote(a, b, true, false)));
        case "doc" -> pairs(v, n, (a, b) -> cur.quotes.add(new Language.Quote(a, b, false, true)));
        case "cx" -> v.forEach(w -> cur.cx.addAll(complexityTokens(w)));
        default -> throw new IllegalStateException(RESOURCE + ":" + lineNo + ": unknown key " + key);
      }
    }
    if (d != null) {
      out.add(d.build());
    }
    return new LanguageTable(out);
  }

  /**
   * The token a complexity word of the table stands for: {@code \s} in it is a space, {@code \\}
   * a backslash; a word ending in {@code $} is the text before it; a word ending in "{", "(", ":" or
   * a space is itself; any other word is followed by a space.
   */
  static List<String> complexityTokens(String w) {
    if (w.length() > 1 && w.endsWith("$")) {
      return List.of(unescape(w.substring(0, w.length() - 1)));
    }
    String t = unescape(w);
    char last = t.charAt(t.length() - 1);
    if (t.length() > 1 && (last == '{' || last == '(' || last == ':' || last == ' ')) {
      return List.of(t);
    }
    return List.of(t + " ");
  }

  private static String unescape(String w) {
    if (w.indexOf('\\') < 0) {
      return w;
    }
    StringBuilder b = new StringBuilder(w.length());
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      if (c == '\\' && i + 1 < w.length()) {
        char n = w.charAt(++i);
        b.append(n == 's' ? ' ' : n);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static void pairs(List<String> v, int lineNo, java.util.function.BiConsumer<String, String> add) {
    if (v.size() % 2 != 0) {
      throw new IllegalStateException(RESOURCE + ":" + lineNo + ": markers come in pairs, got " + v);
    }
    for (int i = 0; i < v.size(); i += 2) {
      add.accept(v.get(i), v.get(i + 1));
    }
  }

  private static final class Draft {
    final String name;
    final List<String> ext = new ArrayList<>();
    final List<String> files = new ArrayList<>();
    final List<String> interp = new ArrayList<>();
    final List<String> line = new ArrayList<>();
    final List<Language.Delimiters> block = new ArrayList<>();
    final List<Language.Quote> quotes = new ArrayList<>();
    final List<String> cx = new ArrayList<>();
    boolean nested;

    Draft(String name) {
      this.name = name;
    }

    Language build() {
      return new Language(name, ext, files, interp, line, block, nested, quotes, cx);
    }
  }
}
