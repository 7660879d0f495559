package agent.core.codestats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LanguageDetectorTest {
  private static final LanguageDetector D = LanguageDetector.standard();

  private static String lang(String path) {
    Language l = D.detect(path);
    return l == null ? null : l.name();
  }

  private static String lang(String path, String content) {
    byte[] b = content.getBytes(StandardCharsets.UTF_8);
    Language l = D.detect(path, b, b.length);
    return l == null ? null : l.name();
  }

  @Test
  void byExtensionAndName() {
    assertEquals("Java", lang("src/App.java"));
    assertEquals("TypeScript", lang("a/b.ts"));
    assertEquals("TSX", lang("a/b.tsx"));
    assertEquals("Go", lang("MAIN.GO"));
    assertEquals("Dockerfile", lang("deploy/Dockerfile"));
    assertEquals("Dockerfile", lang("deploy/Dockerfile.prod"));
    assertEquals("Makefile", lang("Makefile"));
    assertEquals("Makefile", lang("GNUmakefile"));
    assertEquals("CMake", lang("CMakeLists.txt"));
    assertEquals("Maven POM", lang("pom.xml"));
    assertEquals("Gradle Kotlin DSL", lang("build.gradle.kts"), "the two-part extension first");
    assertEquals("Gradle", lang("build.gradle"));
    assertEquals("Ruby", lang("Gemfile"));
    assertEquals("Starlark", lang("BUILD.bazel"));
    assertEquals("Shell", lang(".bashrc"));
    assertEquals("JavaScript", lang("dist/jquery.min.js"));
    assertNull(lang(".env"));
    assertEquals("Text", lang("LICENSE"));
    assertNull(lang("data.unknownext"));
  }

  @Test
  void shebangOnlyScripts() {
    assertEquals("Python", lang("bin/tool", "#!/usr/bin/env python3\nprint(1)\n"));
    assertEquals("Python", lang("bin/tool", "#!/usr/bin/python3.11\nprint(1)\n"), "a version is stripped");
    assertEquals("Shell", lang("bin/run", "#!/bin/bash\necho hi\n"));
    assertEquals("Shell", lang("bin/run", "#!/usr/bin/env -S bash -e\necho hi\n"));
    assertEquals("JavaScript", lang("bin/cli", "#!/usr/bin/env node\nconsole.log(1)\n"));
    assertEquals("Perl", lang("script", "#!/usr/bin/perl -w\nprint 1;\n"));
    assertEquals("Ruby", lang("exe/app", "#!/usr/bin/env ruby\nputs 1\n"));
    assertNull(lang("bin/blob", "#!/usr/bin/unknown-thing\n"));
    assertNull(lang("bin/noshebang", "echo hi\n"));
  }

  @Test
  void ambiguousExtensions() {
    assertEquals("C", lang("x.h", "#include <stdio.h>\nint f(void);\n"));
    assertEquals("C++", lang("x.h", "#include <vector>\nclass A {\n public:\n  std::vector<int> v;\n};\n"));
    assertEquals("Objective-C", lang("x.h", "#import <Foundation/Foundation.h>\n@interface A : NSObject\n@end\n"));
    assertEquals("C", lang("x.h"), "without content: the default");
    assertEquals("Objective-C", lang("x.m", "#import \"A.h\"\n@implementation A\n@end\n"));
    assertEquals("MATLAB", lang("x.m", "function y = f(x)\n  % square\n  y = x.^2;\nend\n"));
    assertEquals("Perl", lang("x.pl", "use strict;\nmy $x = 1;\n"));
    assertEquals("Prolog", lang("x.pl", "parent(tom, bob).\nancestor(X, Y) :- parent(X, Y).\n"));
    assertEquals("TypeScript", lang("x.ts", "export const a: number = 1;\n"));
    assertEquals("XML", lang("app_de.ts", "<?xml version=\"1.0\"?>\n<!DOCTYPE TS>\n<TS version=\"2.1\">\n</TS>\n"));
    assertEquals("Markdown", lang("x.md", "# Title\n\ntext\n"));
    assertEquals("GCC Machine Description", lang("x.md", ";; Machine description\n(define_insn \"x\")\n"));
    assertEquals("PHP", lang("x.inc", "<?php\necho 1;\n"));
    assertEquals("TeX", lang("x.cls", "\\NeedsTeXFormat{LaTeX2e}\n\\ProvidesClass{x}\n"));
    assertEquals("Apex", lang("x.cls", "public class Foo {\n}\n"));
    assertEquals("SQL", lang("x.sql", "select 1 from dual;\n"));
    assertEquals("PLpgSQL", lang("x.sql", "CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END $$ LANGUAGE plpgsql;\n"));
    assertEquals("TSQL", lang("x.sql", "DECLARE @x int\nGO\n"));
    assertEquals("Coq", lang("x.v", "Theorem t : True.\nProof. trivial. Qed.\n"));
    assertEquals("Verilog", lang("x.v", "module top(input a);\nendmodule\n"));
    assertEquals("Java Properties", lang("a.properties", "a=b\n"));
  }

  @Test
  void everyHeuristicNamesALanguageOfTheTable() {
    LanguageTable t = LanguageTable.get();
    Heuristics.languagesByExtension().forEach((ext, languages) -> {
      for (String l : languages) {
        assertTrue(t.language(l) != null, ext + ": " + l + " is not in the table");
        assertTrue(t.byExtension(ext).stream().anyMatch(x -> x.name().equals(l)),
            ext + ": " + l + " does not list the extension");
      }
    });
  }

  @Test
  void atLeastSixtyLanguages() {
    assertTrue(LanguageTable.get().languages().size() >= 60);
  }
}
