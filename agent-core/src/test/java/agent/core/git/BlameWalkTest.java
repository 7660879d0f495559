package agent.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.model.sourcecode.Blame;
import agent.rpcdef.model.sourcecode.CommitFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blame across exports: what the second export of new commits says equals what one export of
 * the whole history says about them, and it is worked out from the saved state, not by diffing the
 * history again ({@link GitHistoryWalker.Result#blameReplayed()}), unless the state is missing or
 * corrupt, when it is rebuilt.
 */
class BlameWalkTest {
  @TempDir Path tmp;
  private GitCli git;
  private Path state;

  @BeforeEach
  void repository() throws IOException {
    git = GitCli.init(tmp.resolve("repo"));
    state = tmp.resolve("blame").resolve("repo.blame");
    write("a.py", "import os\n\n# setup\ndef main():\n    pass\n");
    write("b.go", "package b\n\nfunc B() {}\n");
    git.run("add", ".");
    git.run("commit", "-q", "-m", "first");
    write("a.py", "import os\nimport sys\n\n# setup\ndef main():\n    print(sys.argv)\n");
    git.run("commit", "-q", "-am", "second");
    git.run("checkout", "-q", "-b", "topic");
    write("b.go", "package b\n\n// B does nothing.\nfunc B() {}\n");
    git.run("commit", "-q", "-am", "topic");
    git.run("checkout", "-q", "main");
    write("a.py", "import os\nimport sys\n\n# setup\ndef main():\n    print(sys.argv)\n    return 0\n");
    git.run("commit", "-q", "-am", "third");
    git.run("merge", "-q", "--no-ff", "-m", "merge topic", "topic");
  }

  @Test
  void aSecondExportContinuesFromTheSavedStateAndEqualsAFullExport() throws IOException {
    Walk first = walk(null, state);
    assertTrue(first.result.blameReplayed() == 0, "nothing saved and nothing to continue from: no replay");
    assertTrue(Files.exists(state), "the state is saved");
    assertEquals(5, first.result.commits());

    write("a.py", "import os\nimport sys\n\n# setup, again\ndef main():\n    print(sys.argv)\n    return 0\n");
    git.run("mv", "b.go", "c.go");
    git.run("commit", "-q", "-am", "fourth");
    String fourth = git.run("rev-parse", "HEAD").trim();
    Walk second = walk(first.result.token(), state);

    assertEquals(0, second.result.blameReplayed(), "continued from the saved state");
    assertEquals(1, second.result.commits());
    assertEquals(Set.of(fourth), second.blames.stream().map(Blame::sha).collect(Collectors.toSet()));
    assertEquals(full(fourth), second.blames, "the same blames as one export of the whole history");
    Blame renamed = second.blames.stream().filter(b -> b.filename().equals("c.go")).findFirst().orElseThrow();
    assertEquals("b.go", renamed.renamedFrom());
    String first1 = git.run("rev-list", "--max-parents=0", "HEAD").trim();
    assertEquals(first1, renamed.lines().get(0).sha(), "a renamed file keeps its lines' origins");
  }

  @Test
  void aBranchFromAnOldCommitRebuildsOnlyWhatItNeeds() throws IOException {
    Walk first = walk(null, state);
    String firstCommit = git.run("rev-list", "--max-parents=0", "HEAD").trim();
    git.run("checkout", "-q", "-b", "old", firstCommit);
    write("a.py", "import os\n\n# setup\ndef main():\n    raise SystemExit\n");
    git.run("commit", "-q", "-am", "on an old base");
    String old = git.run("rev-parse", "HEAD").trim();
    Walk second = walk(first.result.token(), state);

    assertEquals(1, second.result.commits());
    assertEquals(1, second.result.blameReplayed(), "the old base's origins: one root commit diffed again");
    assertEquals(full(old), second.blames);
  }

  @Test
  void aMissingOrCorruptStateIsRebuiltFromTheHistory() throws IOException {
    Walk first = walk(null, state);
    write("a.py", "import os\nimport sys\n\n# teardown\ndef main():\n    print(sys.argv)\n    return 0\n");
    git.run("commit", "-q", "-am", "fourth");
    String fourth = git.run("rev-parse", "HEAD").trim();
    List<Blame> expected = full(fourth);

    byte[] saved = Files.readAllBytes(state);
    byte[] corrupt = saved.clone();
    corrupt[corrupt.length / 2] ^= 0x55;
    Files.write(state, corrupt);
    Walk fromCorrupt = walk(first.result.token(), state);
    assertEquals(5, fromCorrupt.result.blameReplayed(), "every commit before the new one, diffed again");
    assertEquals(expected, fromCorrupt.blames);

    Files.write(state, java.util.Arrays.copyOf(saved, saved.length - 7));
    Walk fromTruncated = walk(first.result.token(), state);
    assertEquals(5, fromTruncated.result.blameReplayed());
    assertEquals(expected, fromTruncated.blames);

    Files.delete(state);
    Walk fromNothing = walk(first.result.token(), state);
    assertEquals(5, fromNothing.result.blameReplayed());
    assertEquals(expected, fromNothing.blames);
    assertTrue(Files.exists(state), "saved again");
    assertEquals(0, walk(fromNothing.result.token(), state).result.blameReplayed());
  }

  @Test
  void aStateThatCannotBeSavedFailsNothing() throws IOException {
    Path blocked = tmp.resolve("blocked");
    Files.writeString(blocked, "a file where the state's folder would be");
    Walk w = walk(null, blocked.resolve("repo.blame"));
    assertEquals(5, w.result.commits(), "exported all the same");
    assertFalse(w.blames.isEmpty());
  }

  @Test
  void theStateKeepsTheTipsOnly() throws IOException {
    Walk first = walk(null, state);
    BlameTracker loaded = new BlameTracker("cust", "git", "repo-id");
    assertTrue(new BlameStore(state, "repo-id").load(loaded));
    assertEquals(2, loaded.statesHeld(), "main's and topic's origins, nothing else");
    assertTrue(loaded.has(org.eclipse.jgit.lib.ObjectId.fromString(git.run("rev-parse", "main").trim())));
    assertTrue(loaded.has(org.eclipse.jgit.lib.ObjectId.fromString(git.run("rev-parse", "topic").trim())));
    assertFalse(new BlameStore(state, "another-repo").load(new BlameTracker("cust", "git", "x")),
        "another repository's state is not used");
    assertEquals(5, first.blames.stream().map(Blame::sha).distinct().count());
  }

  @Test
  void everyChangedFileHasABlameAndOnlyTextFilesThatCountHaveLines() throws IOException {
    Files.write(git.dir().resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1});
    Files.createDirectories(git.dir().resolve("vendor"));
    write("vendor/lib.js", "var x = 1;\n");
    git.run("add", ".");
    git.run("rm", "-q", "b.go");
    git.run("commit", "-q", "-m", "assets");
    Walk w = walk(null, state);
    String head = git.run("rev-parse", "HEAD").trim();
    List<Blame> last = w.blames.stream().filter(b -> b.sha().equals(head)).toList();
    assertEquals(List.of("b.go", "logo.png", "vendor/lib.js"), last.stream().map(Blame::filename).toList());
    Blame removed = last.get(0);
    assertEquals(CommitFile.Status.REMOVED, removed.status());
    assertEquals(0, removed.size(), "the size after the commit");
    assertEquals("Go", removed.language(), "the language of the content it had");
    assertEquals(List.of(), removed.lines());
    assertEquals(List.of(), last.get(1).lines(), "binary: no lines");
    assertTrue(last.get(2).excluded());
    assertEquals(List.of(), last.get(2).lines(), "excluded: no lines");
    Blame a = w.blames.stream().filter(b -> b.filename().equals("a.py")).reduce((x, y) -> y).orElseThrow();
    assertEquals(7, a.lines().size());
    assertEquals(a.loc(), a.lines().size());
    assertEquals(a.sloc(), (int) a.lines().stream().filter(Blame.Line::code).count());
    assertEquals(a.comments(), (int) a.lines().stream().filter(Blame.Line::comment).count());
    assertEquals(a.blanks(), (int) a.lines().stream().filter(Blame.Line::blank).count());
    assertEquals("ada@example.com", a.lines().get(0).authorRefId());
    assertEquals(a.sha() + ":a.py", a.refId());
  }

  private record Walk(GitHistoryWalker.Result result, List<Blame> blames) {}

  private Walk walk(String token, Path stateFile) throws IOException {
    List<Blame> blames = new ArrayList<>();
    try (Repository repo = new FileRepositoryBuilder().setGitDir(git.dir().resolve(".git").toFile()).build()) {
      GitHistoryWalker.Options o = GitHistoryWalker.Options.of("cust", "git", "repo-id").withThreads(2)
          .withBlameState(stateFile);
      GitHistoryWalker.Result r = new GitHistoryWalker(repo, o).walk(token, c -> { }, blames::add, (d, t) -> { });
      return new Walk(r, blames);
    }
  }

  /** The blames of {@code sha} by one export of the whole history, with no state at all. */
  private List<Blame> full(String sha) throws IOException {
    return walk(null, null).blames.stream().filter(b -> b.sha().equals(sha)).toList();
  }

  private void write(String path, String text) throws IOException {
    Files.writeString(git.dir().resolve(path), text);
  }
}
