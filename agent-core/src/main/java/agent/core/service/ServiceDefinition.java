package agent.core.service;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a service runs: {@code <agentHome>/bin/agent service-run --pinpoint-root=<root>}, under a
 * name, optionally as a given user, with the JDK the agent was installed with and the installer's
 * network variables.
 *
 * @param name the service's name ({@code pinpoint-agent}, see {@link #nameFor}); also the launchd label's last part
 * @param agentHome the installation folder (bin/, lib/, plugins/)
 * @param pinpointRoot the agent's data folder
 * @param javaHome the JDK to run on, or null to use the one on the PATH
 * @param user the account to run as (system services only), or null
 * @param environment variables the service gets, from {@link #carried}: never a credential
 */
public record ServiceDefinition(String name, Path agentHome, Path pinpointRoot, Path javaHome, String user,
    Map<String, String> environment) {
  public static final String DEFAULT_NAME = "pinpoint-agent";
  public static final String DESCRIPTION = "Pinpoint agent: exports engineering data to its backend";
  /** The installer's variables a service carries: its proxy and extra CA file. */
  public static final List<String> CARRIED = List.of("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY",
      "no_proxy", "AGENT_CA_FILE");

  public ServiceDefinition {
    if (!name.matches("[a-z][a-z0-9-]{0,63}")) {
      throw new IllegalArgumentException("service name must be lowercase letters, digits or '-', got \"" + name + "\"");
    }
    environment = environment == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(environment));
  }

  public ServiceDefinition(String name, Path agentHome, Path pinpointRoot, Path javaHome, String user) {
    this(name, agentHome, pinpointRoot, javaHome, user, Map.of());
  }

  /** The command the service runs, for a POSIX system. */
  public List<String> posixCommand() {
    return List.of(agentHome.resolve("bin").resolve("agent").toString(), "service-run", "--pinpoint-root=" + pinpointRoot);
  }

  /**
   * The service's name for a root: {@value #DEFAULT_NAME} for the default root, else one derived from
   * the root's path ({@code pinpoint-agent-<folder>-<8 hex of its path's SHA-256>}), so that two roots on
   * one machine are two services, and install, status and uninstall of one root always agree on it.
   */
  public static String nameFor(Path root, Path defaultRoot) {
    Path r = root.toAbsolutePath().normalize();
    if (defaultRoot != null && r.equals(defaultRoot.toAbsolutePath().normalize())) {
      return DEFAULT_NAME;
    }
    String folder = r.getFileName() == null ? "" : r.getFileName().toString().toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (folder.length() > 20) {
      folder = folder.substring(0, 20).replaceAll("-+$", "");
    }
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(r.toString().getBytes(StandardCharsets.UTF_8));
      String hex = java.util.HexFormat.of().formatHex(h, 0, 4);
      return DEFAULT_NAME + (folder.isEmpty() ? "" : "-" + folder) + "-" + hex;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The variables of {@link #CARRIED} set in {@code env}. A proxy URL loses its {@code user:password}:
   * a unit file or a plist is world-readable; a proxy with credentials belongs in config.json's
   * {@code proxy} (mode 0600), which service-run prefers anyway.
   */
  public static Map<String, String> carried(Map<String, String> env) {
    Map<String, String> out = new TreeMap<>();
    for (String k : CARRIED) {
      String v = env.get(k);
      if (v != null && !v.isBlank()) {
        out.put(k, k.toUpperCase(Locale.ROOT).endsWith("_PROXY") && !k.toUpperCase(Locale.ROOT).equals("NO_PROXY")
            ? withoutCredentials(v) : v);
      }
    }
    return out;
  }

  static String withoutCredentials(String url) {
    int scheme = url.indexOf("://");
    int at = url.indexOf('@', scheme < 0 ? 0 : scheme + 3);
    int slash = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
    if (at < 0 || (slash >= 0 && slash < at)) {
      return url;
    }
    return (scheme < 0 ? "" : url.substring(0, scheme + 3)) + url.substring(at + 1);
  }
}
