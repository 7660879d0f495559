package agent.integrations.github.fake;

import static agent.integrations.github.fake.Json.JSON;

import agent.integrations.github.fake.FakeData.Comment;
import agent.integrations.github.fake.FakeData.Commit;
import agent.integrations.github.fake.FakeData.Org;
import agent.integrations.github.fake.FakeData.PullRequest;
import agent.integrations.github.fake.FakeData.Repo;
import agent.integrations.github.fake.FakeData.Review;
import agent.integrations.github.fake.FakeData.User;
import agent.integrations.github.fake.FakeData.World;
import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.Document;
import graphql.language.EnumValue;
import graphql.language.Field;
import graphql.language.FloatValue;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.SourceLocation;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import agent.integrations.github.fake.GraphQlPages.Connection;
import agent.integrations.github.fake.GraphQlPages.Edge;
import agent.integrations.github.fake.GraphQlPages.PageInfo;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * GitHub's GraphQL API over a {@link World}, for the fields the integration selects: the query's
 * selection sets are walked and each field answered from the data, so a response holds exactly the
 * selected fields (aliases, fragments and {@code __typename} included) in GitHub's shapes. Not a general
 * executor: no schema, and a field it does not model is an error as on GitHub ("Field 'x' doesn't exist
 * on type 'Y'"), so a query the fake cannot answer fails loudly rather than silently.
 *
 * <p>Modelled: {@code repository}, {@code organization}, {@code user}, {@code viewer}, {@code node}
 * (pull requests and users by id), {@code rateLimit}; connections with {@code first/last/after/before},
 * GitHub's limits (a connection needs {@code first} or {@code last}, at most 100) and opaque cursors.
 */
final class GraphQlApi {
  /** GitHub lists at most this many commits of a pull request, and counts them all in {@code totalCount}. */
  static final int COMMITS_CAP = 250;

  private final World world;
  private final String web;
  private final boolean ghostAsUser;

  GraphQlApi(World world, String web, boolean ghostAsUser) {
    this.world = world;
    this.web = web;
    this.ghostAsUser = ghostAsUser;
  }

  /** What {@code rateLimit} reports for this query: charged already. */
  record RateLimit(int cost, int limit, int remaining, int used, Instant resetAt, long nodeCount) {}

  /** An error GitHub reports; {@code fatal} ones (validation) leave no data at all. */
  static final class GraphQlError extends RuntimeException {
    final Map<String, Object> json;
    final boolean fatal;

    GraphQlError(boolean fatal, String type, String message, List<Object> path, SourceLocation at) {
      super(message);
      this.fatal = fatal;
      this.json = new LinkedHashMap<>();
      if (type != null) {
        json.put("type", type);
      }
      if (path != null) {
        json.put("path", List.copyOf(path));
      }
      if (at != null) {
        json.put("locations", List.of(Map.of("line", at.getLine(), "column", at.getColumn())));
      }
      json.put("message", message);
    }
  }

  /** The response body: {@code data} and, when any, {@code errors}. */
  Map<String, Object> execute(Document document, Map<String, Object> variables, RateLimit rateLimit) {
    Run run = new Run(document, variables, rateLimit);
    Map<String, Object> body = new LinkedHashMap<>();
    try {
      OperationDefinition op = document.getDefinitionsOfType(OperationDefinition.class).get(0);
      body.put("data", run.object(new Root(), op.getSelectionSet(), new ArrayList<>()));
    } catch (GraphQlError fatal) {
      return Map.of("errors", List.of(fatal.json));
    }
    if (!run.errors.isEmpty()) {
      body.put("errors", run.errors);
    }
    return body;
  }

  // -- the objects a query walks: each knows its GraphQL type and answers its fields

  private record Root() {}

  private record RepoNode(Repo repo) {}

  private record PrNode(Repo repo, PullRequest pr) {}

  private record PrCommitNode(PrNode pr, Commit commit) {}

  private record CommitNode(Repo repo, Commit commit, String oid) {}

  private record GitActorNode(String name, String email, Instant date, User user) {}

  private record ReviewNode(PrNode pr, Review review) {}

  private record CommentNode(PrNode pr, Comment comment) {}

  private record OrgNode(Org org) {}

  private static String typeOf(Object o) {
    if (o instanceof Root) return "Query";
    if (o instanceof RepoNode) return "Repository";
    if (o instanceof PrNode) return "PullRequest";
    if (o instanceof PrCommitNode) return "PullRequestCommit";
    if (o instanceof CommitNode) return "Commit";
    if (o instanceof GitActorNode) return "GitActor";
    if (o instanceof ReviewNode) return "PullRequestReview";
    if (o instanceof CommentNode) return "IssueComment";
    if (o instanceof OrgNode) return "Organization";
    if (o instanceof User u) return u.type();
    if (o instanceof Connection c) return c.type();
    if (o instanceof PageInfo) return "PageInfo";
    if (o instanceof Edge e) return e.type();
    if (o instanceof RateLimit) return "RateLimit";
    throw new IllegalStateException("no GraphQL type for " + o.getClass());
  }

  /** The interfaces each modelled type implements in GitHub's schema, for fragments on interfaces. */
  private static final Map<String, Set<String>> INTERFACES = Map.of(
      "User", Set.of("Actor", "Node", "RepositoryOwner", "UniformResourceLocatable", "ProjectOwner", "Sponsorable"),
      "Bot", Set.of("Actor", "Node", "UniformResourceLocatable"),
      "Mannequin", Set.of("Actor", "Node", "UniformResourceLocatable"),
      "Organization", Set.of("Actor", "Node", "RepositoryOwner", "UniformResourceLocatable", "ProjectOwner", "Sponsorable"),
      "PullRequest", Set.of("Node", "Assignable", "Closable", "Comment", "Labelable", "Lockable", "Reactable",
          "RepositoryNode", "Subscribable", "UniformResourceLocatable", "Updatable", "UpdatableComment"),
      "PullRequestReview", Set.of("Node", "Comment", "Deletable", "Minimizable", "Reactable", "RepositoryNode", "Updatable",
          "UpdatableComment"),
      "IssueComment", Set.of("Node", "Comment", "Deletable", "Minimizable", "Reactable", "RepositoryNode", "Updatable",
          "UpdatableComment"),
      "Repository", Set.of("Node", "PackageOwner", "ProjectOwner", "RepositoryInfo", "Starrable", "Subscribable",
          "UniformResourceLocatable"),
      "Commit", Set.of("Node", "GitObject", "Subscribable", "UniformResourceLocatable"),
      "PullRequestCommit", Set.of("Node", "UniformResourceLocatable"));

  private static boolean applies(String type, String condition) {
    return condition == null || condition.equals(type) || INTERFACES.getOrDefault(type, Set.of()).contains(condition);
  }

  /** One execution: its fragments, variables and the non-fatal errors met. */
  private final class Run {
    final Map<String, FragmentDefinition> fragments;
    final Map<String, Object> variables;
    final RateLimit rateLimit;
    final List<Map<String, Object>> errors = new ArrayList<>();

    Run(Document document, Map<String, Object> variables, RateLimit rateLimit) {
      this.fragments = document.getDefinitionsOfType(FragmentDefinition.class).stream()
          .collect(Collectors.toMap(FragmentDefinition::getName, Function.identity()));
      this.variables = variables;
      this.rateLimit = rateLimit;
    }

    Map<String, Object> object(Object value, SelectionSet set, List<Object> path) {
      String type = typeOf(value);
      Map<String, Object> out = new LinkedHashMap<>();
      for (Selection<?> selection : set.getSelections()) {
        if (selection instanceof Field field) {
          String key = field.getAlias() != null ? field.getAlias() : field.getName();
          List<Object> at = with(path, key);
          Object result = field.getName().equals("__typename") ? type
              : complete(field, resolve(value, type, field, arguments(field), at), at);
          merge(out, key, result);
        } else if (selection instanceof InlineFragment inline) {
          String condition = inline.getTypeCondition() == null ? null : inline.getTypeCondition().getName();
          if (applies(type, condition)) {
            object(value, inline.getSelectionSet(), path).forEach((k, v) -> merge(out, k, v));
          }
        } else if (selection instanceof FragmentSpread spread) {
          FragmentDefinition fragment = fragments.get(spread.getName());
          if (fragment == null) {
            throw new GraphQlError(true, null, "Fragment " + spread.getName() + " was used, but not defined", null,
                spread.getSourceLocation());
          }
          if (applies(type, fragment.getTypeCondition().getName())) {
            object(value, fragment.getSelectionSet(), path).forEach((k, v) -> merge(out, k, v));
          }
        }
      }
      return out;
    }

    @SuppressWarnings("unchecked")
    private void merge(Map<String, Object> out, String key, Object value) {
      if (out.get(key) instanceof Map<?, ?> existing && value instanceof Map<?, ?> more) {
        ((Map<String, Object>) more).forEach((k, v) -> merge((Map<String, Object>) existing, k, v));
      } else {
        out.put(key, value);
      }
    }

    private Object complete(Field field, Object value, List<Object> path) {
      if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
        return value;
      }
      if (value instanceof List<?> list) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
          out.add(complete(field, list.get(i), with(path, i)));
        }
        return out;
      }
      if (field.getSelectionSet() == null) {
        throw new GraphQlError(true, null, "Field must have selections (field '" + field.getName() + "' returns "
            + typeOf(value) + " but has no selections.)", null, field.getSourceLocation());
      }
      return object(value, field.getSelectionSet(), path);
    }

    private Map<String, Object> arguments(Field field) {
      Map<String, Object> args = new HashMap<>();
      for (Argument a : field.getArguments()) {
        args.put(a.getName(), literal(a.getValue()));
      }
      return args;
    }

    private Object literal(Value<?> v) {
      if (v instanceof VariableReference ref) return variables.get(ref.getName());
      if (v instanceof IntValue i) return i.getValue().intValueExact();
      if (v instanceof StringValue s) return s.getValue();
      if (v instanceof BooleanValue b) return b.isValue();
      if (v instanceof EnumValue e) return e.getName();
      if (v instanceof FloatValue f) return f.getValue().doubleValue();
      if (v instanceof NullValue) return null;
      if (v instanceof ArrayValue a) return a.getValues().stream().map(this::literal).toList();
      if (v instanceof ObjectValue o) {
        Map<String, Object> m = new LinkedHashMap<>();
        o.getObjectFields().forEach(f -> m.put(f.getName(), literal(f.getValue())));
        return m;
      }
      throw new IllegalArgumentException("no literal " + v);
    }

    private Object resolve(Object value, String type, Field field, Map<String, Object> args, List<Object> path) {
      String name = field.getName();
      Object out;
      if (value instanceof Root r) {
        out = root(name, args, field, path);
      } else if (value instanceof RepoNode r) {
        out = repository(r, name, args, field, path);
      } else if (value instanceof PrNode p) {
        out = pullRequest(p, name, args, field, path);
      } else if (value instanceof PrCommitNode c) {
        out = switch (name) {
          case "id" -> "PURC_" + c.commit().sha();
          case "commit" -> new CommitNode(c.pr().repo(), c.commit(), c.commit().sha());
          case "url" -> prUrl(c.pr()) + "/commits/" + c.commit().sha();
          default -> UNDEFINED;
        };
      } else if (value instanceof CommitNode c) {
        out = commit(c, name);
      } else if (value instanceof GitActorNode a) {
        out = switch (name) {
          case "name" -> a.name();
          case "email" -> a.email();
          case "date" -> JSON.date(a.date());
          case "user" -> a.user() != null && a.user().type().equals("User") ? a.user() : null;
          default -> UNDEFINED;
        };
      } else if (value instanceof ReviewNode r) {
        out = switch (name) {
          case "id" -> "PRR_" + r.review().id();
          case "databaseId" -> (int) r.review().id();
          case "fullDatabaseId" -> String.valueOf(r.review().id());
          case "state" -> r.review().state();
          case "submittedAt" -> JSON.date(r.review().submittedAt());
          case "createdAt" -> JSON.date(r.review().submittedAt() != null ? r.review().submittedAt() : r.pr().pr().createdAt());
          case "body" -> "";
          case "url" -> prUrl(r.pr()) + "#pullrequestreview-" + r.review().id();
          case "author" -> actor(r.review().author());
          default -> UNDEFINED;
        };
      } else if (value instanceof CommentNode c) {
        out = switch (name) {
          case "id" -> "IC_" + c.comment().id();
          case "databaseId" -> (int) c.comment().id();
          case "fullDatabaseId" -> String.valueOf(c.comment().id());
          case "body" -> c.comment().body();
          case "createdAt" -> JSON.date(c.comment().createdAt());
          case "updatedAt" -> JSON.date(c.comment().updatedAt());
          case "url" -> prUrl(c.pr()) + "#issuecomment-" + c.comment().id();
          case "author" -> actor(c.comment().author());
          default -> UNDEFINED;
        };
      } else if (value instanceof OrgNode o) {
        out = switch (name) {
          case "id" -> "O_" + o.org().id();
          case "databaseId" -> (int) o.org().id();
          case "login" -> o.org().login();
          case "name" -> o.org().login();
          case "url" -> web + "/" + o.org().login();
          case "avatarUrl" -> avatar(o.org().id());
          // Only users can be members; a bot listed in the data shows in REST's list alone.
          case "membersWithRole" -> GraphQlPages.connection("OrganizationMemberConnection", field, o.org().members().stream()
              .filter(u -> u.type().equals("User")).toList(), -1, args, path);
          default -> UNDEFINED;
        };
      } else if (value instanceof User u) {
        out = account(u, name);
      } else if (value instanceof Connection c) {
        out = switch (name) {
          case "totalCount" -> c.totalCount();
          case "nodes" -> c.nodes();
          case "pageInfo" -> new PageInfo(c);
          case "edges" -> {
            List<Edge> edges = new ArrayList<>();
            for (int i = 0; i < c.nodes().size(); i++) {
              edges.add(new Edge(c.type().replace("Connection", "Edge"), c.cursors().get(i), c.nodes().get(i)));
            }
            yield edges;
          }
          default -> UNDEFINED;
        };
      } else if (value instanceof PageInfo p) {
        out = switch (name) {
          case "hasNextPage" -> p.of().hasNext();
          case "hasPreviousPage" -> p.of().hasPrevious();
          case "startCursor" -> p.of().cursors().isEmpty() ? null : p.of().cursors().get(0);
          case "endCursor" -> p.of().cursors().isEmpty() ? null : p.of().cursors().get(p.of().cursors().size() - 1);
          default -> UNDEFINED;
        };
      } else if (value instanceof Edge e) {
        out = switch (name) {
          case "cursor" -> e.cursor();
          case "node" -> e.node();
          default -> UNDEFINED;
        };
      } else if (value instanceof RateLimit r) {
        out = switch (name) {
          case "cost" -> r.cost();
          case "limit" -> r.limit();
          case "remaining" -> r.remaining();
          case "used" -> r.used();
          case "resetAt" -> JSON.date(r.resetAt());
          case "nodeCount" -> r.nodeCount();
          default -> UNDEFINED;
        };
      } else {
        out = UNDEFINED;
      }
      if (out == UNDEFINED) {
        throw new GraphQlError(true, null, "Field '" + name + "' doesn't exist on type '" + type + "'", null,
            field.getSourceLocation());
      }
      return out;
    }

    private Object root(String name, Map<String, Object> args, Field field, List<Object> path) {
      switch (name) {
        case "rateLimit":
          return rateLimit;
        case "viewer":
          return world.viewer();
        case "repository": {
          String owner = (String) args.get("owner");
          String repo = (String) args.get("name");
          return world.repo(owner, repo).map(r -> (Object) new RepoNode(r)).orElseGet(() -> notFound(field, path,
              "Could not resolve to a Repository with the name '" + owner + "/" + repo + "'."));
        }
        case "organization": {
          String login = (String) args.get("login");
          return world.org(login).map(o -> (Object) new OrgNode(o)).orElseGet(() -> notFound(field, path,
              "Could not resolve to an Organization with the login of '" + login + "'."));
        }
        case "user": {
          String login = (String) args.get("login");
          return accounts().stream().filter(u -> u.login().equalsIgnoreCase(login) && u.type().equals("User"))
              .findFirst().map(u -> (Object) u).orElseGet(() -> notFound(field, path,
                  "Could not resolve to a User with the login of '" + login + "'."));
        }
        case "node": {
          String id = (String) args.get("id");
          for (Repo r : (Iterable<Repo>) world.repos()::iterator) {
            for (PullRequest p : r.pullRequests()) {
              if (p.nodeId().equals(id)) {
                return new PrNode(r, p);
              }
            }
          }
          return accounts().stream().filter(u -> u.nodeId().equals(id)).findFirst().map(u -> (Object) u)
              .orElseGet(() -> notFound(field, path, "Could not resolve to a node with the global id of '" + id + "'"));
        }
        default:
          return UNDEFINED;
      }
    }

    private Object notFound(Field field, List<Object> path, String message) {
      errors.add(new GraphQlError(false, "NOT_FOUND", message, path, field.getSourceLocation()).json);
      return null;
    }

    private Object repository(RepoNode node, String name, Map<String, Object> args, Field field, List<Object> path) {
      Repo r = node.repo();
      return switch (name) {
        case "id" -> "R_" + r.id();
        case "databaseId" -> (int) r.id();
        case "name" -> r.name();
        case "nameWithOwner" -> r.fullName();
        case "url" -> web + "/" + r.fullName();
        case "isArchived" -> r.archived();
        case "isFork" -> r.fork();
        case "isEmpty" -> r.empty();
        case "pullRequests" -> {
          List<String> states = stringList(args.get("states"));
          Comparator<PullRequest> order = Comparator.comparing(PullRequest::createdAt);
          if (args.get("orderBy") instanceof Map<?, ?> orderBy) {
            order = Comparator.comparing("UPDATED_AT".equals(orderBy.get("field")) ? PullRequest::updatedAt
                : PullRequest::createdAt);
            order = "DESC".equals(orderBy.get("direction")) ? order.reversed() : order;
          }
          yield GraphQlPages.connection("PullRequestConnection", field, r.pullRequests().stream()
              .filter(p -> states == null || states.contains(p.state()))
              .sorted(order.thenComparing(PullRequest::number)).map(p -> new PrNode(r, p)).toList(), -1, args, path);
        }
        default -> UNDEFINED;
      };
    }

    private Object pullRequest(PrNode node, String name, Map<String, Object> args, Field field, List<Object> path) {
      PullRequest p = node.pr();
      boolean merged = p.state().equals("MERGED");
      return switch (name) {
        case "id" -> p.nodeId();
        case "databaseId" -> (int) p.id();
        case "fullDatabaseId" -> String.valueOf(p.id());
        case "number" -> p.number();
        case "title" -> p.title();
        case "body" -> p.body() == null ? "" : p.body();
        case "url", "permalink" -> prUrl(node);
        case "state" -> p.state();
        case "isDraft" -> p.draft();
        case "locked" -> p.locked();
        case "closed" -> !p.state().equals("OPEN");
        case "merged" -> merged;
        case "createdAt" -> JSON.date(p.createdAt());
        case "updatedAt" -> JSON.date(p.updatedAt());
        case "closedAt" -> JSON.date(p.closedAt());
        case "mergedAt" -> JSON.date(p.mergedAt());
        case "author" -> actor(p.author());
        case "mergedBy" -> merged ? actor(p.mergedBy()) : null;
        case "mergeCommit" -> p.mergeSha() == null ? null : new CommitNode(node.repo(), null, p.mergeSha());
        case "headRefName" -> p.headRef();
        case "headRefOid" -> p.headSha();
        case "baseRefName" -> p.baseRef();
        case "baseRefOid" -> p.baseSha();
        case "headRepository" -> p.headRepoDeleted() ? null : new RepoNode(node.repo());
        case "baseRepository", "repository" -> new RepoNode(node.repo());
        case "additions" -> p.commits().stream().mapToInt(Commit::additions).sum();
        case "deletions" -> p.commits().stream().mapToInt(Commit::deletions).sum();
        case "changedFiles" -> p.commits().size();
        case "commits" -> GraphQlPages.connection("PullRequestCommitConnection", field, p.commits().stream().limit(COMMITS_CAP)
            .map(c -> new PrCommitNode(node, c)).toList(), p.commits().size(), args, path);
        case "reviews" -> {
          List<String> states = stringList(args.get("states"));
          yield GraphQlPages.connection("PullRequestReviewConnection", field, p.reviews().stream()
              // A pending review is its author's draft: only the author sees it.
              .filter(v -> !v.state().equals("PENDING") || world.viewer().equals(v.author()))
              .filter(v -> states == null || states.contains(v.state()))
              .sorted(Comparator.comparing(Review::id)).map(v -> new ReviewNode(node, v)).toList(), -1, args, path);
        }
        case "comments" -> GraphQlPages.connection("IssueCommentConnection", field, p.comments().stream()
            .sorted(Comparator.comparing(Comment::createdAt).thenComparing(Comment::id))
            .map(c -> new CommentNode(node, c)).toList(), -1, args, path);
        default -> UNDEFINED;
      };
    }

    private Object commit(CommitNode node, String name) {
      Commit c = node.commit();
      if (name.equals("oid")) {
        return node.oid();
      }
      if (c == null) {
        // A merge commit: the data knows its sha only.
        return switch (name) {
          case "abbreviatedOid" -> node.oid().substring(0, 7);
          case "url" -> web + "/" + node.repo().fullName() + "/commit/" + node.oid();
          default -> UNDEFINED;
        };
      }
      return switch (name) {
        case "id" -> "C_" + c.sha();
        case "abbreviatedOid" -> c.sha().substring(0, 7);
        case "message" -> c.message();
        case "messageHeadline" -> c.message().lines().findFirst().orElse("");
        case "additions" -> c.additions();
        case "deletions" -> c.deletions();
        case "changedFilesIfAvailable" -> 1;
        case "authoredDate", "committedDate" -> JSON.date(c.authoredAt());
        case "url" -> web + "/" + node.repo().fullName() + "/commit/" + c.sha();
        case "author" -> new GitActorNode(c.authorName(), c.authorEmail(), c.authoredAt(), c.authorUser());
        case "committer" -> c.committerUser() == null
            ? new GitActorNode(c.authorName(), c.authorEmail(), c.authoredAt(), null)
            : new GitActorNode(c.committerUser().name(), c.committerUser().login() + "@users.noreply.github.com",
                c.authoredAt(), c.committerUser());
        default -> UNDEFINED;
      };
    }

    /** The fields each kind of account has in GitHub's schema; a Bot has no name or email. */
    private Object account(User u, String name) {
      String type = u.type();
      return switch (name) {
        case "id" -> u.nodeId();
        case "databaseId" -> (int) u.id();
        // REST shows a bot as "dependabot[bot]", GraphQL as "dependabot".
        case "login" -> type.equals("Bot") ? u.login().replace("[bot]", "") : u.login();
        case "avatarUrl" -> avatar(u.id());
        case "url", "resourcePath" -> (name.equals("url") ? web : "") + (type.equals("Bot") ? "/apps/" : "/")
            + u.login().replace("[bot]", "");
        case "name" -> type.equals("User") ? u.name() : UNDEFINED;
        // User.email is String!: "" when the address is not public; a mannequin's may be null.
        case "email" -> type.equals("User") ? Objects.requireNonNullElse(u.email(), "")
            : type.equals("Mannequin") ? u.email() : UNDEFINED;
        default -> UNDEFINED;
      };
    }

    private Object actor(User u) {
      return u != null ? u : ghostAsUser ? RestShapes.GHOST : null;
    }

    private List<User> accounts() {
      List<User> all = new ArrayList<>();
      all.add(world.viewer());
      world.orgs().forEach(o -> all.addAll(o.members()));
      world.repos().flatMap(r -> r.pullRequests().stream()).forEach(p -> {
        all.add(p.author());
        all.add(p.mergedBy());
        p.reviews().forEach(v -> all.add(v.author()));
        p.comments().forEach(c -> all.add(c.author()));
      });
      all.removeIf(Objects::isNull);
      return all;
    }
  }

  private static final Object UNDEFINED = new Object();

  private String prUrl(PrNode node) {
    return web + "/" + node.repo().fullName() + "/pull/" + node.pr().number();
  }

  private static String avatar(long id) {
    return "https://avatars.githubusercontent.com/u/" + id + "?v=4";
  }

  private static List<String> stringList(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(value));
  }

  private static List<Object> with(List<Object> path, Object key) {
    List<Object> out = new ArrayList<>(path);
    out.add(key);
    return out;
  }
}
