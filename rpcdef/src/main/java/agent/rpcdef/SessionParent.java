package agent.rpcdef;

/** Something sessions can be opened under: the export itself or a tracking session. */
public interface SessionParent {

  /**
   * Opens a tracking session for an entity, e.g. {@code tracking("organization", "acme")}; its key is
   * the parent's key plus {@code /organization/acme}. Blocks for one round trip to the host.
   */
  TrackingSession tracking(String entityType, String entityId);

  /**
   * Opens a model session that sends objects of one model type, e.g. {@code
   * model("sourcecode.PullRequest")}; its key is the parent's key plus {@code /sourcecode.PullRequest}.
   * Blocks for one round trip to the host.
   */
  ModelSession model(String modelType);
}
