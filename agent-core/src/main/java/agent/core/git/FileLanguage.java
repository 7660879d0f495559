package agent.core.git;

import java.util.Locale;
import java.util.Map;

/**
 * The programming language of a file, from its extension or a well-known file name, with the names
 * GitHub's linguist uses. Deliberately a table, not content sniffing: it must be cheap and the same
 * in every export.
 */
public final class FileLanguage {
  private static final Map<String, String> BY_NAME = Map.ofEntries(
      Map.entry("makefile", "Makefile"), Map.entry("gnumakefile", "Makefile"), Map.entry("dockerfile", "Dockerfile"),
      Map.entry("containerfile", "Dockerfile"), Map.entry("jenkinsfile", "Groovy"), Map.entry("rakefile", "Ruby"),
      Map.entry("gemfile", "Ruby"), Map.entry("podfile", "Ruby"), Map.entry("vagrantfile", "Ruby"),
      Map.entry("cmakelists.txt", "CMake"), Map.entry("build.bazel", "Starlark"), Map.entry("workspace", "Starlark"),
      Map.entry("build", "Starlark"), Map.entry("pom.xml", "Maven POM"), Map.entry("go.mod", "Go Module"),
      Map.entry("cargo.toml", "TOML"), Map.entry(".bashrc", "Shell"), Map.entry(".gitignore", "Ignore List"),
      Map.entry("justfile", "Just"), Map.entry("procfile", "Procfile"));

  private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
      Map.entry("java", "Java"), Map.entry("kt", "Kotlin"), Map.entry("kts", "Kotlin"), Map.entry("scala", "Scala"),
      Map.entry("groovy", "Groovy"), Map.entry("gradle", "Groovy"), Map.entry("clj", "Clojure"),
      Map.entry("go", "Go"), Map.entry("rs", "Rust"), Map.entry("c", "C"), Map.entry("h", "C"),
      Map.entry("cc", "C++"), Map.entry("cpp", "C++"), Map.entry("cxx", "C++"), Map.entry("hpp", "C++"),
      Map.entry("hh", "C++"), Map.entry("cs", "C#"), Map.entry("fs", "F#"), Map.entry("vb", "Visual Basic .NET"),
      Map.entry("m", "Objective-C"), Map.entry("mm", "Objective-C++"), Map.entry("swift", "Swift"),
      Map.entry("js", "JavaScript"), Map.entry("mjs", "JavaScript"), Map.entry("cjs", "JavaScript"),
      Map.entry("jsx", "JavaScript"), Map.entry("ts", "TypeScript"), Map.entry("tsx", "TSX"),
      Map.entry("vue", "Vue"), Map.entry("svelte", "Svelte"), Map.entry("py", "Python"), Map.entry("pyi", "Python"),
      Map.entry("rb", "Ruby"), Map.entry("php", "PHP"), Map.entry("pl", "Perl"), Map.entry("pm", "Perl"),
      Map.entry("lua", "Lua"), Map.entry("r", "R"), Map.entry("dart", "Dart"), Map.entry("ex", "Elixir"),
      Map.entry("exs", "Elixir"), Map.entry("erl", "Erlang"), Map.entry("hs", "Haskell"), Map.entry("ml", "OCaml"),
      Map.entry("zig", "Zig"), Map.entry("sh", "Shell"), Map.entry("bash", "Shell"), Map.entry("zsh", "Shell"),
      Map.entry("ps1", "PowerShell"), Map.entry("bat", "Batchfile"), Map.entry("sql", "SQL"),
      Map.entry("html", "HTML"), Map.entry("htm", "HTML"), Map.entry("css", "CSS"), Map.entry("scss", "SCSS"),
      Map.entry("sass", "Sass"), Map.entry("less", "Less"), Map.entry("md", "Markdown"),
      Map.entry("markdown", "Markdown"), Map.entry("rst", "reStructuredText"), Map.entry("adoc", "AsciiDoc"),
      Map.entry("json", "JSON"), Map.entry("yaml", "YAML"), Map.entry("yml", "YAML"), Map.entry("toml", "TOML"),
      Map.entry("xml", "XML"), Map.entry("xsd", "XML"), Map.entry("proto", "Protocol Buffer"),
      Map.entry("graphql", "GraphQL"), Map.entry("gql", "GraphQL"), Map.entry("tf", "HCL"), Map.entry("hcl", "HCL"),
      Map.entry("cmake", "CMake"), Map.entry("mk", "Makefile"), Map.entry("bzl", "Starlark"),
      Map.entry("ipynb", "Jupyter Notebook"), Map.entry("tex", "TeX"), Map.entry("txt", "Text"),
      Map.entry("properties", "Java Properties"), Map.entry("ini", "INI"), Map.entry("csv", "CSV"));

  private FileLanguage() {}

  /** The language of {@code path} (a repository path with {@code /} separators), or null if unknown. */
  public static String of(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    String known = BY_NAME.get(name);
    if (known != null) {
      return known;
    }
    if (name.startsWith("dockerfile.")) {
      return "Dockerfile";
    }
    int dot = name.lastIndexOf('.');
    // A leading dot is a hidden file, not an extension: ".env" has none.
    if (dot <= 0 || dot == name.length() - 1) {
      return null;
    }
    return BY_EXTENSION.get(name.substring(dot + 1));
  }
}
