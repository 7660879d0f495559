package agent.integrations.github.fake;

import static agent.integrations.github.fake.Json.JSON;

import agent.integrations.github.fake.FakeData.Org;
import agent.integrations.github.fake.FakeData.PullRequest;
import agent.integrations.github.fake.FakeData.Repo;
import agent.integrations.github.fake.FakeData.Review;
import agent.integrations.github.fake.FakeData.User;
import agent.integrations.github.fake.FakeData.World;
import agent.testkit.fake.LinkHeader;
import agent.testkit.fake.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The REST endpoints the integration reads, answered from the {@link World} at request time, with
 * GitHub's pagination ({@code per_page} default 30, at most 100; {@code page}; a {@code Link} header).
 */
final class RestApi {
  static final String DOCS = "https://docs.github.com/rest";
  /** GitHub lists at most this many commits of a pull request. */
  static final int COMMITS_CAP = 250;

  private final World world;
  private final String api;
  private final RestShapes shapes;
  private final Map<Pattern, Route> routes;

  RestApi(World world, String api, RestShapes shapes) {
    this.world = world;
    this.api = api;
    this.shapes = shapes;
    this.routes = routes();
  }

  private interface Route {
    Reply answer(Matcher path, FakeRequest request);
  }

  private Map<Pattern, Route> routes() {
    Map<Pattern, Route> r = new LinkedHashMap<>();
    r.put(Pattern.compile("/user"), (m, q) -> Reply.json(shapes.fullUser(world.viewer())));
    r.put(Pattern.compile("/user/orgs"), (m, q) -> page(q, world.orgs().stream().map(shapes::org).toList()));
    r.put(Pattern.compile("/user/repos"), (m, q) -> page(q, world.viewerRepos().stream().map(this::repo).toList()));
    r.put(Pattern.compile("/orgs/([^/]+)"), (m, q) -> org(m.group(1)).map(o -> Reply.json(shapes.fullOrg(o)))
        .orElseGet(RestApi::notFound));
    r.put(Pattern.compile("/orgs/([^/]+)/repos"), (m, q) -> org(m.group(1))
        .map(o -> page(q, o.repos().stream().map(this::repo).toList())).orElseGet(RestApi::notFound));
    r.put(Pattern.compile("/orgs/([^/]+)/members"), (m, q) -> org(m.group(1))
        .map(o -> page(q, o.members().stream().map(shapes::user).map(JsonNode.class::cast).toList()))
        .orElseGet(RestApi::notFound));
    r.put(Pattern.compile("/users/([^/]+)"), (m, q) -> users().filter(u -> u.login().equalsIgnoreCase(m.group(1)))
        .findFirst().map(u -> Reply.json(shapes.fullUser(u))).orElseGet(RestApi::notFound));
    r.put(Pattern.compile("/repos/([^/]+)/([^/]+)"), (m, q) -> repo(m).map(x -> Reply.json(repo(x)))
        .orElseGet(RestApi::notFound));
    r.put(Pattern.compile("/repos/([^/]+)/([^/]+)/pulls"), this::pulls);
    r.put(Pattern.compile("/repos/([^/]+)/([^/]+)/pulls/comments"), this::reviewComments);
    r.put(Pattern.compile("/repos/([^/]+)/([^/]+)/pulls/(\\d+)"), (m, q) -> pull(m)
        .map(p -> Reply.json(shapes.fullPull(repo(m).orElseThrow(), repo(repo(m).orElseThrow()), p)))
        .orElseGet(RestApi::notFound));
    r.put(Pattern.compile("/repos/([^/]+)/([^/]+)/pulls/(\\d+)/commits"), (m, q) -> pull(m)
        .map(p -> page(q, p.commits().stream().limit(COMMITS_CAP)
            .map(c -> (JsonNode) shapes.commit(repo(m).orElseThrow(), c)).toList()))
        .orElseGet(RestApi::notFound));
    // A pending review is its author's draft: GitHub lists it to nobody else, and the viewer's own is no review yet.
    r.put(Pattern.compile("/repos/([^/]+)/([^/]+)/pulls/(\\d+)/reviews"), (m, q) -> pull(m)
        .map(p -> page(q, p.reviews().stream().filter(v -> !v.state().equals("PENDING"))
            .sorted(Comparator.comparing(Review::id))
            .map(v -> (JsonNode) shapes.review(repo(m).orElseThrow(), p, v)).toList()))
        .orElseGet(RestApi::notFound));
    r.put(Pattern.compile("/repos/([^/]+)/([^/]+)/issues/comments"), this::issueComments);
    return r;
  }

  Reply answer(FakeRequest request) {
    for (Map.Entry<Pattern, Route> route : routes.entrySet()) {
      Matcher m = route.getKey().matcher(request.path());
      if (m.matches()) {
        return route.getValue().answer(m, request);
      }
    }
    return notFound();
  }

  private Reply pulls(Matcher m, FakeRequest q) {
    Optional<Repo> repo = repo(m);
    if (repo.isEmpty()) {
      return notFound();
    }
    String state = q.query().getOrDefault("state", "open");
    String sort = q.query().getOrDefault("sort", "created");
    // GitHub's default direction: desc when sorting by creation (the default sort), asc otherwise.
    String direction = q.query().getOrDefault("direction", sort.equals("created") ? "desc" : "asc");
    Comparator<PullRequest> order = Comparator.comparing(sort.equals("updated") ? PullRequest::updatedAt
        : PullRequest::createdAt);
    order = direction.equals("desc") ? order.reversed() : order;
    ObjectNode repoJson = repo(repo.get());
    return page(q, repo.get().pullRequests().stream()
        .filter(p -> state.equals("all") || (state.equals("open") == p.state().equals("OPEN")))
        .sorted(order.thenComparing(PullRequest::number))
        .map(p -> (JsonNode) shapes.pull(repo.get(), repoJson, p)).toList());
  }

