package agent.rpcdef.internal;

import java.util.regex.Pattern;

/**
 * The rules for session keys: {@code <integration-id>/<entity-type>/<entity-id>/.../<model-type>}.
 * Entity ids are free text (a GitHub repository is "acme/api"), so '%' and '/' in them are
 * percent-escaped; keys stay one segment per level and stable across runs.
 *
 * <p>Part of the protocol: the host applies it, and so does the SDK's fake host, so that a plugin's
 * tests see the keys a real export stores tokens under.
 */
public final class SessionKeys {
  private static final Pattern ENTITY_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Pattern MODEL_TYPE = Pattern.compile("[a-z][a-z0-9]*\\.[A-Z][A-Za-z0-9]{0,127}");

  private SessionKeys() {}

  public static String tracking(String parentKey, String entityType, String entityId) {
    if (!ENTITY_TYPE.matcher(entityType).matches()) {
      throw new IllegalArgumentException(
          "tracking session type must be lowercase letters, digits or '_' (like \"organization\"), got \"" + entityType + "\"");
    }
    if (entityId == null || entityId.isEmpty()) {
      throw new IllegalArgumentException("tracking session " + entityType + " needs an entity id");
    }
    return parentKey + "/" + entityType + "/" + escape(entityId);
  }

  public static String model(String parentKey, String modelType) {
    if (!MODEL_TYPE.matcher(modelType).matches()) {
      throw new IllegalArgumentException(
          "model type must look like \"sourcecode.PullRequest\", got \"" + modelType + "\"");
    }
    return parentKey + "/" + modelType;
  }

  public static boolean isModelType(String s) {
    return MODEL_TYPE.matcher(s).matches();
  }

  public static String escape(String s) {
    if (s.indexOf('/') < 0 && s.indexOf('%') < 0) {
      return s;
    }
    return s.replace("%", "%25").replace("/", "%2F");
  }
}
