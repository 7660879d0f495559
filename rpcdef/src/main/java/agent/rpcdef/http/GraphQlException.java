package agent.rpcdef.http;

import agent.rpcdef.IntegrationException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A GraphQL answer with {@code errors}, even under HTTP 200. The message lists the server's error
 * messages; {@link #types()} their {@code type}s ({@code NOT_FOUND}, {@code FORBIDDEN}, ...) so that
 * a caller can tell a missing object from a broken query; {@link #data()} is the partial data the
 * server still sent, if any.
 */
public class GraphQlException extends IntegrationException {
  private final List<String> types;
  private final transient JsonNode data;

  public GraphQlException(String message, List<String> types, JsonNode data) {
    super(message);
    this.types = List.copyOf(types);
    this.data = data;
  }

  /** The {@code type} of each error, in order; empty strings for errors without one. */
  public List<String> types() {
    return types;
  }

  /** The partial {@code data} of the answer; a missing node when there was none. */
  public JsonNode data() {
    return data;
  }
}
