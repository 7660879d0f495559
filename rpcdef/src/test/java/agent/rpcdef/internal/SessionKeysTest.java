package agent.rpcdef.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SessionKeysTest {
  @Test
  void keysAreOneSegmentPerLevel() {
    String org = SessionKeys.tracking("github", "organization", "acme");
    String repo = SessionKeys.tracking(org, "repo", "acme/api");
    assertEquals("github/organization/acme", org);
    assertEquals("github/organization/acme/repo/acme%2Fapi", repo);
    assertEquals("github/organization/acme/repo/acme%2Fapi/sourcecode.PullRequest", SessionKeys.model(repo, "sourcecode.PullRequest"));
  }

  @Test
  void escapingIsReversibleAndDoesNotCollide() {
    assertEquals("a%252Fb", SessionKeys.escape("a%2Fb"));
    assertTrue(!SessionKeys.escape("a/b").equals(SessionKeys.escape("a%2Fb")));
  }

  @Test
  void badNamesAreRefusedWithAReason() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SessionKeys.model("x", "PullRequest"));
    assertTrue(e.getMessage().contains("sourcecode.PullRequest"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SessionKeys.tracking("x", "Org/x", "a"));
    assertThrows(IllegalArgumentException.class, () -> SessionKeys.tracking("x", "organization", ""));
  }
}
