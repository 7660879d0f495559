package agent.integrations.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import agent.integrations.github.fake.GraphQlCost;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fake's cost model against GitHub's documented examples, and what the integration's queries cost.
 * Here rather than beside {@link GraphQlCost} because {@link Queries} is package-private.
 */
class GraphQlCostTest {
  /** GitHub's worked example: 1 + 100 + 100 x 50 = 5,101 requests, 51 points. */
  private static final String DOCUMENTED = """
      query {
        viewer {
          login
          repositories(first: 100) {
            edges { node { id
              issues(first: 50) {
                edges { node { id
                  labels(first: 60) { edges { node { id name } } }
                } }
              }
            } }
          }
        }
      }
      """;

  /** GitHub's node-limit example: 50 + 50 x 20 + 50 x 20 x 10 + 50 x 20 + 50 x 20 x 10 + 10 = 22,060 nodes. */
  private static final String NODES = """
      query {
        viewer {
          repositories(first: 50) { edges { repository: node { name
            pullRequests(first: 20) { edges { pullRequest: node { title
              comments(first: 10) { edges { comment: node { bodyHTML } } } } } }
            issues(first: 20) { totalCount edges { issue: node { title bodyHTML
              comments(first: 10) { edges { comment: node { bodyHTML } } } } } }
          } } }
          followers(first: 10) { edges { follower: node { login } } }
        }
      }
      """;

  @Test
  void githubsWorkedExampleCosts5101RequestsAnd51Points() {
    GraphQlCost cost = GraphQlCost.of(DOCUMENTED, Map.of());
    assertEquals(5_101, cost.requests());
    assertEquals(51, cost.points());
  }

  @Test
  void githubsNodeLimitExampleCounts22060Nodes() {
    assertEquals(22_060, GraphQlCost.of(NODES, Map.of()).nodes());
  }

  @Test
  void aQueryWithoutConnectionsCostsTheMinimumOfOnePoint() {
    GraphQlCost cost = GraphQlCost.of("{ viewer { login } rateLimit { cost } }", Map.of());
    assertEquals(0, cost.requests());
    assertEquals(1, cost.points());
  }

  @Test
  void aPageOf50PullRequestsWithThreeNestedConnectionsCosts2Points() {
    GraphQlCost cost = GraphQlCost.of(Queries.PULL_REQUESTS, Map.of("owner", "acme", "name", "api", "first", 50));
    assertEquals(1 + 50 * 3, cost.requests());
    assertEquals(2, cost.points());
    assertEquals(50 + 50L * (Queries.NESTED_COMMITS + Queries.NESTED_REVIEWS + Queries.NESTED_COMMENTS), cost.nodes());
  }

  @Test
  void aFullPageOfPullRequestsCosts3Points() {
    assertEquals(3, GraphQlCost.of(Queries.PULL_REQUESTS, Map.of("first", 100)).points());
  }

  @Test
  void theFollowUpQueriesCostOnePoint() {
    for (String q : new String[] {Queries.MORE_COMMITS, Queries.MORE_REVIEWS, Queries.MORE_COMMENTS, Queries.MEMBERS}) {
      GraphQlCost cost = GraphQlCost.of(q, Map.of("id", "PR_1", "org", "acme", "first", 100));
      assertEquals(1, cost.requests(), q);
      assertEquals(1, cost.points(), q);
    }
  }

  @Test
  void aMissingPageSizeIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> GraphQlCost.of(Queries.MEMBERS, Map.of("org", "acme")));
  }
}
