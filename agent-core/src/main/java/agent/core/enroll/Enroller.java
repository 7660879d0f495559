package agent.core.enroll;

import agent.core.backend.BackendClient;
import agent.core.backend.BackendException;
import agent.core.backend.EnrollRequest;
import agent.core.backend.Enrollment;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exchanges an enrollment code for a device identity ({@code POST /enroll}), retrying what may
 * heal. Every attempt sends the same {@code request_id}, so an answer lost on the way back is safe
 * to ask for again: the backend hands out the same device (with a fresh key) instead of refusing
 * the used code or enrolling a second device.
 *
 * <p>Not thread-safe; one enrollment per instance call. Blocks for at most about the sum of the
 * policy's backoffs plus the client's call timeouts.
 */
public final class Enroller {
  /** Bounded retries: {@code attempts} in all, sleeping from {@code firstBackoff} doubling up to {@code maxBackoff}. */
  public record Policy(int attempts, Duration firstBackoff, Duration maxBackoff) {
    /** About 30 s of trying before giving up: long enough for a backend restart, short for a person waiting. */
    public static final Policy DEFAULT = new Policy(5, Duration.ofSeconds(1), Duration.ofSeconds(15));

    public Policy {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
      }
    }
  }

  /** How the enroller waits between attempts; tests pass one that does not sleep. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(Enroller.class);
  /** A Retry-After longer than this is not waited for by a person at a terminal. */
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

  private final BackendClient client;
  private final Policy policy;
  private final Sleeper sleeper;

  public Enroller(BackendClient client, Policy policy, Sleeper sleeper) {
    this.client = client;
    this.policy = policy;
    this.sleeper = sleeper;
  }

  /**
   * @return the identity the backend gave this device, API key included
   * @throws BackendException the terminal failure (404 unknown code, 410 used code, an untrusted
   *     certificate, ...) or, when every attempt failed on something retryable, the last one
   * @throws InterruptedException when interrupted while waiting to retry
   */
  public Enrollment enroll(String code, String channel, String agentVersion) throws BackendException, InterruptedException {
    EnrollRequest request = new EnrollRequest(code, UUID.randomUUID().toString(), hostname(), os(), arch(), agentVersion, channel);
    Duration backoff = policy.firstBackoff();
    for (int attempt = 1; ; attempt++) {
      try {
        Enrollment e = client.enroll(request);
        if (attempt > 1) {
          LOG.info("enrolled on attempt {}", attempt);
        }
        return e;
      } catch (BackendException e) {
        if (!e.retryable() || attempt >= policy.attempts()) {
          throw e;
        }
        Duration wait = e.retryAfter() != null ? min(e.retryAfter(), MAX_RETRY_AFTER) : jitter(backoff);
        if (attempt == 1) {
          LOG.warn("enrolling failed, retrying up to {} more time(s): {}", policy.attempts() - 1, e.getMessage());
        }
        sleeper.sleep(wait);
        backoff = min(backoff.multipliedBy(2), policy.maxBackoff());
      }
    }
  }

  private static Duration jitter(Duration d) {
    // 50-100 % of the backoff, so that agents enrolled by one script do not retry in step.
    long ms = d.toMillis();
    return Duration.ofMillis(ms / 2 + (ms <= 1 ? 0 : ThreadLocalRandom.current().nextLong(ms - ms / 2)));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** This machine's name, as enroll and the heartbeat send it. */
  public static String hostname() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      String env = System.getenv("HOSTNAME");
      return env == null || env.isBlank() ? "unknown" : env;
    }
  }

  /** {@code linux}, {@code darwin} or {@code windows}, as the backend API names them. */
  public static String os() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.startsWith("windows")) {
      return "windows";
    }
    if (os.startsWith("mac") || os.startsWith("darwin")) {
      return "darwin";
    }
    return os.isEmpty() ? "unknown" : os.split(" ")[0];
  }

  /** {@code amd64} or {@code arm64} (Go's names, like the original agent), else the JVM's. */
  static String arch() {
    String a = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    return switch (a) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> a;
    };
  }
}
