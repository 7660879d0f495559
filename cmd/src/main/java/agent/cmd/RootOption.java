package agent.cmd;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --pinpoint-root}: the agent's data folder, for commands that need nothing else of {@link CommonOptions}. */
final class RootOption {
  static final String DEFAULT = "${user.home}/.pinpoint/next";
  static final String DESCRIPTION = "The agent's data folder: config.json, state, exports, logs (default: ${DEFAULT-VALUE}).";

  @Option(names = "--pinpoint-root", paramLabel = "DIR", description = DESCRIPTION, defaultValue = DEFAULT)
  Path pinpointRoot;

  /** Where the root came from, for {@code config show}: {@code --pinpoint-root} or {@code default}. */
  String source() {
    return path().equals(Path.of(System.getProperty("user.home"), ".pinpoint", "next").toAbsolutePath().normalize())
        ? "default" : "--pinpoint-root";
  }

  Path path() {
    return pinpointRoot.toAbsolutePath().normalize();
  }
}
