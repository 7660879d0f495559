package agent.core.service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How {@code service-run} behaves; the defaults follow {@code _docs/backend-api.md}, tests shorten them.
 *
 * @param launcher {@code <agent home>/bin/agent}, run for every command's child
 * @param heartbeatInterval 30 s, jittered by ±20 %
 * @param pollWait the long poll's {@code wait}: 30 s
 * @param backoffInitial first retry delay after a failure: 1 s, doubling
 * @param backoffMax the cap of the backoff: 5 min
 * @param unauthorizedRecheck after a 401, how long until the key is tried again: 10 min
 * @param uploadAttempts retryable failures of one upload call before the round is left for later
 * @param shutdownGrace on SIGTERM, how long a running export may take to finish before it is stopped
 * @param childArgs passed through to every child, e.g. the log level
 * @param logShipInterval how often the log spool is shipped: 5 s (jittered by ±20 %), within the contract's 10 s
 * @param progressInterval at most how often a running export's progress is posted: 10 s
 */
public record ServiceSettings(
    Path pinpointRoot,
    Path launcher,
    String agentVersion,
    Duration heartbeatInterval,
    Duration pollWait,
    Duration backoffInitial,
    Duration backoffMax,
    Duration unauthorizedRecheck,
    int uploadAttempts,
    Duration shutdownGrace,
    List<String> childArgs,
    Duration logShipInterval,
    Duration progressInterval) {}
