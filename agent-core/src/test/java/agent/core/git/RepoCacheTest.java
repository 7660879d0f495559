package agent.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cloning and fetching into the cache, against repositories made with the git CLI. */
class RepoCacheTest {
  @TempDir Path tmp;
  Path upstream;
  GitCli git;
  RepoCache cache;

  @BeforeEach
  void makeUpstream() throws Exception {
    upstream = tmp.resolve("upstream");
    git = GitCli.init(upstream);
    git.write("a.txt", "one").commit("first");
    git.run("branch", "feature");
    cache = new RepoCache(tmp.resolve("cache"));
  }

  @Test
  void aLocalRepositoryIsOpenedInPlace() throws Exception {
    try (Repository r = cache.open(upstream.toString(), "", "")) {
      assertEquals(upstream.resolve(".git"), r.getDirectory().toPath());
      assertTrue(r.exactRef("refs/heads/main") != null);
    }
    assertTrue(cache.folders().isEmpty(), "a local repository must not be copied");
  }

  @Test
  void aUrlIsClonedBareThenFetchedWithForcePushesAndDeletions() throws Exception {
    String url = upstream.toUri().toString();
    String mainBefore;
    try (Repository r = cache.open(url, "", "")) {
      assertTrue(r.isBare());
      mainBefore = r.exactRef("refs/heads/main").getObjectId().name();
      assertTrue(r.exactRef("refs/heads/feature") != null, "every branch is cloned");
    }
    // Upstream rewrites main, adds a branch and deletes feature.
    git.run("commit", "-q", "--amend", "-m", "rewritten");
    git.run("branch", "topic");
    git.run("branch", "-D", "feature");
    String mainAfter = git.revParse("main");

    try (Repository r = cache.open(url, "", "")) {
      assertEquals(mainAfter, r.exactRef("refs/heads/main").getObjectId().name(), "the force-push is fetched");
      assertFalse(mainAfter.equals(mainBefore));
      assertTrue(r.exactRef("refs/heads/topic") != null);
      assertNull(r.exactRef("refs/heads/feature"), "a deleted branch is pruned");
    }
    assertEquals(1, cache.folders().size(), cache.folders().toString());
  }

  @Test
  void pullAndMergeRequestHeadsAreClonedAndFetchedWhenTheServerHasThem() throws Exception {
    String url = upstream.toUri().toString();
    git.run("checkout", "-q", "-b", "fork");
    String pr7 = git.write("b.txt", "pr").commit("pull request 7");
    git.run("checkout", "-q", "main");
    git.run("update-ref", "refs/pull/7/head", pr7);
    git.run("update-ref", "refs/merge-requests/3/head", pr7);
    git.run("branch", "-q", "-D", "fork");
    try (Repository r = cache.open(url, "", "")) {
      assertEquals(pr7, r.exactRef("refs/pull/7/head").getObjectId().name());
      assertEquals(pr7, r.exactRef("refs/merge-requests/3/head").getObjectId().name());
      assertTrue(r.getObjectDatabase().has(org.eclipse.jgit.lib.ObjectId.fromString(pr7)));
      assertNull(r.exactRef("refs/heads/fork"));
    }
    git.run("checkout", "-q", "-b", "fork2");
    String pr8 = git.write("c.txt", "pr").commit("pull request 8");
    String pr7b = git.write("b.txt", "pr, pushed again").commit("pull request 7 again");
    git.run("checkout", "-q", "main");
    git.run("update-ref", "refs/pull/8/head", pr8);
    git.run("update-ref", "refs/pull/7/head", pr7b);
    git.run("branch", "-q", "-D", "fork2");
    try (Repository r = cache.open(url, "", "")) {
      assertEquals(pr8, r.exactRef("refs/pull/8/head").getObjectId().name(), "a new pull request is fetched");
      assertEquals(pr7b, r.exactRef("refs/pull/7/head").getObjectId().name(), "a moved head is fetched");
      assertNull(r.exactRef("refs/heads/fork2"), "pull request heads never become branches");
    }
  }

  @Test
  void anUnfinishedCloneIsRemovedAndDoneAgain() throws Exception {
    String url = upstream.toUri().toString();
    Path leftover = tmp.resolve("cache").resolve(RepoCache.folderName(url) + ".partial-1234");
    Files.createDirectories(leftover.resolve("objects"));
    try (Repository r = cache.open(url, "", "")) {
      assertTrue(r.exactRef("refs/heads/main") != null);
    }
    assertFalse(Files.exists(leftover));
  }

  @Test
  void problemsAreSentences() {
    GitAccessException missing = assertThrows(GitAccessException.class, () -> cache.open(tmp.resolve("nope").toString(), "", ""));
    assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    GitAccessException notGit = assertThrows(GitAccessException.class, () -> cache.open(tmp.toString(), "", ""));
    assertTrue(notGit.getMessage().contains("is not a git repository"), notGit.getMessage());
    GitAccessException badUrl = assertThrows(GitAccessException.class,
        () -> cache.open(tmp.resolve("no-such-upstream").toUri().toString(), "", ""));
    assertTrue(badUrl.getMessage().contains("no-such-upstream"), badUrl.getMessage());
  }

  @Test
  void folderNamesAreReadableAndUniqueAndUrlsLoseTheirPasswords() {
    assertTrue(RepoCache.folderName("https://git.example.com/acme/api.git").matches("api-[0-9a-f]{12}\\.git"));
    assertFalse(RepoCache.folderName("https://a/x/api.git").equals(RepoCache.folderName("https://b/y/api.git")));
    assertTrue(RepoCache.folderName("git@github.com:acme/cli.git").startsWith("cli-"));
    assertEquals("https://host/a.git", RepoCache.redactUrl("https://me:s3cret@host/a.git"));
  }
}
