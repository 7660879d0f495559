package agent.core.codestats;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Chooses between the languages that share an extension by looking at the content, as GitHub's
 * linguist does: for each shared extension, rules in order, the first whose pattern is found
 * wins. The patterns are the agent's own, written from what each language's files start with.
 * Without a matching rule the caller keeps the table's default (the first language listed).
 * Thread-safe.
 */
final class Heuristics {
  /** How much of a file the rules look at. */
  static final int PROBE_BYTES = 50 * 1024;

  private record Rule(String language, Pattern pattern) {}

  private static Rule rule(String language, String regex) {
    return new Rule(language, Pattern.compile(regex, Pattern.MULTILINE));
  }

  private static final String OBJC =
      "^\\s*(?:@(?:interface|class|protocol|property|end|synchronised|selector|implementation|import)\\b|#import\\s+[<\"])";
  private static final String CPP = "^\\s*#\\s*include\\s*<(?:cstdint|cstdio|cstdlib|cstring|string|vector|map|set|list|"
      + "array|memory|algorithm|functional|iostream|istream|ostream|sstream|fstream|unordered_map|unordered_set|"
      + "queue|stack|deque|thread|mutex|atomic|chrono|optional|variant|tuple|utility|type_traits)>"
      + "|^\\s*template\\s*<|^[ \\t]*(?:private|public|protected):\\s*$|\\bstd::\\w|^\\s*namespace\\s+\\w+\\s*\\{"
      + "|^\\s*class\\s+\\w+\\s*(?:final\\s*)?[:{]|\\bnullptr\\b|\\bconstexpr\\b|^\\s*using\\s+namespace\\b";
  private static final String PERL5 = "\\buse\\s+(?:strict\\b|warnings\\b|v?5\\b)|^\\s*#!.*\\bperl\\b";
  private static final String RAKU = "^\\s*(?:use\\s+v6\\b|unit\\s+(?:module|class)\\b|(?:my\\s+)?class\\s+\\w+\\s+is\\b)"
      + "|^\\s*#!.*\\b(?:raku|perl6)\\b";

