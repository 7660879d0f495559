package agent.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
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
  void aCloneNamesTheServersDefaultBranchAndCollectsGarbageInTheForeground() throws Exception {
    // The default is neither main nor master, and another branch points at the same commit.
    git.run("checkout", "-q", "-b", "trunk");
    git.run("branch", "-D", "main");
    try (Repository r = cache.open(upstream.toUri().toString(), "", "")) {
      assertEquals("refs/heads/trunk", r.exactRef("HEAD").getTarget().getName());
      assertFalse(r.getConfig().getBoolean("gc", "autoDetach", true),
          "a background collection would outlive the clone's rename and the export's JVM");
      assertEquals(List.of("+refs/heads/*:refs/heads/*", "+refs/pull/*/head:refs/pull/*/head",
          "+refs/merge-requests/*/head:refs/merge-requests/*/head"),
          List.of(r.getConfig().getStringList("remote", "origin", "fetch")));
    }
    try (var files = Files.walk(tmp.resolve("cache"))) {
      assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".lock")).toList());
    }
  }

  @Test
  void aCloneByAnEarlierVersionIsSwitchedToForegroundCollectionAtItsNextFetch() throws Exception {
    String url = upstream.toUri().toString();
    try (Repository r = cache.open(url, "", "")) {
      r.getConfig().unset("gc", null, "autoDetach");
      r.getConfig().save();
    }
    try (Repository r = cache.open(url, "", "")) {
      assertFalse(r.getConfig().getBoolean("gc", "autoDetach", true));
    }
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
  void aCloneOfAShallowRepositoryIsShallowTooAndIsMadeAgainOnceItsSourceIsComplete() throws Exception {
    for (int i = 2; i <= 6; i++) {
      git.write("a.txt", "v" + i).commit("c" + i);
    }
    Path shallowSource = tmp.resolve("shallow-source");
    new GitCli(tmp).run("clone", "-q", "--depth", "2", upstream.toUri().toString(), shallowSource.toString());
    GitCli source = new GitCli(shallowSource);
    String boundary = source.revParse("HEAD~1");
    String url = shallowSource.toUri().toString();

    try (Repository r = cache.open(url, "", "")) {
      assertEquals(Set.of(ObjectId.fromString(boundary)), r.getObjectDatabase().getShallowCommits(),
          "the clone lacks what its source lacks, and says so");
      assertEquals(2, export(r).size());
    }
    String c7 = source.write("a.txt", "v7").commit("c7");
    try (Repository r = cache.open(url, "", "")) {
      assertEquals(Set.of(ObjectId.fromString(boundary)), r.getObjectDatabase().getShallowCommits());
      assertEquals(3, export(r).size(), "a fetch on top of a shallow clone");
      assertTrue(export(r).contains(c7));
    }

    source.run("fetch", "-q", "--unshallow");
    try (Repository r = cache.open(url, "", "")) {
      assertEquals(Set.of(), r.getObjectDatabase().getShallowCommits(), "cloned again, complete this time");
      assertEquals(7, export(r).size());
    }
    assertEquals(1, cache.folders().size(), cache.folders().toString());
  }

  private static Set<String> export(Repository r) throws java.io.IOException {
    Set<String> shas = new java.util.HashSet<>();
    new GitHistoryWalker(r, GitHistoryWalker.Options.of("cust", "git", "repo").withThreads(1))
        .walk(null, c -> shas.add(c.sha()), (done, total) -> { });
    return shas;
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
