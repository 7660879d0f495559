package agent.core.backend;

import java.util.List;

/** The body of {@code POST /heartbeat}. */
public record Heartbeat(
    String time,
    String agentVersion,
    String hostname,
    String os,
    long uptimeSeconds,
    List<String> runningCommands) {}
