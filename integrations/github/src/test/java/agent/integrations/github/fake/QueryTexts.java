package agent.integrations.github.fake;

/**
 * The integration's GraphQL queries, for tests of the fake: {@code Queries} is package-private to the
 * integration, and the fake's tests should send exactly what the integration sends.
 */
final class QueryTexts {
  private QueryTexts() {}

  static String get(String name) {
    try {
      var field = Class.forName("agent.integrations.github.Queries").getDeclaredField(name);
      field.setAccessible(true);
      return (String) field.get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("no query Queries." + name, e);
    }
  }
}