  private static final Map<String, List<Rule>> RULES = Map.ofEntries(
      Map.entry("h", List.of(rule("Objective-C", OBJC), rule("C++", CPP), rule("C", ""))),
      Map.entry("m", List.of(
          rule("Objective-C", OBJC),
          rule("Mathematica", "\\(\\*[\\s\\S]*?\\*\\)|^\\s*\\w+\\[[^\\]]*_\\]\\s*:="),
          rule("MATLAB", "^\\s*%|^\\s*function\\b|^\\s*end\\s*$|^\\s*(?:disp|fprintf|plot|zeros|ones)\\s*\\("))),
      Map.entry("pl", List.of(rule("Prolog", "^[^#\\n]*:-"), rule("Perl", PERL5), rule("Raku", RAKU))),
      Map.entry("pm", List.of(rule("Perl", PERL5), rule("Raku", RAKU))),
      Map.entry("t", List.of(rule("Perl", PERL5), rule("Raku", RAKU))),
      Map.entry("ts", List.of(rule("XML", "<TS\\b"), rule("TypeScript", ""))),
      Map.entry("md", List.of(rule("GCC Machine Description", "\\A(?:;;|\\(define_)|^\\(define_(?:insn|expand)"),
          rule("Markdown", ""))),
      Map.entry("inc", List.of(
          rule("PHP", "^<\\?(?:php)?"),
          rule("POV-Ray SDL", "^\\s*#(?:declare|local|macro|while)\\s"),
          rule("SourcePawn", "^public\\s+(?:SharedPlugin|Extension|Plugin)\\b|^#include\\s*<sourcemod>"),
          rule("NASL", "^\\s*include\\s*\\(\\s*[\"'][\\w.\\-/]+\\.(?:nasl|inc)[\"']"),
          rule("HTML", "(?i)^\\s*<(?:!doctype|html|head|body|div|table|p|span|ul|script)\\b"),
          rule("Pascal", "(?i)^\\s*(?:unit|uses|procedure|function|begin|end[.;]|const|var)\\b"),
          rule("Assembly", "(?i)^\\s*(?:section|segment|global|extern|%macro|%define|\\.\\w+)\\b|^\\s*\\w+\\s+(?:equ|db|dw|dd)\\b"),
          rule("C++", "^\\s*#\\s*(?:include|define|ifndef|ifdef|pragma)\\b"))),
      Map.entry("cls", List.of(
          rule("TeX", "\\\\(?:NeedsTeXFormat|ProvidesClass|LoadClass|documentclass|DeclareOption)\\b"),
          rule("Visual Basic 6.0", "^\\s*VERSION\\s+\\d+\\.\\d+\\s+CLASS\\b"),
          rule("VBA", "^\\s*Attribute\\s+VB_"),
          rule("ObjectScript", "^Class\\s+[\\w.%]+(?:\\s+Extends\\b|\\s*$)"),
          rule("Apex", ""))),
      Map.entry("r", List.of(rule("Rebol", "(?i)\\bREBOL\\s*\\["), rule("R", ""))),
      Map.entry("fs", List.of(
          rule("Forth", "^(?:: |new-device\\b|\\\\ )"),
          rule("F#", "^\\s*(?:#light|import|let|module|namespace|open|type)\\b"),
          rule("GLSL", "^\\s*(?:#version|precision|uniform|varying|in\\s+vec|out\\s+vec|layout\\s*\\()"))),
      Map.entry("v", List.of(
          rule("Coq", "(?:^|\\s)(?:Proof|Qed|Defined)\\.(?:$|\\s)|(?:^|\\s)Require\\s+(?:Import|Export)\\s|^\\s*(?:Theorem|Lemma|Inductive|Fixpoint)\\s"),
          rule("Verilog", "^\\s*(?:module|endmodule|always|assign|reg|wire)\\b|\\$(?:display|finish|stop)\\b"))),
      Map.entry("pp", List.of(
          rule("Pascal", "^\\s*end[.;]|(?i)^\\s*(?:program|unit|uses)\\b"),
          rule("Puppet", "^\\s+\\w+\\s+=>\\s|^\\s*(?:class|define|node)\\s+[\\w:'\"]+\\s*[({]"))),
      Map.entry("ex", List.of(
          rule("Elixir", "^\\s*(?:@moduledoc\\s|defmodule\\s|def(?:exception|impl|macro|protocol)[(\\s]|(?:cond|import|quote|unless)\\s)"),
          rule("Euphoria", "^\\s*namespace\\s|^\\s*(?:public\\s+)?include\\s"))),
      Map.entry("rs", List.of(
          rule("Rust", "^(?:use |fn |mod |pub |macro_rules!|impl|#!?\\[|struct |enum |trait )"),
          rule("RenderScript", "#pragma\\s+(?:rs|version)\\b"))),
      Map.entry("d", List.of(
          rule("D", "^module\\s+[\\w.]*\\s*;|^\\s*import\\s+[\\w.]+\\s*[;:,]|\\bunittest\\s*\\{"),
          rule("DTrace", "^(?:\\w+:\\w*:\\w*:\\w*|BEGIN|END|provider\\s+|(?:tick|profile)-\\w+\\s+\\{|#pragma\\s+D\\s)"),
          rule("Makefile", "^[^\\s:]+\\.\\w+\\s*:(?:\\s|$)|:\\s*\\\\$"))),
      Map.entry("cl", List.of(
          rule("Common Lisp", "(?i)^\\s*\\((?:defun|in-package|defpackage|defmacro|defvar|defparameter)\\b"),
          rule("OpenCL", "\\b__kernel\\b|\\bkernel\\s+void\\b|^\\s*#\\s*(?:define|include|pragma)\\b"))),
      Map.entry("sql", List.of(
          rule("PLpgSQL", "(?i)^\\\\i\\b|AS\\s+\\$\\$|LANGUAGE\\s+'?plpgsql'?|\\$\\$\\s*LANGUAGE\\b"),
          rule("PLSQL", "(?i)\\$\\$PLSQL_|XMLTYPE|\\bsystimestamp\\b|\\.nextval\\b|CONNECT\\s+BY\\b|AUTHID\\s+(?:DEFINER|CURRENT_USER)"
              + "|^\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?PACKAGE\\b"),
          rule("TSQL", "(?i)^\\s*GO\\s*$|BEGIN\\s+(?:TRY|CATCH)\\b|OUTPUT\\s+INSERTED|DECLARE\\s+@|\\[dbo\\]"),
          rule("SQL", ""))),
      Map.entry("pro", List.of(
          rule("Prolog", "^[^\\[#\\n]+:-"),
          rule("INI", "last_client="),
          rule("QMake", "^\\s*(?:HEADERS|SOURCES|TEMPLATE|QT|CONFIG|TARGET)\\s*[+\\-]?="),
          rule("IDL", "(?i)^\\s*(?:function|pro|compile_opt)\\s+\\w"))),
      Map.entry("properties", List.of(rule("INI", "^\\s*\\[[^\\]]+\\]\\s*$"), rule("Java Properties", ""))),
      Map.entry("f", List.of(rule("Forth", "^: "), rule("Fortran", ""))),
      Map.entry("for", List.of(rule("Forth", "^: "), rule("Fortran", ""))),
      Map.entry("fr", List.of(rule("Forth", "^(?:: |also |new-device\\b|previous )"), rule("Text", ""))),
      Map.entry("l", List.of(rule("Roff", "^\\.[A-Za-z]{2}(?:\\s|$)"), rule("Common Lisp", ""))),
      Map.entry("gs", List.of(rule("GLSL", "^\\s*(?:#version|uniform|varying|layout\\s*\\()"), rule("JavaScript", ""))),
      Map.entry("nb", List.of(rule("Mathematica", "\\(\\*|^\\s*\\w+\\["), rule("Text", ""))));

  private Heuristics() {}

  /** True when {@code ext} has rules. */
  static boolean covers(String ext) {
    return RULES.containsKey(ext);
  }

  /** The language the rules for {@code ext} pick for {@code text}; null when none matches. */
  static String pick(String ext, CharSequence text) {
    List<Rule> rules = RULES.get(ext);
    if (rules == null) {
      return null;
    }
    for (Rule r : rules) {
      if (r.pattern().pattern().isEmpty() || r.pattern().matcher(text).find()) {
        return r.language();
      }
    }
    return null;
  }

  /** Every language a rule may pick, for the table's self-test. */
  static Map<String, List<String>> languagesByExtension() {
    Map<String, List<String>> out = new java.util.TreeMap<>();
    RULES.forEach((ext, rules) -> out.put(ext, rules.stream().map(Rule::language).toList()));
    return out;
  }
}
