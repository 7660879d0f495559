package agent.integrations.jira.fake;

import static agent.integrations.jira.fake.Json.JSON;

import agent.integrations.jira.fake.JiraData.Board;
import agent.integrations.jira.fake.JiraData.Project;
import agent.integrations.jira.fake.JiraData.Sprint;
import agent.testkit.fake.Reply;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jira Software's Agile REST API, {@code /rest/agile/1.0}, the same for both flavours: boards (filtered
 * by {@code projectKeyOrId} and {@code type}) and a board's sprints (filtered by {@code state}), pages of
 * at most {@value #PAGE} by {@code startAt}; a kanban board's sprint list is 400, as Jira answers it.
 */
final class AgileApi {
  static final String PREFIX = "/rest/agile/1.0";
  static final int PAGE = 50;
  private static final Pattern BOARD = Pattern.compile("/board/(\\d+)(/sprint)?");

  private final JiraData data;
  private final String agile;

  AgileApi(JiraData data, String site) {
    this.data = data;
    this.agile = site + PREFIX;
  }

  /** The answer for {@code path} (below {@link #PREFIX}), or null when it is not one of these endpoints. */
  Reply answer(String path, FakeRequest r) {
    if (!r.method().equals("GET")) {
      return null;
    }
    if (path.equals("/board")) {
      String project = r.param("projectKeyOrId");
      String type = r.param("type");
      List<Board> boards = data.boards().stream()
          .filter(b -> data.visibleProject(b.projectKey()).isPresent())
          .filter(b -> project == null || data.project(project).map(p -> p.key().equals(b.projectKey())).orElse(false))
          .filter(b -> type == null || type.equals(b.type())).toList();
      return page(r, boards, true, this::board);
    }
    Matcher m = BOARD.matcher(path);
    if (!m.matches()) {
      return null;
    }
    Board board = data.board(Long.parseLong(m.group(1))).filter(b -> data.visibleProject(b.projectKey()).isPresent())
        .orElse(null);
    if (board == null) {
      return JiraErrors.notFound("The requested board cannot be viewed because it either does not exist or you do not "
          + "have permission to view it.");
    }
    if (m.group(2) == null) {
      return Reply.json(board(board));
    }
    if (!board.type().equals("scrum")) {
      return JiraErrors.error(400, "The board does not support sprints");
    }
    List<String> states = r.params("state");
    List<Sprint> sprints = data.sprints().stream().filter(s -> s.originBoardId() == board.id())
        .filter(s -> states.isEmpty() || states.contains(s.state())).toList();
    return page(r, sprints, false, this::sprint);
  }

  private <T> Reply page(FakeRequest r, List<T> all, boolean total, java.util.function.Function<T, ObjectNode> shape) {
    int startAt = r.intParam("startAt", 0);
    int maxResults = r.intParam("maxResults", PAGE);
    if (startAt < 0 || maxResults < 0) {
      return JiraErrors.error(400, "startAt and maxResults must not be negative.");
    }
    maxResults = Math.min(maxResults, PAGE);
    List<T> page = all.subList(Math.min(startAt, all.size()), Math.min(startAt + maxResults, all.size()));
    return Reply.json(JSON.obj("maxResults", maxResults, "startAt", startAt, "total", total ? all.size() : null,
        "isLast", startAt + page.size() >= all.size(), "values", page.stream().map(shape).toList()));
  }

  private ObjectNode board(Board b) {
    Project p = data.project(b.projectKey()).orElseThrow();
    return JSON.obj("id", b.id(), "self", agile + "/board/" + b.id(), "name", b.name(), "type", b.type(),
        "location", JSON.obj("projectId", Long.parseLong(p.id()), "displayName", p.name() + " (" + p.key() + ")",
            "projectName", p.name(), "projectKey", p.key(), "projectTypeKey", p.projectTypeKey(), "name",
            p.name() + " (" + p.key() + ")"));
  }

  private ObjectNode sprint(Sprint s) {
    return JSON.obj("id", s.id(), "self", agile + "/sprint/" + s.id(), "state", s.state(), "name", s.name(),
        "startDate", Json.agileTime(s.startDate()), "endDate", Json.agileTime(s.endDate()),
        "completeDate", Json.agileTime(s.completeDate()), "originBoardId", s.originBoardId(), "goal",
        s.goal() == null ? "" : s.goal());
  }
}
