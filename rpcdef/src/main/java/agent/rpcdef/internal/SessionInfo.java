package agent.rpcdef.internal;

/**
 * What the host answers to a session start.
 *
 * @param id the session's id, unique within one plugin process's export
 * @param key the session's key, e.g. {@code github/organization/acme/sourcecode.Repo}
 * @param lastProcessed the token committed under {@code key} by an earlier export; empty if none
 */
public record SessionInfo(long id, String key, String lastProcessed) {}
