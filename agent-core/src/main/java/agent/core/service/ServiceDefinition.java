package agent.core.service;

import java.nio.file.Path;
import java.util.List;

/**
 * What a service runs: {@code <agentHome>/bin/agent service-run --pinpoint-root=<root>}, under a
 * name, optionally as a given user, with the JDK the agent was installed with.
 *
 * @param name the service's name ({@code pinpoint-agent}); also the launchd label's last part
 * @param agentHome the installation folder (bin/, lib/, plugins/)
 * @param pinpointRoot the agent's data folder
 * @param javaHome the JDK to run on, or null to use the one on the PATH
 * @param user the account to run as (system-wide systemd only), or null
 */
public record ServiceDefinition(String name, Path agentHome, Path pinpointRoot, Path javaHome, String user) {
  public static final String DEFAULT_NAME = "pinpoint-agent";
  public static final String DESCRIPTION = "Pinpoint agent: exports engineering data to its backend";

  public ServiceDefinition {
    if (!name.matches("[a-z][a-z0-9-]{0,63}")) {
      throw new IllegalArgumentException("service name must be lowercase letters, digits or '-', got \"" + name + "\"");
    }
  }

  /** The command the service runs, for a POSIX system. */
  public List<String> posixCommand() {
    return List.of(agentHome.resolve("bin").resolve("agent").toString(), "service-run", "--pinpoint-root=" + pinpointRoot);
  }
}
