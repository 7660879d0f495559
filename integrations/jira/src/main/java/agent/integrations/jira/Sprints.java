package agent.integrations.jira;

import agent.rpcdef.PluginLogger;
import agent.rpcdef.http.ApiRequest;
import agent.rpcdef.http.BadRequestException;
import agent.rpcdef.http.HttpException;
import agent.rpcdef.http.NotFoundException;
import agent.rpcdef.http.Pages;
import agent.rpcdef.model.work.Sprint;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sprints from Jira Software's Agile API: every board's sprints, each sprint once (a sprint shows on
 * every board that shares it). A site without Jira Software (no Agile API) has none; a kanban board
 * refuses the sprint list, which is skipped.
 */
final class Sprints {
  private Sprints() {}

  static List<Sprint> read(JiraSite site, String customerId, PluginLogger log) {
    Map<String, Sprint> byId = new LinkedHashMap<>();
    List<JsonNode> boards = new ArrayList<>();
    try {
      Pages.items(Pages.offset(site.api(), ApiRequest.get("/rest/agile/1.0/board"), "values", 50), "/values")
          .forEach(boards::add);
    } catch (NotFoundException e) {
      log.info("no Agile API on this site (Jira Software is not installed): no sprints to export");
      return List.of();
    }
    for (JsonNode b : boards) {
      String boardId = b.path("id").asText();
      try {
        for (JsonNode s : Pages.items(Pages.offset(site.api(), ApiRequest.get("/rest/agile/1.0/board/" + boardId + "/sprint"),
            "values", 50), "/values")) {
          String id = s.path("id").asText();
          byId.putIfAbsent(id, Sprint.builder().customerId(customerId).refType(JiraIntegration.REF_TYPE).refId(id)
              .boardRefId(s.hasNonNull("originBoardId") ? s.get("originBoardId").asText() : boardId)
              .name(s.path("name").asText()).goal(JiraUsers.text(s, "goal")).status(status(s.path("state").asText()))
              .startedDate(JiraDates.date(s, "startDate")).endedDate(JiraDates.date(s, "endDate"))
              .completedDate(JiraDates.date(s, "completeDate")).build());
        }
      } catch (BadRequestException e) {
        // A kanban board: "The board does not support sprints".
      } catch (HttpException e) {
        if (!(e instanceof NotFoundException)) {
          throw e;
        }
      }
    }
    return new ArrayList<>(byId.values());
  }

  private static Sprint.Status status(String state) {
    return switch (state.toLowerCase(Locale.ROOT)) {
      case "active" -> Sprint.Status.ACTIVE;
      case "closed" -> Sprint.Status.CLOSED;
      default -> Sprint.Status.FUTURE;
    };
  }
}
