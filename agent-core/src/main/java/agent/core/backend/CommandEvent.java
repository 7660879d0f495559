package agent.core.backend;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A status event for {@code POST /commands/{id}/events}. Build one with the factories; its {@code
 * eventId} is its idempotency key, so a re-sent event is stored once. Absent fields are left out of
 * the JSON.
 *
 * @param integrations progress: id to {@code {current, total, objects}}; completed: a list of
 *     per-integration results
 * @param result the answer of {@code validate-config} or {@code export-onboard-data}
 * @param error why a command failed: {@code {code, message}}
 */
public record CommandEvent(
    String eventId,
    String type,
    String time,
    String exportId,
    Object integrations,
    Object result,
    Map<String, String> error) {

  public static CommandEvent started() {
    return of("started", null, null, null, null);
  }

  /**
   * @param perIntegration integration id to {@code {status, current, total, objects}}: a map, or the
   *     JSON object an export's progress file holds, passed on as it is
   */
  public static CommandEvent progress(Object perIntegration) {
    return of("progress", null, perIntegration, null, null);
  }

  /** @param exportId the export whose upload follows; null for commands that export nothing */
  public static CommandEvent completed(String exportId, Object integrations, Object result) {
    return of("completed", exportId, integrations, result, null);
  }

  public static CommandEvent failed(String code, String message) {
    return of("failed", null, null, null, Map.of("code", code, "message", message));
  }

  private static CommandEvent of(
      String type, String exportId, Object integrations, Object result, Map<String, String> error) {
    return new CommandEvent(
        UUID.randomUUID().toString(), type, Instant.now().toString(), exportId, integrations, result, error);
  }
}
