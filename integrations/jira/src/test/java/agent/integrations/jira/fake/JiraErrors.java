package agent.integrations.jira.fake;

import static agent.integrations.jira.fake.Json.JSON;

import agent.testkit.fake.Reply;
import java.util.LinkedHashMap;
import java.util.List;

/** Jira's error answers: {@code {"errorMessages":[...],"errors":{}}} with a status. */
final class JiraErrors {
  private JiraErrors() {}

  /** Jira's error body: {@code {"errorMessages":[...],"errors":{}}}. */
  static String body(String... messages) {
    return JSON.write(JSON.obj("errorMessages", List.of(messages), "errors", JSON.obj()));
  }

  /** Jira's error shape with {@code status}. */
  static Reply error(int status, String... messages) {
    return new Reply(status, body(messages), new LinkedHashMap<>());
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
