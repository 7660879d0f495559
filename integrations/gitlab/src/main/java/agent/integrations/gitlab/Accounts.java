package agent.integrations.gitlab;

import agent.rpcdef.model.sourcecode.User;
import agent.rpcdef.model.sourcecode.UserBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Everyone an export saw: authors, mergers, approvers, commenters, and group members, known by
 * GitLab's user id (stable across renames). GitLab moves a deleted user's contributions to its
 * "Ghost User" ({@code ghost}), which is exported like any account. Not thread-safe.
 */
final class Accounts {
  // The users behind group, project and service-account tokens: project_42_bot_<hash>, group_7_bot_<hash>.
  private static final Pattern TOKEN_BOT = Pattern.compile("(project|group)_\\d+_bot(_[0-9a-f]+)?");
  // Users GitLab itself acts as.
  private static final Pattern INTERNAL_BOT = Pattern.compile("(alert|support|visual-review|security-policy)-bot|"
      + "gitlab-(llm|duo|security)-bot|ghost-user-migration");

  private final String customerId;
  private final Map<String, User> byRefId = new LinkedHashMap<>();

  Accounts(String customerId) {
    this.customerId = customerId;
  }

  /** A user object ({@code author}, {@code merge_user}, {@code approved_by[].user}, ...); its ref id, or null for none. */
  String user(JsonNode user) {
    if (user == null || !user.isObject() || !user.hasNonNull("id")) {
      return null;
    }
    String id = user.get("id").asText();
    String username = user.path("username").asText("");
    boolean bot = user.path("bot").asBoolean(false) || TOKEN_BOT.matcher(username).matches()
        || INTERNAL_BOT.matcher(username).matches();
    put(User.builder().customerId(customerId).refType(GitLabIntegration.REF_TYPE).refId(id).username(username)
        .name(Fields.text(user, "name")).email(Fields.text(user, "public_email"))
        .avatarUrl(Fields.text(user, "avatar_url")).type(bot ? User.Type.BOT : User.Type.HUMAN).build());
    return id;
  }

  /** A group member ({@code /groups/:id/members/all}): recorded, and marked a member unless a bot. */
  void member(JsonNode user) {
    String id = user(user);
    if (id == null) {
      return;
    }
    User u = byRefId.get(id);
    if (!u.member() && u.type() != User.Type.BOT) {
      byRefId.put(id, UserBuilder.builder(u).member(true).build());
    }
  }

  List<User> all() {
    return new ArrayList<>(byRefId.values());
  }

  /** Keeps what is known: a later sighting never loses a name, an e-mail or the member flag. */
  private void put(User u) {
    User old = byRefId.get(u.refId());
    if (old == null) {
      byRefId.put(u.refId(), u);
      return;
    }
    UserBuilder b = UserBuilder.builder(u).member(old.member());
    if (u.name() == null) {
      b.name(old.name());
    }
    if (u.email() == null) {
      b.email(old.email());
    }
    if (u.avatarUrl() == null) {
      b.avatarUrl(old.avatarUrl());
    }
    byRefId.put(u.refId(), b.build());
  }
}
