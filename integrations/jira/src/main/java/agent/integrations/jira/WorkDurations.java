package agent.integrations.jira;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jira's duration strings ({@code 1w 2d 3h 30m 10s}, as in a worklog's {@code timeSpent} or an
 * issue's time tracking) in seconds, with the instance's time-tracking settings: a week is
 * {@code workingDaysPerWeek} days and a day {@code workingHoursPerDay} hours, never a fixed 8-hour
 * day. Stateless and thread-safe.
 */
final class WorkDurations {
  private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?|\\.\\d+");
  private static final Pattern PART = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*([wdhms])\\s*");
  private static final Pattern UNITS = Pattern.compile("minute|hour|day|week");

  private WorkDurations() {}

  /**
   * An instance's time-tracking settings.
   *
   * @param hoursPerDay the hours in a working day, positive
   * @param daysPerWeek the days in a working week, positive
   * @param defaultUnit the unit of a bare number: {@code minute}, {@code hour}, {@code day} or
   *     {@code week} (any case; stored in lower case)
   */
  record Settings(double hoursPerDay, double daysPerWeek, String defaultUnit) {
    /** Jira's out-of-the-box settings: 8 hours a day, 5 days a week, bare numbers in minutes. */
    static final Settings DEFAULT = new Settings(8, 5, "minute");

    Settings {
      if (!isPositive(hoursPerDay) || !isPositive(daysPerWeek)) {
        throw new IllegalArgumentException(
            "working hours per day and days per week must be positive: " + hoursPerDay + ", " + daysPerWeek);
      }
      defaultUnit = defaultUnit == null ? "" : defaultUnit.strip().toLowerCase(Locale.ROOT);
      if (!UNITS.matcher(defaultUnit).matches()) {
        throw new IllegalArgumentException("default unit must be minute, hour, day or week: " + defaultUnit);
      }
    }

    /**
     * From Cloud's {@code GET /rest/api/3/configuration/timetracking/options}:
     * {@code {"workingHoursPerDay":8,"workingDaysPerWeek":5,"timeFormat":"pretty","defaultUnit":"minute"}}.
     * A missing or invalid part is taken from {@link #DEFAULT}.
     */
    static Settings fromCloud(JsonNode options) {
      return from(options);
    }

    /**
     * From Server and Data Center's {@code GET /rest/api/2/configuration}, whose
     * {@code timeTrackingConfiguration} has the same four fields as Cloud's options. A missing or
     * invalid part is taken from {@link #DEFAULT}.
     */
    static Settings fromServer(JsonNode configuration) {
      return from(configuration == null ? null : configuration.path("timeTrackingConfiguration"));
    }

    private static Settings from(JsonNode options) {
      if (options == null || !options.isObject()) {
        return DEFAULT;
      }
      double hours = positive(options.path("workingHoursPerDay"), DEFAULT.hoursPerDay);
      double days = positive(options.path("workingDaysPerWeek"), DEFAULT.daysPerWeek);
      String unit = options.path("defaultUnit").asText("").strip().toLowerCase(Locale.ROOT);
      return new Settings(hours, days, UNITS.matcher(unit).matches() ? unit : DEFAULT.defaultUnit);
    }

    private static double positive(JsonNode value, double fallback) {
      double number = value.isNumber() ? value.doubleValue()
          : value.isTextual() && NUMBER.matcher(value.textValue().strip()).matches()
              ? Double.parseDouble(value.textValue().strip()) : Double.NaN;
      return isPositive(number) ? number : fallback;
    }

    private static boolean isPositive(double value) {
      return value > 0 && Double.isFinite(value);
    }

    /** Seconds in one of {@code w d h m s}. */
    double secondsPer(char unit) {
      switch (unit) {
        case 'w':
          return daysPerWeek * hoursPerDay * 3600;
        case 'd':
          return hoursPerDay * 3600;
        case 'h':
          return 3600;
        case 'm':
          return 60;
        case 's':
          return 1;
        default:
          throw new IllegalArgumentException("not a duration unit: " + unit);
      }
    }

    /** Seconds in the default unit. */
    double secondsPerDefaultUnit() {
      return secondsPer(defaultUnit.charAt(0));
    }
  }

  /**
   * The seconds in {@code text}: {@code w d h m s} parts in any subset and order, with or without
   * spaces, in any case, with decimals ({@code 1.5h}); a part given twice is added up. A bare number
   * is in the settings' default unit. Rounded to whole seconds.
   *
   * @throws IllegalArgumentException naming the text when it is not such a duration (empty,
   *     negative, an unknown unit, too large)
   */
  static long seconds(String text, Settings settings) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("not a Jira duration: " + (text == null ? "null" : "\"" + text + "\""));
    }
    String lower = text.strip().toLowerCase(Locale.ROOT);
    double total;
    if (NUMBER.matcher(lower).matches()) {
      total = Double.parseDouble(lower) * settings.secondsPerDefaultUnit();
    } else {
      total = 0;
      Matcher part = PART.matcher(lower);
      int at = 0;
      while (at < lower.length()) {
        part.region(at, lower.length());
        if (!part.lookingAt()) {
          throw invalid(text);
        }
        total += Double.parseDouble(part.group(1)) * settings.secondsPer(part.group(2).charAt(0));
        at = part.end();
      }
    }
    // Math.round would quietly saturate; a duration this long is garbage, not data.
    if (!(total < Long.MAX_VALUE)) {
      throw new IllegalArgumentException("Jira duration too large: \"" + text + "\"");
    }
    return Math.round(total);
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "not a Jira duration: \"" + text + "\" (expected parts such as 1w 2d 3h 30m 10s, or a bare number)");
  }
}
