package agent.rpcdef.model;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A point in time as exported: {@code {"epoch": ms, "offset": minutes, "rfc3339": "..."}}. The
 * offset is the UTC offset the source system recorded (a commit's author offset, for instance), in
 * minutes east of UTC.
 */
public record Date(long epoch, int offset, String rfc3339) {

  public static Date of(OffsetDateTime t) {
    return new Date(
        t.toInstant().toEpochMilli(),
        t.getOffset().getTotalSeconds() / 60,
        t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
  }

  public static Date of(Instant t) {
    return of(t.atOffset(ZoneOffset.UTC));
  }

  public static Date ofEpochMillis(long epochMs, int offsetMinutes) {
    return of(Instant.ofEpochMilli(epochMs).atOffset(ZoneOffset.ofTotalSeconds(offsetMinutes * 60)));
  }
}
