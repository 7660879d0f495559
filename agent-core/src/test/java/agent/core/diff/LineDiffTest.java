package agent.core.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Edge cases of {@link LineDiff}, with git's answers written down. */
class LineDiffTest {
  private final LineDiff diff = new LineDiff();

  @Test
  void bothEmpty() {
    run("", "");
    assertEquals(0, diff.oldLineCount());
    assertEquals(0, diff.newLineCount());
    assertEquals(List.of(), headers());
  }

  @Test
  void emptyOld() {
    run("", "a\nb\n");
    assertEquals(List.of("@@ -0,0 +1,2 @@"), headers());
    assertEquals(2, diff.additions());
    assertEquals(-1, diff.oldLineOf(0));
  }

  @Test
  void emptyNew() {
    run("a\n", "");
    assertEquals(List.of("@@ -1 +0,0 @@"), headers());
    assertEquals(1, diff.deletions());
  }

  @Test
  void identical() {
    run("a\nb\n", "a\nb\n");
    assertEquals(List.of(), headers());
    assertEquals(0, diff.oldLineOf(0));
    assertEquals(1, diff.oldLineOf(1));
  }

  @Test
  void allDifferent() {
    run("a\nb\nc\n", "x\ny\n");
    assertEquals(List.of("@@ -1,3 +1,2 @@"), headers());
    assertEquals(2, diff.additions());
    assertEquals(3, diff.deletions());
  }

  @Test
  void oneLineChanged() {
    run("a\n", "b\n");
    assertEquals(List.of("@@ -1 +1 @@"), headers());
  }

  @Test
  void missingFinalNewlineIsAnotherLine() {
    run("a\nb\n", "a\nb");
    assertEquals(List.of("@@ -2 +2 @@"), headers());
    assertEquals(2, diff.oldLineCount());
    assertEquals(2, diff.newLineCount());
  }

  @Test
  void carriageReturnIsAnOrdinaryByte() {
    run("a\r\nb\n", "a\nb\n");
    assertEquals(List.of("@@ -1 +1 @@"), headers());
  }

  @Test
  void insertionSlidesDownUnlessTheIndentHeuristicPrefersALessIndentedStart() {
    // git: --no-indent-heuristic shows the added block as low as it goes, the default starts it at
    // the function's first line.
    String old = "f {\n  x\n}\n";
    String neu = "f {\n  y\n}\nf {\n  x\n}\n";
    diff.indentHeuristic(false);
    run(old, neu);
    assertEquals(List.of("@@ -1,0 +2,3 @@"), headers());
    diff.indentHeuristic(true);
    run(old, neu);
    assertEquals(List.of("@@ -0,0 +1,3 @@"), headers());
  }

  @Test
  void zeroContextCutsTheCommonTail() {
    String old = "a\n".repeat(1000);
    String neu = "a\n".repeat(1001);
    diff.indentHeuristic(false);
    run(old, neu);
    assertEquals(List.of("@@ -1000,0 +1001 @@"), headers());
    diff.zeroContext(true);
    run(old, neu);
    assertEquals(List.of("@@ -489,0 +490 @@"), headers());
    assertEquals(1000, diff.oldLineCount());
    assertEquals(999, diff.oldLineOf(1000));
  }

  @Test
  void buffersAreReusedAcrossSizes() {
    run("a\n".repeat(500) + "b\n", "c\n" + "a\n".repeat(500));
    run("a\n", "b\n");
    assertEquals(List.of("@@ -1 +1 @@"), headers());
    assertThrows(IndexOutOfBoundsException.class, () -> diff.oldLineOf(1));
  }

  @Test
  void onlyTheGivenLengthIsRead() {
    byte[] old = "a\nb\nGARBAGE".getBytes(StandardCharsets.UTF_8);
    byte[] neu = "a\nc\nMORE".getBytes(StandardCharsets.UTF_8);
    diff.compute(old, 4, neu, 4);
    assertEquals(List.of("@@ -2 +2 @@"), headers());
    assertEquals(List.of(new Hunk(1, 1, 1, 1)), diff.hunks());
  }

  private void run(String old, String neu) {
    byte[] a = old.getBytes(StandardCharsets.UTF_8);
    byte[] b = neu.getBytes(StandardCharsets.UTF_8);
    diff.compute(a, a.length, b, b.length);
  }

  private List<String> headers() {
    List<String> headers = new ArrayList<>();
    for (int h = 0; h < diff.hunkCount(); h++) {
      headers.add(diff.hunkHeader(h));
    }
    return headers;
  }
}
