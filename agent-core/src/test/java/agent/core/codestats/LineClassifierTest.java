package agent.core.codestats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Line classes and complexity against scc's rules, on small files written for it. The expected
 * counts are worked out by hand from scc's state machine (processor/workers.go): a line with any code
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
  void complexityNeedsATokenBoundaryBefore() {
    // "elif " is not "if ", "format(" not "for(", "notify(" not "if(".
    expect("Python", "if a:\n  pass\nelif b:\n  format(x)\n  notify(y)\n", 5, 5, 0, 0, 2);
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
