package agent.rpcdef;

import agent.rpcdef.http.ApiClient;
import java.time.Duration;
import java.time.Instant;

/**
 * The export an {@link Integration#export} call works on, and the host's services to it. Sessions
 * opened from here are the roots of the integration's session tree; their keys start with {@link
 * #integrationId()}.
 *
 * <p>The context is safe to use from several threads; each session is not (see {@link
 * ModelSession}). Every method that calls the host blocks for one round trip and throws {@link
 * AgentException} when the host refuses the call or cannot be reached (after a cancel, for one).
 */
public interface ExportContext extends SessionParent {

  /** The integration's id in this export (the entry's "id", or its name). */
  String integrationId();

  /** The customer the export belongs to; part of every object id. */
  String customerId();

  /** A unique id of this export run. */
  String exportId();

  /** The integration's "config" object, already checked against {@link Integration#configSpec()}. */
  Config config();

  /** True when the user asked to ignore stored tokens; sessions then start with an empty token. */
  boolean reprocessHistorical();

  /**
   * The export's clock: every wait of the integration (backoff, rate limit, polling) goes through
   * it, so that a cancel ends it. The HTTP toolkit ({@link #http()}) uses it already.
   */
  ExportClock clock();

  /** True once the host cancelled the export; stop at the next convenient point and return. */
  default boolean isCancelled() {
    return clock().isCancelled();
  }

  /** Waits on {@link #clock()}; throws {@link ExportCancelledException} as soon as the export is cancelled. */
  default void sleep(Duration duration) {
    clock().sleep(duration);
  }

  /** Waits up to {@code timeout} for a cancel; true once the export is cancelled. Never throws on a cancel. */
  default boolean awaitCancel(Duration timeout) {
    return clock().awaitCancel(timeout);
  }

  /**
   * Has the host export a git repository's history (commits and branches, with per-file statistics)
   * under {@code session}, which must be an open tracking session of this export, such as {@code
   * repo/acme/api}; the host opens its commit and branch sessions beneath it and keeps their tokens.
   * Blocks until the repository is done, which may take minutes for a large one.
   *
   * <p>For pull requests given a base ({@link GitRepo.PullRequestHead#baseSha()}) the host also
   * opens a {@code sourcecode.PullRequestCommit} session beneath {@code session} and ends it without
   * a token. The integration may hold its own {@code sourcecode.PullRequestCommit} session under the
   * same tracking session open meanwhile: two open sessions of one key are allowed, their objects go
   * to the same files, and only the integration's stages a token.
   */
  GitRepoResult exportGitRepo(TrackingSession session, GitRepo repo);

  /**
   * A fresh OAuth access token for {@code provider} ("github", "jira", ...): the backend holds the
   * refresh token, so this works only under service mode with an OAuth-enrolled integration; a local
   * export fails with an {@link IntegrationException} that says to configure a token instead.
   */
  String oauthAccessToken(String provider);

  /**
   * Tells the host the integration waits (a rate limit) until {@code resumeAt} (null if unknown); an
   * operator sees it in the export's log, progress and summary. Say it once per wait, then {@link
   * #resume()}. Waits of several threads that overlap show as one pause, which ends with the last
   * {@code resume()}; a pause never resumed ends when the export does. The HTTP toolkit does both for
   * the limits it recognizes.
   */
  void pause(String reason, Instant resumeAt);

  /** Ends the wait announced by {@link #pause}. */
  void resume();

  /** Structured logs, written to stderr as JSON lines and re-logged by the host. */
  PluginLogger log();

  /**
   * An HTTP client builder already wired to this export: its waits run on {@link #clock()} (a cancel
   * ends them), its rate-limit waits are announced with {@link #pause}/{@link #resume}, it logs to
   * {@link #log()}, and its requests are counted in this integration's request accounting (the
   * export's summary and {@code manifest.json}). Add the base URL, auth and rate-limit policy:
   *
   * <pre>{@code
   * ApiClient api = ctx.http().baseUrl(url).auth(Auth.bearer(token)).rateLimits(RateLimitPolicy.github()).build();
   * }</pre>
   */
  ApiClient.Builder http();
}
