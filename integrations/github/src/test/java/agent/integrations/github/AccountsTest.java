package agent.integrations.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.Json;
import agent.rpcdef.model.sourcecode.User;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AccountsTest {
  private static JsonNode json(String s) throws Exception {
    return Json.mapper().readTree(s);
  }

  private static Map<String, User> byId(Accounts a) {
    return a.all().stream().collect(Collectors.toMap(User::refId, Function.identity()));
  }

  @Test
  void deletedAccountsAreGitHubsGhostWhateverTheApiSaid() throws Exception {
    Accounts a = new Accounts("c");
    assertEquals(Accounts.GHOST, a.graphQl(null));
    assertEquals(Accounts.GHOST, a.graphQl(json("null")));
    assertEquals(Accounts.GHOST, a.rest(json("null")));
    assertEquals(Accounts.GHOST, a.rest(json("{\"login\":\"ghost\",\"id\":10137,\"type\":\"User\"}")));
    User ghost = byId(a).get(Accounts.GHOST);
    assertEquals("ghost", ghost.username());
    assertEquals(1, a.all().size());
    assertTrue(a.loginsWithoutDetails().isEmpty(), "the ghost has no record to fetch");
  }

  @Test
  void aCommitWithoutALinkedAccountHasNoAuthorRatherThanTheGhost() throws Exception {
    Accounts a = new Accounts("c");
    assertNull(a.gitActor(json("null")));
    assertNull(a.gitActor(null));
    assertTrue(a.all().isEmpty());
  }

  @Test
  void botsCarryRestsLoginInBothApis() throws Exception {
    Accounts a = new Accounts("c");
    String g = a.graphQl(json("{\"__typename\":\"Bot\",\"login\":\"dependabot\",\"databaseId\":49699333,"
        + "\"avatarUrl\":\"https://avatars.githubusercontent.com/in/29110?v=4\"}"));
    Accounts b = new Accounts("c");
    String r = b.rest(json("{\"login\":\"dependabot[bot]\",\"id\":49699333,\"type\":\"Bot\","
        + "\"avatar_url\":\"https://avatars.githubusercontent.com/in/29110?v=4\"}"));
    assertEquals(g, r);
    assertEquals(byId(a).get(g), byId(b).get(r));
    assertEquals(User.Type.BOT, byId(a).get(g).type());
    assertEquals("dependabot[bot]", byId(a).get(g).username());
  }

  @Test
  void aLaterSightingKeepsTheNameAndTheMemberFlag() throws Exception {
    Accounts a = new Accounts("c");
    String id = a.graphQl(json("{\"__typename\":\"User\",\"login\":\"ada\",\"databaseId\":7,\"name\":\"Ada L\","
        + "\"email\":\"ada@example.com\",\"avatarUrl\":\"https://a/7\"}"));
    a.member(id);
    a.rest(json("{\"login\":\"ada\",\"id\":7,\"type\":\"User\",\"avatar_url\":\"https://a/7\"}"));
    User u = byId(a).get("7");
    assertEquals("Ada L", u.name());
    assertEquals("ada@example.com", u.email());
    assertTrue(u.member());
    assertTrue(a.loginsWithoutDetails().isEmpty(), "already known with its details");
  }

  @Test
  void restOnlyAccountsWaitForTheirDetails() throws Exception {
    Accounts a = new Accounts("c");
    a.member(a.rest(json("{\"login\":\"bo\",\"id\":8,\"type\":\"User\"}")));
    assertEquals(Map.of("8", "bo"), a.loginsWithoutDetails());
    a.restDetails(json("{\"login\":\"bo\",\"id\":8,\"type\":\"User\",\"name\":\"Bo\",\"email\":null}"));
    assertTrue(a.loginsWithoutDetails().isEmpty());
    User u = byId(a).get("8");
    assertEquals("Bo", u.name());
    assertNull(u.email());
    assertTrue(u.member());
  }
}
