package agent.core.codestats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Line classes and complexity on small files written for it, the expected counts worked out by hand
 * from the rules of {@link LineClassifier} (scc's published counting rules): a line with any code
 * is code, a line inside a block comment is a comment even when blank, a line inside a string is
 * code, comment markers inside strings are not comments, complexity tokens count when the byte
 * before them is not an identifier byte.
 */
class LineClassifierTest {
  private static FileStats count(String language, String text) {
    LanguageTable t = LanguageTable.get();
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return t.classifier(t.language(language)).classify(b, b.length);
  }

  /** lines, code, comments, blanks, complexity. */
  private static void expect(String language, String text, int lines, int code, int comments, int blanks,
      int complexity) {
    assertEquals(new FileStats(lines, code, comments, blanks, complexity), count(language, text), language);
  }

  @Test
  void java() {
    expect("Java", """
        /* header
         * more
         */
        package a;

        // comment
        public class A { // trailing
          String s = "/* not a comment */";
          void f() {
            if (x && y) { for (;;) {} }
          }
        }
        """, 12, 7, 4, 1, 3);
  }

  @Test
  void python() {
    expect("Python", """
        #!/usr/bin/env python3
        \"""Module docstring.\"""

        import os  # comment

        def f(x):
            '''
            Multi-line docstring
            '''
            s = "# not a comment"
            if x and s:
                return 1
            return 0
        """, 13, 6, 5, 2, 2);
  }

  @Test
  void c() {
    expect("C", """
        #include <stdio.h>
        /* a */ int x = 1; // c
        int main(void) {
            char q = '"';
            printf("// %c\\n", q); /* done */
            return x == 1 ? 0 : 1;
        }
        // end
        """, 8, 7, 1, 0, 1);
  }

  @Test
  void go() {
    expect("Go", """
        package main

        import "fmt"

        /*
        Doc comment.
        */
        func main() {
        \ts := `raw // not a comment
        \t/* still raw */`
        \tif len(s) > 0 && true {
        \t\tfmt.Println(s) // print
        \t}
        }
        """, 14, 9, 3, 2, 2);
  }

  @Test
  void javaScript() {
    expect("JavaScript", """
        // @ts-check
        const url = "http://example.com"; // a URL
        const t = `line1
        // inside template
        line3`;
        /**
         * JSDoc
         */
        function f(a, b) {
          return a ?? b;
        }
        """, 11, 7, 4, 0, 1);
  }

  @Test
  void typeScript() {
    expect("TypeScript", """
        interface A {
          x: number; /* multi
          line */ y: string;
        }

        export function g(a: A): boolean {
          if (a.x === 1 || a.y !== "b") {
            return true;
          }
          return false;
        }
        """, 11, 10, 0, 1, 4);
  }

  @Test
  void cpp() {
    expect("C++", """
        #include <string>
        // comment
        auto s = R"(/* not a comment */ "quoted")";
        int f(int x) {
          try { return x; } catch (...) { return 0; }
        }
        """, 6, 5, 1, 0, 2);
  }

  @Test
  void cSharp() {
    expect("C#", """
        // C#
        var path = @"C:\\dir\\"; // verbatim: the backslash does not escape
        var s = "a \\" /* b";
        /* block */
        if (x != null) { }
        """, 5, 3, 2, 0, 2);
  }

  @Test
  void ruby() {
    expect("Ruby", """
        # frozen_string_literal: true
        =begin
        block comment
        =end
        def f(x)
          return 1 if x && x > 0 # trailing
          "#{x} # not a comment"
        end
        """, 8, 4, 4, 0, 2);
  }

  @Test
  void php() {
    expect("PHP", """
        <?php
        # hash comment
        // slash comment
        $a = 'it''s'; /* x */
        $b = "say \\"hi\\" // still string";
        if ($a == $b && true) { echo 1; }
        ?>
        """, 7, 5, 2, 0, 3);
  }

  @Test
  void shell() {
    expect("Shell", """
        #!/bin/sh
        # comment
        echo "# not a comment" # trailing

        if [ "$a" != "b" ] && [ -n "$c" ]; then
          echo 'single # quote'
        fi
        """, 7, 4, 2, 1, 3);
  }

  @Test
  void yaml() {
    expect("YAML", """
        # config
        key: "value # not comment"
        list:
          - a # trailing

        other: 'x'
        """, 6, 4, 1, 1, 0);
  }

  @Test
  void commentMarkersInsideStringsAreNotComments() {
    expect("JavaScript", """
        const a = "/*"; const b = '*/';
        let c = "//";
        /* real */
        let d = `/* ${a} */`;
        """, 4, 3, 1, 0, 0);
  }

  @Test
  void blockCommentsNestOnlyWhereTheLanguageSaysSo() {
    // Rust nests: the first */ closes the inner comment only.
    expect("Rust", "/* a /* b */ still */\nlet x = 1;\n", 2, 1, 1, 0, 0);
    // C does not: after the first */ the rest of the line is code.
    expect("C", "/* a /* b */ c */\nint x;\n", 2, 2, 0, 0, 0);
  }

  @Test
  void edgesOfTheFile() {
    expect("Java", "", 0, 0, 0, 0, 0);
    expect("Java", "int x;", 1, 1, 0, 0, 0);
    expect("Java", "\n", 1, 0, 0, 1, 0);
    expect("Java", "\uFEFF// bom\r\nint x;\r\n", 2, 1, 1, 0, 0);
    // Blank lines inside a block comment are comments, inside a string code.
    expect("Java", "/*\n\n*/\n", 3, 0, 3, 0, 0);
    expect("Python", "x = '''\n\n'''\n", 3, 3, 0, 0, 0);
  }

  @Test
  void complexityTokensAreSccsFormForForm() {
    // scc's Go tokens: "switch " counts, "case" is none, "else{" is one of its own.
    expect("Go", "switch x {\ncase 1:\n\tif y != 0 {\n\t} else{\n\t}\n}\n", 6, 6, 0, 0, 4);
    // "switch(" is a C token and not a JavaScript one; "?? " is JavaScript's.
    expect("C", "switch(x) {\n}\n", 2, 2, 0, 0, 1);
    expect("JavaScript", "switch(x) {\n  case 1: y = a ?? c;\n}\n", 3, 3, 0, 0, 1);
  }

  @Test
  void complexityNeedsATokenBoundaryBefore() {
    // "elif " is not "if ", "format(" not "for(", "notify(" not "if(".
    expect("Python", "if a:\n  pass\nelif b:\n  format(x)\n  notify(y)\n", 5, 5, 0, 0, 2);
  }

  private static byte[] classes(String language, String text) {
    LanguageTable t = LanguageTable.get();
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    LineClasses lines = new LineClasses();
    FileStats s = t.classifier(t.language(language)).classify(b, b.length, lines);
    assertEquals(s.lines(), lines.size(), "one class a line");
    return lines.toArray();
  }

  private static final byte CODE = LineClass.CODE;
  private static final byte COMMENT = LineClass.COMMENT;
  private static final byte BLANK = LineClass.BLANK;

  @Test
  void aStringSpanningLinesMakesEachOfThemCodeEvenBlankOnes() {
    assertArrayEquals(new byte[] {CODE, CODE, CODE, CODE, BLANK, COMMENT},
        classes("Go", "s := `one\n\n// two\n/* three */`\n\n// after\n"));
    // A docstring alone on its lines is a comment, blank lines inside it too; after code it is a string.
    assertArrayEquals(new byte[] {COMMENT, COMMENT, COMMENT, CODE, CODE, CODE},
        classes("Python", "\"\"\"Doc\n\n\"\"\"\nx = \"\"\"a\n\n\"\"\"\n"));
    // Code after a docstring's close makes that line code.
    assertArrayEquals(new byte[] {COMMENT, CODE}, classes("Python", "'''doc\n''' + x\n"));
  }

  @Test
  void anEscapedQuoteDoesNotEndTheString() {
    // Java: the \" stays inside the string, so the // after it is no comment and the line is code.
    assertArrayEquals(new byte[] {CODE, COMMENT}, classes("Java", "s = \"a\\\" // b\"; if (x) {}\n// c\n"));
    expect("Java", "s = \"a\\\" // b\"; if (x) {}\n", 1, 1, 0, 0, 1);
    // An escaped backslash ends the escape: the quote after it closes the string.
    expect("Java", "s = \"\\\\\"; // c\nif (x) {}\n", 2, 2, 0, 0, 1);
    // In a raw string the backslash escapes nothing: Go's `\` ends at the next backtick.
    expect("Go", "s := `\\`\n// c\n", 2, 1, 1, 0, 0);
  }

  @Test
  void nestedAndFlatCommentsLineByLine() {
    String text = "/* a\n/* b */\nc */\nx\n";
    // Rust nests: the comment ends at the second */.
    assertArrayEquals(new byte[] {COMMENT, COMMENT, COMMENT, CODE}, classes("Rust", text));
    // Java does not: the first */ ends it and "c */" is code.
    assertArrayEquals(new byte[] {COMMENT, COMMENT, CODE, CODE}, classes("Java", text));
    // A comment between code bytes leaves the line code; one around nothing but whitespace, a comment.
    assertArrayEquals(new byte[] {CODE, CODE, COMMENT, BLANK},
        classes("C", "/* a */ int x;\nint /* b */ y;\n  /* c */  \n\t\n"));
  }

  @Test
  void crlfFilesCountAsLfFiles() {
    String lf = "// a\nint x; /* b\n\n*/\n\nif (x) {}\n";
    String crlf = lf.replace("\n", "\r\n");
    assertEquals(count("C", lf), count("C", crlf));
    assertArrayEquals(classes("C", lf), classes("C", crlf));
    expect("C", crlf, 6, 2, 3, 1, 1);
    expect("Python", "x = 1\r\n\r\n# c\r\n", 3, 1, 1, 1, 0);
  }

  @Test
  void anEmptyDocstringClosesWhereItEnds() {
    // The close marker is sought from the byte right after the opener: """""" is an empty docstring.
    expect("Python", "\"\"\"\"\"\"\nx = 1\n", 2, 1, 1, 0, 0);
    // A docstring opening with a quote keeps it as its first character.
    expect("Python", "\"\"\"\"Quoted\" intro.\"\"\"\nif x:\n  pass\n", 3, 2, 1, 0, 1);
  }

  @Test
  void aLastLineLeftInsideAStringOrCommentCounts() {
    expect("Java", "int x;\n/* open", 2, 1, 1, 0, 0);
    expect("Java", "int x;\n/* open\n", 2, 1, 1, 0, 0);
    expect("Java", "s = \"open", 1, 1, 0, 0, 0);
    expect("Go", "s := `a\n", 1, 1, 0, 0, 0);
    expect("Go", "s := `a\n\n", 2, 2, 0, 0, 0);
    expect("Python", "\"\"\"doc\n  more", 2, 0, 2, 0, 0);
  }

  @Test
  void theLongestMarkerWins() {
    // Lua: --[[ opens a block comment, -- alone a line comment.
    expect("Lua", "--[[ a\nb ]]\nx = 1 -- c\n-- d\n", 4, 1, 3, 0, 0);
    // TOML: ''' is a multi-line raw string, ' a one-line one.
    expect("TOML", "a = '''\n# x\n'''\n# y\n", 4, 3, 1, 0, 0);
  }

  @Test
  void aWordCommentMarkerNeedsWordBoundaries() {
    expect("Batchfile", "REM comment\nREMOVE.exe\n@rem quiet\nrem\n", 4, 1, 3, 0, 0);
  }

  @Test
  void aComplexityTokenCountsOnceAndItsDelimiterStaysCode() {
    // "=== " is one token, not also "== " at its second byte.
    expect("TypeScript", "a === b;\na == b;\na !== b;\n", 3, 3, 0, 0, 3);
    // "else if " is two tokens; "ifx " none.
    expect("Java", "} else if (x) {\nifx = 1;\n", 2, 2, 0, 0, 2);
    // Tokens inside comments and strings do not count.
    expect("Java", "// if (x)\n/* for (;;) */\ns = \"while (x)\";\n", 3, 1, 2, 0, 0);
  }

  @Test
  void plainTextHasOnlyCodeAndBlanks() {
    expect("Text", "a // b\n\n  \n# c", 4, 2, 0, 2, 0);
    assertArrayEquals(new byte[] {CODE, BLANK, BLANK, CODE}, classes("Text", "a // b\n\n  \n# c"));
    expect("Text", "\uFEFF", 0, 0, 0, 0, 0);
  }

  @Test
  void perLineClasses() {
    LanguageTable t = LanguageTable.get();
    byte[] b = "/* a\n */\nint x; // c\n\n// d\n".getBytes(StandardCharsets.UTF_8);
    LineClasses lines = new LineClasses();
    FileStats s = t.classifier(t.language("Java")).classify(b, b.length, lines);
    assertEquals(5, s.lines());
    assertArrayEquals(new byte[] {LineClass.COMMENT, LineClass.COMMENT, LineClass.CODE, LineClass.BLANK,
        LineClass.COMMENT}, lines.toArray());
  }
}
