package agent.integrations.github;

import java.time.Instant;

/**
 * Reads a repository's pull requests, newest-updated first, each with its children, stopping at the
 * first one last updated before {@code stopBefore} (null: read them all). Lazy: pages are fetched as
 * the caller iterates, so stopping early costs nothing more.
 */
interface PullRequestSource {
  Iterable<PullRequestData> pullRequests(RepoRef repo, Instant stopBefore);
}
