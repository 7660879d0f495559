package agent.core.logship;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One spooled log line, one JSON object per line of a segment file. The message is already redacted
 * when a line is built by {@link LogSpool#append}.
 *
 * @param source {@code service-run}, {@code export}, ...
 * @param commandId the command the line belongs to; null for the service's own lines
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SpoolLine(
    String time,
    String level,
    String logger,
    String message,
    String integration,
    String source,
    @JsonProperty("command_id") String commandId) {}
