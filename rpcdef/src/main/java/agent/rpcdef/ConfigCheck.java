package agent.rpcdef;

import agent.rpcdef.ConfigSpec.Key;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a config object against a {@link ConfigSpec}, writing one sentence per problem. Keys are
 * named by their dotted path ({@code fail.crash_after_objects}) so that a nested mistake is found.
 */
final class ConfigCheck {
  /** A longer value is cut in messages: the user knows it, the message only has to point at it. */
  private static final int MAX_SHOWN = 60;

  private ConfigCheck() {}

  static void check(ConfigSpec spec, JsonNode config, String prefix, List<String> out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Key key = spec.key(e.getKey()).orElse(null);
      if (key == null) {
        out.add(unknown(spec, e.getKey(), prefix));
      } else if (!e.getValue().isNull()) {
        checkValue(key, e.getValue(), prefix + key.name(), out);
      }
    }
    for (Key k : spec.keys()) {
      JsonNode v = config.get(k.name());
      if (k.required() && (v == null || v.isNull())) {
        out.add("config key \"" + prefix + k.name() + "\" is required (" + k.type().label() + ")"
            + (k.description().isEmpty() ? "" : ": " + k.description()));
      }
    }
  }

  private static void checkValue(Key key, JsonNode v, String path, List<String> out) {
    switch (key.type()) {
      case STRING -> {
        if (!v.isTextual()) {
          out.add(wrongType(key, path, "a string", v));
        }
      }
      case BOOLEAN -> {
        if (!v.isBoolean()) {
          out.add(wrongType(key, path, "true or false", v));
        }
      }
      case INTEGER -> {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
          out.add(wrongType(key, path, "a whole number", v));
        } else if (v.asLong() < key.min() || v.asLong() > key.max()) {
          out.add("config key \"" + path + "\" must be " + range(key) + ", got " + v.asLong());
        }
      }
      case STRINGS -> {
        if (!v.isArray()) {
          out.add(wrongType(key, path, "an array of strings", v));
          return;
        }
        for (int i = 0; i < v.size(); i++) {
          if (!v.get(i).isTextual()) {
            out.add("config key \"" + path + "\" must be an array of strings, found " + shown(key, v.get(i)) + " at index " + i);
            return;
          }
        }
      }
      case OBJECT -> {
        if (!v.isObject()) {
          out.add(wrongType(key, path, "an object", v));
        } else {
          check(key.nested(), v, path + ".", out);
        }
      }
    }
  }

  private static String wrongType(Key key, String path, String expected, JsonNode got) {
    return "config key \"" + path + "\" must be " + expected + ", got " + shown(key, got);
  }

  /** The offending value, cut short; a secret's value is never repeated, only its JSON type. */
  private static String shown(Key key, JsonNode v) {
    if (key.secret()) {
      return "a " + v.getNodeType().name().toLowerCase();
    }
    String s = v.toString();
    return s.length() <= MAX_SHOWN ? s : s.substring(0, MAX_SHOWN) + "...";
  }

  private static String range(Key key) {
    if (key.max() == Long.MAX_VALUE) {
      return key.min() + " or more";
    }
    if (key.min() == Long.MIN_VALUE) {
      return key.max() + " or less";
    }
    return "between " + key.min() + " and " + key.max();
  }

  private static String unknown(ConfigSpec spec, String name, String prefix) {
    List<String> known = spec.keys().stream().map(Key::name).toList();
    String where = prefix.isEmpty() ? "" : " of \"" + prefix.substring(0, prefix.length() - 1) + "\"";
    if (known.isEmpty()) {
      return "unknown config key \"" + prefix + name + "\" (no keys are known" + where + ")";
    }
    String closest = closest(name, known);
    return "unknown config key \"" + prefix + name + "\""
        + (closest == null ? "" : "; did you mean \"" + prefix + closest + "\"?")
        + " (known keys" + where + ": " + String.join(", ", known) + ")";
  }

  /**
   * The known key a typo most likely meant: the nearest by edit distance when it is near enough, else
   * one the unknown key is a prefix of (or that is a prefix of it), as {@code crash_after} for {@code
   * crash_after_objects}; null when nothing is close.
   */
  static String closest(String unknown, List<String> known) {
    String u = unknown.toLowerCase();
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(u, k.toLowerCase());
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    if (best != null && bestDistance <= Math.max(2, u.length() / 3)) {
      return best;
    }
    if (u.length() >= 3) {
      for (String k : known) {
        String l = k.toLowerCase();
        if (l.startsWith(u) || (l.length() >= 3 && u.startsWith(l))) {
          return k;
        }
      }
    }
    return null;
  }

  /** Edit distance with adjacent transpositions (optimal string alignment): "resp" is 1 from "reps". */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
