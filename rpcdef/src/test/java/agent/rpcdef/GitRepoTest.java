package agent.rpcdef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class GitRepoTest {
  private static final String HEAD = "1111111111111111111111111111111111111111";
  private static final String BASE = "2222222222222222222222222222222222222222";

  @Test
  void aPullRequestHeadOfFourPartsAsksForNoCommits() {
    GitRepo.PullRequestHead pr = new GitRepo.PullRequestHead("pr-7", "7", "fix/retry", HEAD);
    assertEquals("", pr.baseSha());
    assertEquals(List.of(), pr.knownCommitShas());
    assertFalse(pr.exportsCommits());
    assertEquals(pr, new GitRepo.PullRequestHead("pr-7", "7", "fix/retry", HEAD, null, null));
  }

  @Test
  void aBaseAsksForCommitsAndTheKnownShasAreCopied() {
    List<String> known = new ArrayList<>(List.of("a", "b"));
    GitRepo.PullRequestHead pr = new GitRepo.PullRequestHead("pr-7", "7", "fix/retry", HEAD, BASE, known);
    known.add("c");
    assertTrue(pr.exportsCommits());
    assertEquals(List.of("a", "b"), pr.knownCommitShas());
    assertThrows(UnsupportedOperationException.class, () -> pr.knownCommitShas().add("d"));
  }

  @Test
  void aNullKnownShaIsRefusedWithThePullRequestNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new GitRepo.PullRequestHead("pr-7", "7", "fix/retry", HEAD, BASE, Arrays.asList("a", null)));
    assertEquals("the known commit shas of pull request 7 contain null", e.getMessage());
  }

  @Test
  void aResultOfTwoCountsHasNoPullRequestCommits() {
    assertEquals(new GitRepoResult(4, 2, 0), new GitRepoResult(4, 2));
  }
}
