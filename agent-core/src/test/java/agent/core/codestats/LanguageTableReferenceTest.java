package agent.core.codestats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import agent.rpcdef.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compares the agent's own language table with the reference tables where they lie, {@code
 * shared/codestats} beside the repository (linguist's languages.yml, scc's languages.json, MIT; read
 * in place, never copied): for each of our languages, our extensions, file names and interpreters
 * against linguist's, and our comment markers and string delimiters against scc's. Every difference
 * must be one of the documented {@code *_EXCEPTIONS} below (and every exception must still be a
 * difference), so a change to the table is either in step with the references or says why not.
 * Skipped where the folder is absent.
 */
class LanguageTableReferenceTest {
  private static Path reference;

  @BeforeAll
  static void locate() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path p = dir.resolve("shared").resolve("codestats");
      if (Files.isRegularFile(p.resolve("linguist-languages.yml")) && Files.isRegularFile(p.resolve("scc-languages.json"))) {
        reference = p;
        return;
      }
    }
  }

  private static void assumeReference() {
    assumeTrue(reference != null, "the reference tables (a folder shared/codestats with linguist-languages.yml "
        + "and scc-languages.json beside the repository or above it) are absent: comparison skipped");
  }

  /** Our name to scc's, where they differ; null: scc has no such language. */
  private static final Map<String, String> SCC_NAMES = new HashMap<>();

  static {
    SCC_NAMES.put("Objective-C", "Objective C");
    SCC_NAMES.put("Objective-C++", "Objective C++");
    SCC_NAMES.put("Batchfile", "Batch");
    SCC_NAMES.put("PowerShell", "Powershell");
    SCC_NAMES.put("Protocol Buffer", "Protocol Buffers");
    SCC_NAMES.put("Visual Basic .NET", "Visual Basic");
    SCC_NAMES.put("Java Properties", "Properties File");
    SCC_NAMES.put("Text", "Plain Text");
    SCC_NAMES.put("reStructuredText", "ReStructuredText");
    SCC_NAMES.put("Fortran", "Fortran Modern");
    SCC_NAMES.put("Jupyter Notebook", "Jupyter");
    SCC_NAMES.put("Less", "LESS");
    SCC_NAMES.put("Common Lisp", "Lisp");
    SCC_NAMES.put("Starlark", "Bazel");
    SCC_NAMES.put("Ignore List", "gitignore");
    SCC_NAMES.put("VBA", "Visual Basic for Applications");
    SCC_NAMES.put("PLSQL", "PL/SQL");
    SCC_NAMES.put("SCSS", "Sass");
    SCC_NAMES.put("Tcl", "TCL");
    SCC_NAMES.put("Mathematica", "Wolfram");
    SCC_NAMES.put("HCL", "Terraform");
  }

  // Differences meant, as "Language|aspect|value" (value as ours has it, "-x" where only the
  // reference has x). Grouped by reason.
  private static final Set<String> LINGUIST_EXCEPTIONS = Set.of(
      // extensions, file names and interpreters in common use that linguist lists under no language or another
      "C#|interp|dotnet",
      "C++|ext|c++m",
      "C++|ext|ccm",
      "C++|ext|cxxm",
      "Clojure|ext|edn",
      "D|interp|rdmd",
      "Fortran|ext|f03",
      "Fortran|ext|f08",
      "Fortran|ext|f90",
      "Fortran|ext|f95",
      "INI|file|.editorconfig",
      "INI|file|.gitconfig",
      "INI|file|.npmrc",
      "Ignore List|file|.gcloudignore",
      "Ignore List|file|.helmignore",
      "JSON|ext|json5",
      "JSON|ext|jsonc",
      "JSON|file|.babelrc",
      "JSON|file|.eslintrc.json",
      "JSON|file|.jshintrc",
      "JSON|file|jsconfig.json",
      "JSON|file|tsconfig.json",
      "Lua|ext|luau",
      "PHP|ext|phtml",
      "Perl|ext|pod",
      "Python|ext|pxd",
      "Python|ext|pxi",
      "Python|ext|pyx",
      "Python|file|build.gn",
      "Raku|ext|rakutest",
      "Raku|ext|t6",
      "RenderScript|ext|rscript",
      "Ruby|file|appfile",
      "SQL|ext|cql",
      "Shell|ext|bash_logout",
      "Shell|ext|bash_profile",
      "Shell|ext|bashrc",
      "Shell|ext|zshrc",
      "Text|file|go.work.sum",
      "XML|ext|atom",
      "XML|ext|config",
      "XML|ext|plist",
      "XML|ext|svg",
      "XML|ext|xsl",
      "XML|ext|xslt",
      "Zig|ext|zon",
      // languages the reference does not have under this name (or at all)
      "Coq|name|not in linguist",
      "Fish|name|not in linguist",
      "Mathematica|name|not in linguist",
      "Vim Script|name|not in linguist");

  /** None: where scc knows a language, its complexity tokens are the agent's, form for form. */
  private static final Set<String> SCC_COMPLEXITY_EXCEPTIONS = Set.of();

  private static final Set<String> SCC_EXCEPTIONS = Set.of(
      // strings scc does not list: character literals, single-quoted and triple-quoted strings the language has
      "Ada|quote|\" \"",
      "Assembly|quote|\" \"",
      "Batchfile|quote|\" \"",
      "C++|quote|' '",
      "CSS|quote|' '",
      "Clojure|quote|\" \"",
      "CoffeeScript|quote|\" \"",
      "CoffeeScript|quote|\"\"\" \"\"\"",
      "CoffeeScript|quote|''' '''",
      "Common Lisp|quote|\" \"",
      "Crystal|quote|\" \"",
      "C|quote|' '",
      "Dart|quote|' '",
      "Dart|quote|r\" \"",
      "Dart|quote|r' '",
      "Dockerfile|quote|\" \"",
      "D|quote|` `",
      "Elm|quote|\"\"\" \"\"\"",
      "Emacs Lisp|quote|\" \"",
      "Erlang|quote|\" \"",
      "Erlang|quote|' '",
      "Fish|quote|\" \"",
      "Forth|quote|\" \"",
      "Fortran|quote|\" \"",
      "Fortran|quote|' '",
      "Groovy|quote|' '",
      "HTML|quote|' '",
      "Haskell|quote|\" \"",
      "Haxe|quote|' '",
      "IDL|quote|' '",
      "JSON|quote|\" \"",
      "Julia|quote|\" \"",
      "Julia|quote|\"\"\" \"\"\"",
      "Just|quote|\" \"",
      "Just|quote|' '",
      "Kotlin|quote|' '",
      "Less|quote|' '",
      "MATLAB|quote|\" \"",
      "Makefile|quote|\" \"",
      "Makefile|quote|' '",
      "Nim|quote|\" \"",
      "Nim|quote|\"\"\" \"\"\"",
      "Nix|quote|'' ''",
      "Objective-C++|quote|' '",
      "Objective-C|quote|' '",
      "PHP|quote|\" \"",
      "PLSQL|quote|\" \"",
      "PowerShell|quote|' '",
      "Prolog|quote|' '",
      "Protocol Buffer|quote|' '",
      "Puppet|quote|\" \"",
      "Raku|quote|\" \"",
      "Ruby|quote|\" \"",
      "R|quote|\" \"",
      "R|quote|' '",
      "SCSS|quote|' '",
      "SQL|quote|\" \"",
      "Sass|quote|' '",
      "Scala|quote|' '",
      "Scheme|quote|\" \"",
      "Shell|quote|\" \"",
      "Solidity|quote|' '",
      "Starlark|quote|\"\"\" \"\"\"",
      "Starlark|quote|' '",
      "Starlark|quote|''' '''",
      "Svelte|quote|' '",
      "Svelte|quote|` `",
      "Swift|quote|\"\"\" \"\"\"",
      "TOML|quote|\" \"",
      "TOML|quote|\"\"\" \"\"\"",
      "VBA|quote|\" \"",
      "VHDL|quote|\" \"",
      "Visual Basic .NET|quote|\" \"",
      "Vue|quote|` `",
      "XML|quote|' '",
      "YAML|quote|\" \"",
      "YAML|quote|' '",
      "Zig|quote|\" \"",
      "Zig|quote|' '",
      // scc writes these quotes as backslash-quote (\") or a lone backslash, which never opens a string; the agent uses the real quote
      "Assembly|quote|-\\\" \\\"",
      "CoffeeScript|quote|-\\\" \\\"",
      "Crystal|quote|-\\\" \\\"",
      "Dockerfile|quote|-\\\" \\\"",
      "Fish|quote|-\\\" \\\"",
      "Forth|line|-\\\\",
      "Fortran|quote|-\\\" \\\"",
      "Julia|quote|-\\\" \\\"",
      "Julia|quote|-\\\"\\\"\\\" \\\"\\\"\\\"",
      "Just|quote|-\\\" \\\"",
      "Nim|quote|-\\\" \\\"",
      "Nim|quote|-\\\"\\\"\\\" \\\"\\\"\\\"",
      "PHP|quote|-\\\" \\\"",
      "Puppet|quote|-\\\" \\\"",
      "Raku|quote|-\\\" \\\"",
      "Ruby|quote|-\\\" \\\"",
      "Shell|quote|-\\\" \\\"",
      "TOML|quote|-\\\" \\\"",
      "TOML|quote|-\\\"\\\"\\\" \\\"\\\"\\\"",
      "VBA|quote|-\\\" \\\"",
      "Vim Script|quote|-\\\" \\\"",
      "Visual Basic .NET|quote|-\\\" \\\"",
      "Zig|quote|-\\\" \\\"",
      // comment markers: the language's own where scc differs (Batch @REM, Forth \\ and ( ), Lua long-bracket levels, Perl POD, Gradle /* */, CSS //)
      "Batchfile|line|@REM",
      "Batchfile|line|@rem",
      "Batchfile|line|rem",
      "CSS|line|-//",
      "Forth|block|( )",
      "Forth|block|-(  )",
      "Forth|line|\\",
      "Gradle|block|/* */",
      "GraphQL|block|-\"\"\" \"\"\"",
      "IDL|block|-/* */",
      "IDL|line|-//",
      "IDL|line|;",
      "Java Properties|line|!",
      "Lua|block|---[=====[ ]=====]",
      "Lua|block|---[====[ ]====]",
      "Lua|block|---[===[ ]===]",
      "Lua|block|---[==[ ]==]",
      "Nim|block|#[ ]#",
      "Perl|block|=begin =cut",
      "Perl|block|=head1 =cut",
      "Puppet|block|-=begin =end",
      "Puppet|block|/* */",
      "Raku|block|-#`( )",
      "Raku|block|-#`[ ]",
      "Raku|block|-#`{ }",
      "Raku|block|-#`｢ ｣",
      "Raku|block|-=begin =end",
      "Rebol|block|-{ }",
      "Vim Script|line|-#",
      // rarer string prefixes scc lists that the table leaves out (byte strings, deep raw-string hashes, f/r docstrings, Raku's many quotes)
      "C++|quote|-LR\"( )\"",
      "C++|quote|-UR\"( )\"",
      "C++|quote|-u8R\"( )\"",
      "C++|quote|-uR\"( )\"",
      "Python|quote|-f\"\"\" \"\"\"",
      "Python|quote|-f''' '''",
      "Python|quote|-r\"\"\" \"\"\"",
      "Python|quote|-r''' '''",
      "Raku|quote|-<< >>",
      "Raku|quote|-« »",
      "Raku|quote|-’ ‘",
      "Raku|quote|-“ ”",
      "Raku|quote|-„ “",
      "Raku|quote|-｢ ｣",
      "Rust|quote|-br\" \"",
      "Rust|quote|-br#\" \"#",
      "Rust|quote|-br##\" \"##",
      "Rust|quote|-br###\" \"###",
      "Rust|quote|-br####\" \"####",
      "Rust|quote|-br#####\" \"#####",
      "Rust|quote|-br######\" \"######",
      "Rust|quote|-br#######\" \"#######",
      "Rust|quote|-br########\" \"########",
      "Rust|quote|-r###\" \"###",
      "Rust|quote|-r####\" \"####",
      "Rust|quote|-r#####\" \"#####",
      "Rust|quote|-r######\" \"######",
      "Rust|quote|-r#######\" \"#######",
      "Rust|quote|-r########\" \"########",
      // block comments that nest in the language, which scc does not mark
      "Coq|nested|true",
      "Dart|nested|true",
      "Elm|nested|true",
      "Haskell|nested|true",
      "Mathematica|nested|true",
      "Nim|nested|true",
      "OCaml|nested|true",
      "Scala|nested|true",
      // languages the reference does not have under this name (or at all)
      "DTrace|name|not in scc",
      "Euphoria|name|not in scc",
      "GCC Machine Description|name|not in scc",
      "Go Module|name|not in scc",
      "Gradle Kotlin DSL|name|not in scc",
      "Maven POM|name|not in scc",
      "NASL|name|not in scc",
      "ObjectScript|name|not in scc",
      "Objective-J|name|not in scc",
      "OpenCL|name|not in scc",
      "PLpgSQL|name|not in scc",
      "POV-Ray SDL|name|not in scc",
      "Procfile|name|not in scc",
      "QMake|name|not in scc",
      "Qt Script|name|not in scc",
      "RenderScript|name|not in scc",
      "Roff|name|not in scc",
      "SourcePawn|name|not in scc",
      "TSQL|name|not in scc",
      "TSX|name|not in scc",
      "Visual Basic 6.0|name|not in scc");

  @Test
  void extensionsFileNamesAndInterpretersAgreeWithLinguist() throws IOException {
    assumeReference();
    Map<String, Map<String, List<String>>> linguist = readLinguist(reference.resolve("linguist-languages.yml"));
    Set<String> differences = new TreeSet<>();
    int compared = 0;
    for (Language l : LanguageTable.get().languages()) {
      Map<String, List<String>> ref = linguist.get(l.name());
      if (ref == null) {
        differences.add(l.name() + "|name|not in linguist");
        continue;
      }
      compared += compare(l.name(), "ext", l.extensions(), lower(strip(ref.getOrDefault("extensions", List.of()))),
          differences, false);
      compared += compare(l.name(), "file", lower(l.fileNames()), lower(ref.getOrDefault("filenames", List.of())),
          differences, false);
      compared += compare(l.name(), "interp", l.interpreters(), ref.getOrDefault("interpreters", List.of()),
          differences, false);
    }
    report("linguist", compared, differences, LINGUIST_EXCEPTIONS);
  }

  @Test
  void commentsAndStringsAgreeWithScc() throws IOException {
    assumeReference();
    JsonNode scc = Json.mapper().readTree(reference.resolve("scc-languages.json").toFile());
    Set<String> differences = new TreeSet<>();
    Set<String> complexityDifferences = new TreeSet<>();
    int compared = 0;
    int complexityCompared = 0;
    for (Language l : LanguageTable.get().languages()) {
      String name = SCC_NAMES.getOrDefault(l.name(), l.name());
      JsonNode ref = scc.get(name);
      if (ref == null) {
        differences.add(l.name() + "|name|not in scc");
        continue;
      }
      List<String> line = new ArrayList<>();
      ref.path("line_comment").forEach(n -> line.add(n.asText()));
      List<String> block = new ArrayList<>();
      ref.path("multi_line").forEach(n -> block.add(n.get(0).asText() + " " + n.get(1).asText()));
      List<String> quotes = new ArrayList<>();
      // A string that ends at the end of its line (Zig's \\) is no pair of markers: not compared.
      ref.path("quotes").forEach(n -> {
        if (!n.path("end").asText().contains("\n")) {
          quotes.add(n.path("start").asText() + " " + n.path("end").asText());
        }
      });
      compared += compare(l.name(), "line", l.lineComments(), line, differences, true);
      compared += compare(l.name(), "block",
          l.blockComments().stream().map(d -> d.open() + " " + d.close()).toList(), block, differences, true);
      compared += compare(l.name(), "quote", l.quotes().stream().map(q -> q.start() + " " + q.end()).toList(), quotes,
          differences, true);
      List<String> complexity = new ArrayList<>();
      ref.path("complexitychecks").forEach(n -> complexity.add(n.asText()));
      complexityCompared += compare(l.name(), "complexity", l.complexity(), complexity, complexityDifferences, true);
      if (l.nested() != ref.path("nestedmultiline").asBoolean(false)) {
        differences.add(l.name() + "|nested|" + l.nested());
      }
    }
    report("scc", compared, differences, SCC_EXCEPTIONS);
    report("scc complexity tokens", complexityCompared, complexityDifferences, SCC_COMPLEXITY_EXCEPTIONS);
  }

  /** Adds each difference; returns how many of ours matched. */
  private static int compare(String language, String aspect, List<String> ours, List<String> theirs,
      Set<String> differences, boolean both) {
    Set<String> t = new LinkedHashSet<>(theirs);
    int matched = 0;
    for (String o : ours) {
      if (t.contains(o)) {
        matched++;
      } else {
        differences.add(language + "|" + aspect + "|" + o);
      }
    }
    if (both) {
      Set<String> o = new LinkedHashSet<>(ours);
      for (String x : theirs) {
        if (!o.contains(x)) {
          differences.add(language + "|" + aspect + "|-" + x);
        }
      }
    }
    return matched;
  }

  private static void report(String what, int compared, Set<String> differences, Set<String> exceptions) {
    Set<String> unexpected = new TreeSet<>(differences);
    unexpected.removeAll(exceptions);
    Set<String> stale = new TreeSet<>(exceptions);
    stale.removeAll(differences);
    System.out.printf("%s: %d entries match, %d documented exceptions%n", what, compared, exceptions.size());
    unexpected.forEach(d -> System.out.println("unexpected difference from " + what + ": " + d));
    assertEquals(Set.of(), unexpected, what + ": differences from the reference not listed as exceptions");
    assertEquals(Set.of(), stale, what + ": exceptions that are no longer differences");
  }

  private static List<String> strip(List<String> exts) {
    return exts.stream().map(e -> e.startsWith(".") ? e.substring(1) : e).toList();
  }

  private static List<String> lower(List<String> v) {
    return v.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
  }

  /** The languages of linguist's languages.yml with their extensions, filenames and interpreters. */
  static Map<String, Map<String, List<String>>> readLinguist(Path yml) throws IOException {
    Map<String, Map<String, List<String>>> out = new HashMap<>();
    Map<String, List<String>> current = null;
    List<String> list = null;
    for (String line : Files.readAllLines(yml)) {
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("---")) {
        continue;
      }
      if (!line.startsWith(" ") && line.endsWith(":")) {
        current = new HashMap<>();
        out.put(unquote(line.substring(0, line.length() - 1)), current);
        list = null;
      } else if (current != null && line.startsWith("  ") && !line.startsWith("   ") && !line.startsWith("  -")) {
        String key = line.trim();
        list = key.endsWith(":") ? new ArrayList<>() : null;
        if (list != null) {
          current.put(key.substring(0, key.length() - 1), list);
        }
      } else if (list != null && line.trim().startsWith("- ")) {
        list.add(unquote(line.trim().substring(2).trim()));
      }
    }
    return out;
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
      return s.substring(1, s.length() - 1).replace("\\\\", "\\").replace("\\\"", "\"");
    }
    return s;
  }
}
