package agent.integrations.jira.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the fake answers to one request, before the headers every response carries. */
record Reply(int status, String body, Map<String, String> headers) {
  static Reply json(JsonNode body) {
    return new Reply(200, Json.write(body), new LinkedHashMap<>());
  }

  /** Jira's error shape with {@code status}. */
  static Reply error(int status, String... messages) {
    return new Reply(status, Json.errors(messages), new LinkedHashMap<>());
  }

  static Reply notFound(String message) {
    return error(404, message);
  }

  /** What Jira answers for an issue that is gone or hidden. */
  static Reply noIssue() {
    return error(404, "Issue does not exist or you do not have permission to see it.");
  }

  /** A JQL Jira cannot run: 400, the message prefixed as Jira's parser does. */
  static Reply badJql(String message) {
    return error(400, "Error in the JQL Query: " + message);
  }
}
