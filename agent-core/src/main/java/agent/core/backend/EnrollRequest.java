package agent.core.backend;

/**
 * The body of {@code POST /enroll}.
 *
 * @param requestId a random id kept across retries of this enrollment: a retry after a lost answer
 *     gets the same device
 */
public record EnrollRequest(
    String code,
    String requestId,
    String hostname,
    String os,
    String arch,
    String agentVersion,
    String channel) {}