  private Reply reviewComments(Matcher m, FakeRequest q) {
    return comments(m, q, (repo, p) -> p.reviewComments().stream()
        .map(c -> new Dated(c.createdAt(), c.updatedAt(), c.id(), shapes.reviewComment(repo, p, c))));
  }

  private Reply issueComments(Matcher m, FakeRequest q) {
    return comments(m, q, (repo, p) -> p.comments().stream()
        .map(c -> new Dated(c.createdAt(), c.updatedAt(), c.id(), shapes.issueComment(repo, p, c))));
  }

  private record Dated(Instant created, Instant updated, long id, JsonNode json) {}

  /** A repository's comments of one kind: {@code sort} created (default) or updated, {@code direction}, {@code since}. */
  private Reply comments(Matcher m, FakeRequest q, java.util.function.BiFunction<Repo, PullRequest, Stream<Dated>> of) {
    Optional<Repo> repo = repo(m);
    if (repo.isEmpty()) {
      return notFound();
    }
    Function<Dated, Instant> key = q.query().getOrDefault("sort", "created").equals("updated") ? Dated::updated : Dated::created;
    Comparator<Dated> order = Comparator.comparing(key).thenComparing(Dated::id);
    order = q.query().getOrDefault("direction", "asc").equals("desc") ? order.reversed() : order;
    Instant since = q.query().containsKey("since") ? Instant.parse(q.query().get("since")) : Instant.MIN;
    return page(q, repo.get().pullRequests().stream().flatMap(p -> of.apply(repo.get(), p))
        .filter(d -> !d.updated().isBefore(since)).sorted(order).map(Dated::json).toList());
  }

  /** One page of {@code all} by {@code per_page} and {@code page}, with {@code Link} while more remain. */
  private Reply page(FakeRequest q, List<? extends JsonNode> all) {
    int perPage = Math.min(100, Math.max(1, intParam(q, "per_page", 30)));
    int page = Math.max(1, intParam(q, "page", 1));
    int from = Math.min(all.size(), (page - 1) * perPage);
    int to = Math.min(all.size(), from + perPage);
    int last = Math.max(1, (all.size() + perPage - 1) / perPage);
    Map<String, String> headers = new LinkedHashMap<>();
    List<String> links = new ArrayList<>();
    if (page > 1) {
      links.add(link(q, Math.min(page - 1, last), "prev"));
      links.add(link(q, 1, "first"));
    }
    if (to < all.size()) {
      links.add(link(q, page + 1, "next"));
      links.add(link(q, last, "last"));
    }
    if (!links.isEmpty()) {
      headers.put("Link", String.join(", ", links));
    }
    return new Reply(200, JSON.write(JSON.array(all.subList(from, to))), headers);
  }

  private String link(FakeRequest q, int page, String rel) {
    Map<String, String> params = new LinkedHashMap<>(q.query());
    params.put("page", String.valueOf(page));
    return LinkHeader.entry(api + q.path(), params, rel);
  }

  /** GitHub's {@code 404 Not Found}. */
  static Reply notFound() {
    return new Reply(404, JSON.write(RestShapes.error("Not Found", DOCS, 404)), new LinkedHashMap<>());
  }

  private static int intParam(FakeRequest q, String name, int fallback) {
    try {
      return q.query().containsKey(name) ? Integer.parseInt(q.query().get(name)) : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private Optional<Org> org(String login) {
    return world.org(login);
  }

  private Optional<Repo> repo(Matcher m) {
    return world.repo(m.group(1), m.group(2));
  }

  private Optional<PullRequest> pull(Matcher m) {
    int number = Integer.parseInt(m.group(3));
    return repo(m).flatMap(r -> r.pullRequests().stream().filter(p -> p.number() == number).findFirst());
  }

  private ObjectNode repo(Repo r) {
    Optional<Org> org = world.org(r.owner());
    ObjectNode owner = org.isPresent()
        ? JSON.obj("login", org.get().login(), "id", org.get().id(), "node_id", "O_" + org.get().id(), "type", "Organization")
        : shapes.user(r.owner().equalsIgnoreCase(world.viewer().login()) ? world.viewer()
            : new User(0, r.owner(), null, null, "User"));
    return shapes.repo(r, owner);
  }

  /** Every account the world mentions. */
  private Stream<User> users() {
    Stream<User> inData = world.repos().flatMap(r -> r.pullRequests().stream()).flatMap(p -> Stream.of(
        Stream.of(p.author(), p.mergedBy()),
        p.reviews().stream().map(Review::author),
        p.comments().stream().map(FakeData.Comment::author),
        p.commits().stream().flatMap(c -> Stream.of(c.authorUser(), c.committerUser()))).flatMap(s -> s));
    return Stream.of(Stream.of(world.viewer()), world.orgs().stream().flatMap(o -> o.members().stream()), inData)
        .flatMap(s -> s).filter(Objects::nonNull);
  }
}
