package agent.integrations.jira;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.integrations.jira.WorkDurations.Settings;
import agent.rpcdef.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Settings shaped as Atlassian documents the time-tracking endpoints of both flavours. */
class WorkDurationsTest {
  private static final long M = 60;
  private static final long H = 3600;
  private static final Settings SIX_BY_FOUR = new Settings(6, 4, "minute");

  private static JsonNode json(String singleQuoted) {
    try {
      return Json.mapper().readTree(singleQuoted.replace('\'', '"'));
    } catch (JsonProcessingException e) {
      throw new AssertionError("bad fixture: " + singleQuoted, e);
    }
  }

  private static long seconds(String text) {
    return WorkDurations.seconds(text, Settings.DEFAULT);
  }

  @Test
  void defaultIsJirasOutOfTheBoxSettings() {
    assertEquals(new Settings(8, 5, "minute"), Settings.DEFAULT);
  }

  @ParameterizedTest
  @CsvSource({
      "10s, 10",
      "30m, 1800",
      "3h, 10800",
      "1d, 28800",
      "1w, 144000",
      "1w 2d 3h 30m 10s, 214210",
      "10s 30m 3h 2d 1w, 214210",
      "2h30m, 9000",
      "1w2d, 201600",
      "'  2h   30m  ', 9000",
      "2h 30 m, 9000",
      "1H 30M, 5400",
      "1W 1D, 172800",
      "1.5h, 5400",
      "0.5d, 14400",
      ".5h, 1800",
      "0.25w, 36000",
      "1.0001s, 1",
      "0.5s, 1",
      "0.4s, 0",
      "0m, 0",
      "1h 1h, 7200",
  })
  void partsInAnyOrderSpacingAndCase(String text, long expected) {
    assertEquals(expected, seconds(text));
  }

  @Test
  void weeksAndDaysFollowTheInstanceNotAnEightHourDay() {
    // A 6-hour day and a 4-day week: 1w = 24h, 2d = 12h.
    assertEquals(36 * H, WorkDurations.seconds("1w 2d", SIX_BY_FOUR));
    assertEquals(6 * H, WorkDurations.seconds("1d", SIX_BY_FOUR));
    assertEquals(3 * H, WorkDurations.seconds("0.5d", SIX_BY_FOUR));
    assertEquals(Math.round(7.6 * 5.5 * 3600), WorkDurations.seconds("1w", new Settings(7.6, 5.5, "hour")));
    assertEquals(Math.round(7.6 * 3600 / 3), WorkDurations.seconds("0.3333333333d", new Settings(7.6, 5, "minute")));
  }

  @Test
  void hoursMinutesAndSecondsDoNotDependOnTheSettings() {
    assertEquals(3 * H + 30 * M + 10, WorkDurations.seconds("3h 30m 10s", SIX_BY_FOUR));
  }

  @ParameterizedTest
  @CsvSource({
      "minute, 90, 5400",
      "hour, 90, 324000",
      "hour, 1.5, 5400",
      "day, 2, 43200",
      "week, 1, 86400",
      "MINUTE, 0.5, 30",
  })
  void aBareNumberIsInTheDefaultUnit(String unit, String text, long expected) {
    assertEquals(expected, WorkDurations.seconds(text, new Settings(6, 4, unit)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "-1h", "-90", "1x", "1h 2x", "h", "1 h 2", "1h30", "1hh", "1.h",
      "1..5h", "1,5h", "1h, 2m", "1 week", "2 hours", "1ms", "+1h", "1e3m", "abc", "1h-30m", "∞h", "NaN"})
  void garbageIsRefusedNamingTheText(String text) {
    Settings hourly = new Settings(8, 5, "hour");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkDurations.seconds(text, hourly));
    assertTrue(e.getMessage().contains("\"" + text + "\""), e.getMessage());
  }

