package agent.integrations.gitlab.fake;

import static agent.integrations.gitlab.fake.Json.JSON;

import agent.testkit.fake.Reply;
import java.util.LinkedHashMap;

/** GitLab's error answers: its own {@code {"message": ...}} and Grape's {@code {"error": ...}}. */
final class GitLabErrors {
  private static final String NO_ROUTE = error("404 Not Found");

  private GitLabErrors() {}

  /** GitLab's error body for {@code 404 Project Not Found} and friends: {@code {"message": "..."}}. */
  static String message(String message) {
    return JSON.write(JSON.obj("message", message));
  }

  /** The body Grape writes for routing errors and {@code error!}: {@code {"error": "..."}}. */
  static String error(String error) {
    return JSON.write(JSON.obj("error", error));
  }

  /** {@code 404 <what> Not Found}, e.g. {@code what} {@code Project}. */
  static Reply notFound(String what) {
    return new Reply(404, message("404 " + what + " Not Found"), new LinkedHashMap<>());
  }

  /** No route: Grape's own answer. */
  static Reply noRoute() {
    return new Reply(404, NO_ROUTE, new LinkedHashMap<>());
  }

  static boolean isNoRoute(Reply reply) {
    return reply.status() == 404 && NO_ROUTE.equals(reply.body());
  }
}
