package agent.rpcdef.http;

import agent.rpcdef.IntegrationException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ETags of GET responses, so that the next export asks {@code If-None-Match} and a 304 answer
 * tells the integration "unchanged" without a body (and, on GitHub, without spending rate limit).
 * Only ETags are kept, not bodies, so that the cache fits in a session token or an integration's
 * state: a 304 comes back as {@link ApiResponse#notModified()} with an empty body and the integration
 * skips what it already exported. Keys are redacted URLs, so a serialized cache holds no secret.
 *
 * <p>Give it to {@link ApiClient.Builder#etagCache}; save {@link #toJson()} at the end of an export
 * and restore with {@link #fromJson(String)}. Bounded: past {@code maxEntries} the oldest entries go.
 * Thread-safe.
 */
public final class EtagCache {
  static final int VERSION = 1;
  private final int maxEntries;
  private final LinkedHashMap<String, String> etags = new LinkedHashMap<>();

  public EtagCache() {
    this(10_000);
  }

  public EtagCache(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
    }
    this.maxEntries = maxEntries;
  }

  /** The ETag last seen for {@code key}, or null. */
  synchronized String get(String key) {
    return etags.get(key);
  }

  synchronized void put(String key, String etag) {
    etags.remove(key);
    etags.put(key, etag);
    Iterator<String> oldest = etags.keySet().iterator();
    while (etags.size() > maxEntries && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
  }

  /** How many ETags are kept. */
  public synchronized int size() {
    return etags.size();
  }

  /** A compact JSON form: {@code {"v":1,"etags":{"<url>":"<etag>"}}}. */
  public synchronized String toJson() {
    ObjectNode root = ApiRequest.JSON.createObjectNode();
    root.put("v", VERSION);
    ObjectNode e = root.putObject("etags");
    etags.forEach(e::put);
    return root.toString();
  }

  /**
   * A cache from {@link #toJson()}; an empty cache for null or empty text.
   *
   * @throws IntegrationException when the text is not a cache of this version
   */
  public static EtagCache fromJson(String json) {
    EtagCache c = new EtagCache();
    if (json == null || json.isBlank()) {
      return c;
    }
    try {
      JsonNode root = ApiRequest.JSON.readTree(json);
      if (root == null || root.path("v").asInt() != VERSION || !root.path("etags").isObject()) {
        throw new IntegrationException("the saved ETag cache is not of version " + VERSION);
      }
      for (Map.Entry<String, JsonNode> e : root.get("etags").properties()) {
        c.put(e.getKey(), e.getValue().asText());
      }
      return c;
    } catch (IOException e) {
      throw new IntegrationException("the saved ETag cache is not JSON: " + e.getMessage(), e);
    }
  }
}
