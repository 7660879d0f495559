package agent.core.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import agent.rpcdef.internal.SessionKeys;
import org.junit.jupiter.api.Test;

class SessionNamesTest {
  @Test
  void aLocalGitRepositoryIsItsFolderName() {
    assertEquals("commons-lang", SessionNames.display(SessionKeys.tracking("git", "repo", "/tmp/work/commons-lang")));
    assertEquals("commons-lang", SessionNames.display("git/repo/%2Ftmp%2Fwork%2Fcommons-lang%2F"));
    assertEquals("app", SessionNames.display(SessionKeys.tracking("git", "repo", "C:\\src\\app.git")));
    assertEquals("app", SessionNames.display(SessionKeys.tracking("git", "repo", "file:///srv/git/app.git")));
  }

  @Test
  void aRemoteRepositoryIsItsOwnerAndName() {
    assertEquals("acme/api", SessionNames.display(SessionKeys.tracking("git", "repo", "https://github.com/acme/api.git")));
    assertEquals("acme/api", SessionNames.display(SessionKeys.tracking("git", "repo", "https://github.com/acme/api")));
    assertEquals("group/sub/api", SessionNames.display(SessionKeys.tracking("git", "repo", "https://gl.example.com/group/sub/api")));
    assertEquals("acme/api", SessionNames.display(SessionKeys.tracking("git", "repo", "git@github.com:acme/api.git")));
  }

  @Test
  void theInnermostEntityCountsAndAModelTypeFollowsIt() {
    String org = SessionKeys.tracking("github", "organization", "acme");
    String repo = SessionKeys.tracking(org, "repo", "acme/api");
    assertEquals("acme/api", SessionNames.display(repo));
    assertEquals("acme/api: sourcecode.PullRequest", SessionNames.display(SessionKeys.model(repo, "sourcecode.PullRequest")));
    assertEquals("acme-0", SessionNames.display("mock/organization/acme-0"));
    assertEquals("100% done", SessionNames.display(SessionKeys.tracking("mock", "project", "100% done")));
    assertEquals("sourcecode.Repo", SessionNames.display(SessionKeys.model("git", "sourcecode.Repo")));
  }

  @Test
  void whatIsNotAnEscapeIsShownAsItIs() {
    assertEquals("50%off", SessionNames.display("mock/project/50%off"));
    assertEquals("mock", SessionNames.display("mock"));
  }
}
