package agent.devbackend;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link DevBackendServer} runs.
 *
 * @param port 0 picks a free port
 * @param dataDir where all state lives; kept across restarts
 * @param adminToken the bearer token of the {@code /admin} API
 * @param maxWait the cap on a long poll's {@code wait}
 * @param redelivery how long a delivered command waits for its first event before it is delivered
 *     again
 * @param maxFileBytes the largest file an upload may have
 */
public record DevBackendOptions(
    int port,
    Path dataDir,
    String adminToken,
    Duration maxWait,
    Duration redelivery,
    long maxFileBytes) {

  public DevBackendOptions {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(adminToken, "adminToken");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
  }

  /** The defaults of the contract: 60 s poll cap, 60 s redelivery, 1 GiB files. */
  public static DevBackendOptions defaults(int port, Path dataDir, String adminToken) {
    return new DevBackendOptions(
        port, dataDir, adminToken, Duration.ofSeconds(60), Duration.ofSeconds(60), 1L << 30);
  }
}