  @ParameterizedTest
  @NullSource
  void nullIsRefused(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> seconds(text));
    assertTrue(e.getMessage().contains("null"), e.getMessage());
  }

  @Test
  void aDurationTooLargeForALongIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> seconds("99999999999999999w"));
    assertTrue(e.getMessage().contains("99999999999999999w"), e.getMessage());
  }

  @Test
  void cloudOptionsAreRead() {
    Settings s = Settings.fromCloud(
        json("{'workingHoursPerDay':7.6,'workingDaysPerWeek':5.5,'timeFormat':'pretty','defaultUnit':'hour'}"));
    assertEquals(new Settings(7.6, 5.5, "hour"), s);
    assertEquals(Settings.DEFAULT,
        Settings.fromCloud(json("{'workingHoursPerDay':8,'workingDaysPerWeek':5,'timeFormat':'pretty','defaultUnit':'minute'}")));
  }

  @Test
  void serverConfigurationIsRead() {
    Settings s = Settings.fromServer(json("{'votingEnabled':true,'watchingEnabled':true,'unassignedIssuesAllowed':false,"
        + "'subTasksEnabled':true,'issueLinkingEnabled':true,'timeTrackingEnabled':true,'attachmentsEnabled':true,"
        + "'timeTrackingConfiguration':{'workingHoursPerDay':6.0,'workingDaysPerWeek':4.0,'timeFormat':'pretty',"
        + "'defaultUnit':'day'}}"));
    assertEquals(new Settings(6, 4, "day"), s);
    assertEquals(36 * H, WorkDurations.seconds("1w 2d", s));
    assertEquals(12 * H, WorkDurations.seconds("2", s));
  }

  @Test
  void missingOrInvalidPartsFallBackToTheDefault() {
    assertEquals(Settings.DEFAULT, Settings.fromCloud(null));
    assertEquals(Settings.DEFAULT, Settings.fromCloud(NullNode.getInstance()));
    assertEquals(Settings.DEFAULT, Settings.fromCloud(MissingNode.getInstance()));
    assertEquals(Settings.DEFAULT, Settings.fromCloud(json("{}")));
    assertEquals(Settings.DEFAULT, Settings.fromCloud(json("[1,2]")));
    assertEquals(new Settings(6, 5, "minute"), Settings.fromCloud(json("{'workingHoursPerDay':6}")));
    assertEquals(new Settings(8, 4.5, "minute"), Settings.fromCloud(json("{'workingDaysPerWeek':'4.5'}")));
    assertEquals(new Settings(8, 5, "week"), Settings.fromCloud(json("{'defaultUnit':'WEEK'}")));
    assertEquals(Settings.DEFAULT, Settings.fromCloud(
        json("{'workingHoursPerDay':0,'workingDaysPerWeek':-1,'defaultUnit':'fortnight'}")));
    assertEquals(Settings.DEFAULT, Settings.fromCloud(
        json("{'workingHoursPerDay':'eight','workingDaysPerWeek':null,'defaultUnit':7}")));

    assertEquals(Settings.DEFAULT, Settings.fromServer(null));
    assertEquals(Settings.DEFAULT, Settings.fromServer(json("{'timeTrackingEnabled':false}")));
    assertEquals(Settings.DEFAULT, Settings.fromServer(json("{'timeTrackingEnabled':true,'timeTrackingConfiguration':null}")));
    assertEquals(new Settings(7, 5, "minute"), Settings.fromServer(
        json("{'timeTrackingEnabled':true,'timeTrackingConfiguration':{'workingHoursPerDay':7.0}}")));
  }

  @Test
  void settingsRefuseNonsense() {
    assertThrows(IllegalArgumentException.class, () -> new Settings(0, 5, "minute"));
    assertThrows(IllegalArgumentException.class, () -> new Settings(8, -1, "minute"));
    assertThrows(IllegalArgumentException.class, () -> new Settings(Double.NaN, 5, "minute"));
    assertThrows(IllegalArgumentException.class, () -> new Settings(8, Double.POSITIVE_INFINITY, "minute"));
    assertThrows(IllegalArgumentException.class, () -> new Settings(8, 5, "second"));
    assertThrows(IllegalArgumentException.class, () -> new Settings(8, 5, null));
    assertEquals("hour", new Settings(8, 5, " Hour ").defaultUnit());
  }
}
