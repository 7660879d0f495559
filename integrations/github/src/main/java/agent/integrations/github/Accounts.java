package agent.integrations.github;

import agent.rpcdef.model.sourcecode.User;
import agent.rpcdef.model.sourcecode.UserBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everyone an export saw: authors, reviewers, commenters, mergers, committers, and organization
 * members. Each account is known by its database id (the REST {@code id}, GraphQL's {@code
 * databaseId}), which survives renames and is the same in both APIs; a deleted account, which GitHub
 * shows as {@code null} or as its placeholder user {@code ghost}, is the one {@link #GHOST} account.
 * Not thread-safe.
 */
final class Accounts {
  /** GitHub's placeholder for deleted accounts: login {@code ghost}, id 10137. */
  static final String GHOST = "10137";

  private final String customerId;
  private final Map<String, User> byRefId = new LinkedHashMap<>();
  // Logins of accounts seen only in REST payloads, which carry no name: their details are fetched once.
  private final Map<String, String> loginsWithoutDetails = new LinkedHashMap<>();

  Accounts(String customerId) {
    this.customerId = customerId;
  }

  /** A GraphQL {@code Actor} (with {@code ...ActorFields}) or {@code User} (with {@code ...UserFields}); its ref id. */
  String graphQl(JsonNode actor) {
    if (actor == null || actor.isNull() || actor.isMissingNode()) {
      return ghost();
    }
    String type = actor.path("__typename").asText("User");
    String login = actor.path("login").asText("");
    if (!actor.hasNonNull("databaseId")) {
      // An enterprise account or an actor without a database id: nothing stable to point to.
      return null;
    }
    String id = actor.get("databaseId").asText();
    if (id.equals(GHOST) || login.equals("ghost")) {
      return ghost();
    }
    boolean bot = type.equals("Bot");
    // GraphQL names a bot "dependabot", REST "dependabot[bot]"; the export uses REST's, the login people see.
    String username = bot && !login.endsWith("[bot]") ? login + "[bot]" : login;
    put(User.builder().customerId(customerId).refType(GitHubIntegration.REF_TYPE).refId(id).username(username)
        .name(text(actor, "name")).email(text(actor, "email")).avatarUrl(text(actor, "avatarUrl"))
        .type(bot ? User.Type.BOT : User.Type.HUMAN).build(), false);
    return id;
  }

  /** A GraphQL {@code GitActor.user}: null when git's author is linked to no account (not a deleted one). */
  String gitActor(JsonNode user) {
    return user == null || user.isNull() || user.isMissingNode() ? null : graphQl(user);
  }

  /** A REST user object ({@code user}, {@code merged_by}, ...); its ref id. Its name is fetched later. */
  String rest(JsonNode user) {
    if (user == null || user.isNull() || user.isMissingNode()) {
      return ghost();
    }
    String id = user.path("id").asText("");
    String login = user.path("login").asText("");
    if (id.isEmpty()) {
      return null;
    }
    if (id.equals(GHOST) || login.equals("ghost")) {
      return ghost();
    }
    if (!byRefId.containsKey(id)) {
      loginsWithoutDetails.put(id, login);
      put(restUser(user), false);
    }
    return id;
  }

  /** A REST user with its details ({@code GET /users/{login}}): replaces what {@link #rest} knew. */
  void restDetails(JsonNode user) {
    String id = user.path("id").asText("");
    if (!id.isEmpty() && !id.equals(GHOST)) {
      loginsWithoutDetails.remove(id);
      put(restUser(user), false);
    }
  }

  /** Marks an organization member; never a bot (the export's rule: members are people). */
  void member(String refId) {
    User u = byRefId.get(refId);
    if (u != null && !u.member() && u.type() != User.Type.BOT) {
      byRefId.put(refId, with(u, true));
    }
  }

  /** Accounts seen in REST payloads only: ref id to login. */
  Map<String, String> loginsWithoutDetails() {
    return Map.copyOf(loginsWithoutDetails);
  }

  List<User> all() {
    return new ArrayList<>(byRefId.values());
  }

  private User restUser(JsonNode user) {
    boolean bot = user.path("type").asText("").equals("Bot");
    return User.builder().customerId(customerId).refType(GitHubIntegration.REF_TYPE).refId(user.path("id").asText())
        .username(user.path("login").asText()).name(text(user, "name")).email(text(user, "email"))
        .avatarUrl(text(user, "avatar_url")).type(bot ? User.Type.BOT : User.Type.HUMAN).build();
  }

  private String ghost() {
    if (!byRefId.containsKey(GHOST)) {
      byRefId.put(GHOST, User.builder().customerId(customerId).refType(GitHubIntegration.REF_TYPE).refId(GHOST)
          .username("ghost").name("Deleted user").type(User.Type.HUMAN).build());
    }
    return GHOST;
  }

  /** Keeps what is known: a later sighting never loses a name, an e-mail or the member flag. */
  private void put(User u, boolean member) {
    User old = byRefId.get(u.refId());
    UserBuilder b = UserBuilder.builder(u).member(member || (old != null && old.member()));
    if (old != null && u.name() == null) {
      b.name(old.name()).email(old.email());
    }
    byRefId.put(u.refId(), b.build());
  }

  private static User with(User u, boolean member) {
    return u.member() == member ? u : UserBuilder.builder(u).member(member).build();
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
  }
}
