package agent.integrations.mock;

/**
 * The words the mock source builds its names and texts from. Picking from fixed lists by index keeps
 * the data deterministic and the per-object cost at a few array reads and concatenations.
 */
final class Vocabulary {
  private Vocabulary() {}

  static final String[] ORGANIZATIONS = {
    "acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne", "tyrell", "cyberdyne", "soylent"
  };

  static final String[] REPOSITORIES = {
    "api", "web", "billing", "auth-service", "mobile-app", "infra", "docs", "data-pipeline", "search",
    "notifications", "payments", "design-system"
  };

  static final String[] LANGUAGES = {"Go", "Java", "TypeScript", "Python", "Kotlin", "Ruby", "Rust"};

  static final String[] REPO_DESCRIPTIONS = {
    "Public REST and GraphQL API", "Customer-facing web application", "Invoicing and subscription billing",
    "Authentication and single sign-on", "iOS and Android app", "Terraform and Kubernetes configuration",
    "Developer documentation", "Batch and streaming data jobs", "Search indexing and query service",
    "E-mail, push and in-app notifications", "Payment processing", "Shared UI components"
  };

  static final String[] FIRST_NAMES = {
    "Ada", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Frances", "Guido", "Radia", "Tim",
    "Sophie", "Donald", "Hedy", "John", "Katherine"
  };

  static final String[] LAST_NAMES = {
    "Lovelace", "Hopper", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Thompson", "Allen", "Rossum",
    "Perlman", "Lee", "Wilson", "Knuth", "Lamarr", "Backus", "Johnson"
  };

  static final String[] BOTS = {"dependabot", "renovate", "ci-runner", "release-bot"};

  /** Title verbs and the branch prefix that goes with each. */
  static final String[] VERBS = {"Fix", "Add", "Refactor", "Remove", "Update", "Speed up", "Document", "Simplify"};

  /** The verbs as a description starts with them. */
  static final String[] VERBS_THIRD_PERSON = {
    "Fixes ", "Adds ", "Refactors ", "Removes ", "Updates ", "Speeds up ", "Documents ", "Simplifies "
  };

  static final String[] BRANCH_PREFIXES = {"fix/", "feature/", "refactor/", "chore/", "chore/", "perf/", "docs/", "refactor/"};

  /** Title subjects and the branch slug that goes with each. */
  static final String[] SUBJECTS = {
    "the retry queue", "the flaky login test", "audit log pagination", "webhook rate limiting",
    "invoice PDF rendering", "timezone handling in reports", "the session cache", "dashboard queries",
    "the CSV export of orders", "failed payment retries", "the search index rebuild", "signup error messages",
    "the worker pool shutdown", "OAuth token refresh", "Kubernetes health checks", "the feature flag client"
  };

  static final String[] SLUGS = {
    "retry-queue", "login-test", "audit-log-paging", "webhook-rate-limit", "invoice-pdf", "report-timezones",
    "session-cache", "dashboard-queries", "orders-csv", "payment-retries", "search-reindex", "signup-errors",
    "worker-shutdown", "oauth-refresh", "k8s-health", "flag-client"
  };

  static final String[] DESCRIPTIONS = {
    " Tested locally and on staging.", " Adds unit tests for the edge cases.", " No migration needed.",
    " Behind the new_flow feature flag.", " Follow-up to the incident review.", " Benchmarks attached below."
  };

  static final String[] TICKETS = {"ENG", "OPS", "BILL", "WEB"};

  static final String[] COMMENTS = {
    "LGTM, one nit inline.", "Could we add a test for the empty case?", "Nice cleanup, thanks!",
    "Does this need a migration?", "Please rebase on main.", "Can we log the retry count here?",
    "I'd rather keep the old name for now.", "Shipping it."
  };

  static final String[] FOLLOW_UP_COMMITS = {
    "Address review comments", "Add tests", "Fix lint", "Rename variables", "Update changelog"
  };

  /** UTC offsets, in minutes, that commit authors work in. */
  static final int[] OFFSETS = {0, 60, 120, -300, -420, 330, 540};
}
