package agent.integrations.github.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The data a {@link FakeGitHub} serves: organizations with members and repositories, repositories
 * with pull requests, pull requests with commits, reviews, conversation comments and review
 * comments. Mutable lists, so a test can change the data between two exports.
 */
public final class FakeData {
  private FakeData() {}

  /** An account; {@code type} is {@code User}, {@code Bot} or {@code Mannequin}, as GitHub's REST {@code type}. */
  public record User(long id, String login, String name, String email, String type) {
    public String nodeId() {
      return "U_" + id;
    }
  }

  public record Org(long id, String login, List<User> members, List<Repo> repos) {
    public Org(long id, String login) {
      this(id, login, new ArrayList<>(), new ArrayList<>());
    }
  }

  /** A repository; {@code empty} has no commits; {@code cloneUrl} is what REST's {@code clone_url} says. */
  public record Repo(long id, String owner, String name, boolean fork, boolean archived, boolean empty,
      String defaultBranch, String language, String description, Instant createdAt, Instant updatedAt,
      String cloneUrl, List<PullRequest> pullRequests) {
    public String fullName() {
      return owner + "/" + name;
    }
  }

  /**
   * A pull request. {@code state} is {@code OPEN}, {@code CLOSED} or {@code MERGED}; {@code author}
   * and {@code mergedBy} null for a deleted account; {@code headRepoDeleted} when the fork it came
   * from is gone.
   */
  public record PullRequest(long id, int number, String title, String body, String state, boolean draft, boolean locked,
      User author, User mergedBy, String mergeSha, String headRef, String headSha, String baseRef, String baseSha,
      boolean headRepoDeleted, Instant createdAt, Instant updatedAt, Instant closedAt, Instant mergedAt,
      List<Commit> commits, List<Review> reviews, List<Comment> comments, List<ReviewComment> reviewComments) {
    public String nodeId() {
      return "PR_" + id;
    }
  }

  /** A commit of a pull request; {@code authorUser}/{@code committerUser} null when GitHub links no account. */
  public record Commit(String sha, String message, int additions, int deletions, Instant authoredAt, String authorName,
      String authorEmail, User authorUser, User committerUser) {}

  /** A review; {@code state} as GraphQL's PullRequestReviewState, {@code PENDING} included (never listed by GitHub to others). */
  public record Review(long id, String state, User author, Instant submittedAt) {}

  /** A conversation (issue) comment. */
  public record Comment(long id, String body, User author, Instant createdAt, Instant updatedAt) {}

  /** A comment on a line of the diff, part of review {@code reviewId}. */
  public record ReviewComment(long id, long reviewId, String body, User author, Instant createdAt, Instant updatedAt,
      String path) {}

  /**
   * Everything one fake serves: the token's user (the viewer), the viewer's own repositories and the
   * organizations the viewer belongs to.
   */
  public record World(User viewer, List<Repo> viewerRepos, List<Org> orgs) {
    public Optional<Org> org(String login) {
      return orgs.stream().filter(o -> o.login().equalsIgnoreCase(login)).findFirst();
    }

    /** Every repository, the viewer's first. */
    public Stream<Repo> repos() {
      return Stream.concat(viewerRepos.stream(), orgs.stream().flatMap(o -> o.repos().stream()));
    }

    /** The repository {@code owner/name}, case-insensitive as GitHub's paths are. */
    public Optional<Repo> repo(String owner, String name) {
      return repos().filter(r -> r.owner().equalsIgnoreCase(owner) && r.name().equalsIgnoreCase(name)).findFirst();
    }

    public Repo repo(String fullName) {
      String[] parts = fullName.split("/", 2);
      return repo(parts[0], parts[1]).orElseThrow(() -> new IllegalArgumentException("no repository " + fullName));
    }
  }
}
