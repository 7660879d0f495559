package agent.integrations.github;

import java.util.List;

/**
 * Every GraphQL query the integration sends; a test validates each against GitHub's published schema.
 *
 * <p>Cost (GitHub's documented rule: one request per connection per parent, assuming every
 * connection fills its {@code first}, over 100, rounded): a page of {@code first} pull requests with
 * three nested connections costs {@code (1 + 3 * first) / 100} points, 2 for 50 pull requests. Review
 * comments are not nested here: under reviews they would cost a request per review of every pull
 * request ({@code first * reviews} more), while the REST repository-level list gives 100 per request
 * with {@code since}. Connections that overflow their nested page are read with the follow-up queries,
 * one pull request at a time.
 */
final class Queries {
  private Queries() {}

  /** Nested page sizes: enough for nearly every pull request in one page. */
  static final int NESTED_COMMITS = 100;
  static final int NESTED_REVIEWS = 50;
  static final int NESTED_COMMENTS = 50;

  static final String RATE_LIMIT = "rateLimit { cost limit remaining resetAt }";

  /**
   * An actor: user, bot, mannequin or organization; null for a deleted account. A mannequin's e-mail
   * (its address on the system it was imported from) is not asked for: REST does not give it, and the
   * modes must agree. (Asked as {@code email} it would not validate anyway: {@code User.email} is
   * {@code String!} and {@code Mannequin.email} {@code String}, and fields of one response name must
   * agree on nullability.)
   */
  static final String ACTOR = """
      fragment ActorFields on Actor {
        __typename
        login
        avatarUrl
        ... on User { databaseId name email }
        ... on Bot { databaseId }
        ... on Mannequin { databaseId }
        ... on Organization { databaseId name }
      }
      """;

  static final String USER = """
      fragment UserFields on User { databaseId login name email avatarUrl }
      """;

  static final String COMMIT = """
      fragment CommitFields on PullRequestCommit {
        commit {
          oid
          message
          additions
          deletions
          authoredDate
          author { date user { ...UserFields } }
          committer { user { ...UserFields } }
        }
      }
      """;

  static final String REVIEW = """
      fragment ReviewFields on PullRequestReview {
        fullDatabaseId
        state
        submittedAt
        url
        author { ...ActorFields }
      }
      """;

  static final String COMMENT = """
      fragment CommentFields on IssueComment {
        fullDatabaseId
        body
        createdAt
        updatedAt
        url
        author { ...ActorFields }
      }
      """;

  static final String PULL_REQUESTS = """
      query PullRequests($owner: String!, $name: String!, $first: Int!, $after: String) {
        %s
        repository(owner: $owner, name: $name) {
          pullRequests(first: $first, after: $after, orderBy: {field: UPDATED_AT, direction: DESC}) {
            pageInfo { hasNextPage endCursor }
            nodes {
              id
              fullDatabaseId
              number
              title
              body
              url
              state
              isDraft
              locked
              createdAt
              updatedAt
              closedAt
              mergedAt
              author { ...ActorFields }
              mergedBy { ...ActorFields }
              mergeCommit { oid }
              headRefName
              headRefOid
              baseRefName
              baseRefOid
              commits(first: %d) { totalCount pageInfo { hasNextPage endCursor } nodes { ...CommitFields } }
              reviews(first: %d, states: [APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED]) {
                totalCount pageInfo { hasNextPage endCursor } nodes { ...ReviewFields }
              }
              comments(first: %d) { totalCount pageInfo { hasNextPage endCursor } nodes { ...CommentFields } }
            }
          }
        }
      }
      """.formatted(RATE_LIMIT, NESTED_COMMITS, NESTED_REVIEWS, NESTED_COMMENTS) + ACTOR + USER + COMMIT + REVIEW + COMMENT;

  /** The commits of one pull request past its nested page. */
  static final String MORE_COMMITS = """
      query MoreCommits($id: ID!, $first: Int!, $after: String) {
        %s
        node(id: $id) {
          ... on PullRequest {
            commits(first: $first, after: $after) { pageInfo { hasNextPage endCursor } nodes { ...CommitFields } }
          }
        }
      }
      """.formatted(RATE_LIMIT) + USER + COMMIT;

  /** The reviews of one pull request past its nested page. */
  static final String MORE_REVIEWS = """
      query MoreReviews($id: ID!, $first: Int!, $after: String) {
        %s
        node(id: $id) {
          ... on PullRequest {
            reviews(first: $first, after: $after, states: [APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED]) {
              pageInfo { hasNextPage endCursor } nodes { ...ReviewFields }
            }
          }
        }
      }
      """.formatted(RATE_LIMIT) + ACTOR + REVIEW;

  /** The conversation comments of one pull request past its nested page. */
  static final String MORE_COMMENTS = """
      query MoreComments($id: ID!, $first: Int!, $after: String) {
        %s
        node(id: $id) {
          ... on PullRequest {
            comments(first: $first, after: $after) { pageInfo { hasNextPage endCursor } nodes { ...CommentFields } }
          }
        }
      }
      """.formatted(RATE_LIMIT) + ACTOR + COMMENT;

  /** An organization's members, with their names (REST lists only logins). */
  static final String MEMBERS = """
      query Members($org: String!, $first: Int!, $after: String) {
        %s
        organization(login: $org) {
          membersWithRole(first: $first, after: $after) { pageInfo { hasNextPage endCursor } nodes { ...UserFields } }
        }
      }
      """.formatted(RATE_LIMIT) + USER;

  /** All of them, for the schema test. */
  static List<String> all() {
    return List.of(PULL_REQUESTS, MORE_COMMITS, MORE_REVIEWS, MORE_COMMENTS, MEMBERS);
  }
}
