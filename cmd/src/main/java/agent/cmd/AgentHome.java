package agent.cmd;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the agent is installed: {@code bin/}, {@code lib/}, {@code plugins/}. The launcher sets the
 * {@code agent.home} system property; without it (tests, IDE) it is the folder above the jar.
 */
final class AgentHome {
  private AgentHome() {}

  static Path resolve() {
    String prop = System.getProperty("agent.home");
    if (prop != null && !prop.isEmpty()) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    try {
      Path jar = Path.of(AgentHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path home = Files.isRegularFile(jar) ? jar.getParent().getParent() : jar.getParent();
      return home.toAbsolutePath().normalize();
    } catch (URISyntaxException | RuntimeException e) {
      return Path.of(".").toAbsolutePath().normalize();
    }
  }
}
