package agent.rpcdef;

/**
 * What a plugin implements: one integration (GitHub, Jira, a local git repository, ...).
 *
 * <p>The host calls at most one of these methods at a time per plugin process, each on a thread of
 * its own; an implementation needs no locking of its own state between calls. A call may block for
 * as long as the work takes. When the host cancels (timeout, shutdown, operator cancel), {@link
 * ExportContext#isCancelled()} turns true, every wait on {@link ExportContext#clock()} ends with an
 * {@link ExportCancelledException}, and further calls to the host fail; an implementation should
 * return promptly, and the host kills the process if it does not.
 *
 * <p>Errors: throw {@link ConfigException} for a configuration the user must fix (reported as such,
 * never retried), {@link IntegrationException} for anything else worth a clear sentence. Any other
 * exception is reported with its class and message and logged with its stack trace.
 *
 * <p>Serve it with {@link PluginMain#serve(Integration)}; test it with {@link
 * agent.rpcdef.testing.IntegrationHarness}.
 */
public interface Integration {

  /**
   * The config keys this integration accepts. Called once, at Init, from any thread; return the
   * same spec every time (a constant is best). The SDK checks every config against it before {@link
   * #export}, {@link #validate} and {@link #onboard}, so those see only a config that fits: no
   * unknown key, every value of its declared type and range, every required key present. The host
   * masks the values of keys declared {@link ConfigSpec.Builder#secret secret} in its logs.
   */
  ConfigSpec configSpec();

  /**
   * Exports everything new since the last export. Objects go out through sessions opened on {@code
   * ctx} ({@link ExportContext#tracking}, {@link ExportContext#model}); a session's {@code done(token)}
   * stages the token that the next export's session of the same key starts from.
   *
   * <p>Returning normally marks the integration successful; throwing marks it failed, and then none
   * of its staged tokens is committed.
   */
  void export(ExportContext ctx) throws Exception;

  /**
   * Checks that {@code config} can work: credentials accepted, sources reachable. A config that does
   * not fit {@link #configSpec()} never gets here: the SDK answers with a failed result naming the
   * keys. Returns a failed result with human-readable errors rather than throwing for problems the
   * user can fix. Must not send any objects.
   */
  ValidationResult validate(Config config) throws Exception;

  /**
   * Returns the records an admin UI needs to choose what to export, for {@code objectType} "users",
   * "repos", "projects" or "workconfig". Throws {@link ConfigException} for an object type the
   * integration does not support.
   *
   * @param customerId the agent's customer id, part of every record's {@code id}: build the records
   *     with it, as {@link ExportContext#customerId()} in an export, so that they carry the same ids
   *     as the exported objects
   */
  java.util.List<?> onboard(Config config, String objectType, String customerId) throws Exception;
}
