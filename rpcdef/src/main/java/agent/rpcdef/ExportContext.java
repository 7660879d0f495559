package agent.rpcdef;

/**
 * The export an {@link Integration#export} call works on. Sessions opened from here are the roots
 * of the integration's session tree; their keys start with {@link #integrationId()}.
 *
 * <p>The context itself is safe to use from several threads; each session is not (see {@link
 * ModelSession}).
 */
public interface ExportContext extends SessionParent {

  /** The integration's id in this export (the entry's "id", or its name). */
  String integrationId();

  /** The customer the export belongs to; part of every object id. */
  String customerId();

  /** A unique id of this export run. */
  String exportId();

  /** The integration's "config" object. */
  Config config();

  /** True when the user asked to ignore stored tokens; sessions then start with an empty token. */
  boolean reprocessHistorical();

  /** True once the host cancelled the export; stop at the next convenient point and return. */
  boolean isCancelled();

  /** The raw callbacks into the host, for what sessions do not cover (git, OAuth, pause). */
  Agent agent();

  /** Structured logs, written to stderr as JSON lines and re-logged by the host. */
  PluginLogger log();
}
