package agent.cmd;

import agent.core.config.InputException;
import agent.core.service.ServiceDefinition;
import agent.core.service.ServiceInstallation;
import agent.core.service.ServicePlanRunner;
import agent.core.service.ServicePlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Which service manager, scope and account an OS service is installed with. */
final class ServiceOptions {
  @Option(names = "--platform", paramLabel = "PLATFORM",
      description = "systemd, launchd or procrun (default: this machine's).")
  String platform;

  @Option(names = "--scope", paramLabel = "SCOPE",
      description = "systemd: system (a unit in /etc/systemd/system, needs root) or user (systemctl --user); "
          + "default: system when run as root, else user.")
  String scope;

  @Option(names = "--run-as", paramLabel = "USER",
      description = "systemd system scope: the account the service runs as (default: root).")
  String runAs;

  @Option(names = "--prunsrv", paramLabel = "EXE",
      description = "procrun: the prunsrv.exe of Apache Commons Daemon (default: <agent home>\\bin\\prunsrv.exe if present, else prunsrv.exe on the PATH).")
  String prunsrv;

  ServicePlatform platform() {
    if (platform == null) {
      return ServicePlatform.current();
    }
    try {
      return ServicePlatform.valueOf(platform.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InputException("--platform must be systemd, launchd or procrun, got \"" + platform + "\"");
    }
  }

  boolean systemScope() {
    if (scope == null) {
      return "root".equals(System.getProperty("user.name"));
    }
    return switch (scope) {
      case "system" -> true;
      case "user" -> false;
      default -> throw new InputException("--scope must be system or user, got \"" + scope + "\"");
    };
  }

  /**
   * The service of this installation (the distribution's real home, this JVM's JDK) for the given
   * data folder. Bad options throw {@code InputException}; nothing is touched.
   */
  ServiceInstallation installation(Path pinpointRoot) {
    ServicePlatform p = platform();
    boolean system = systemScope();
    if (runAs != null && (p != ServicePlatform.SYSTEMD || !system)) {
      throw new InputException("--run-as applies to a systemd system service only (--platform systemd --scope system)");
    }
    Path home = AgentHome.resolve();
    ServiceDefinition d = new ServiceDefinition(ServiceDefinition.DEFAULT_NAME, home, pinpointRoot,
        Path.of(System.getProperty("java.home")), runAs);
    return new ServiceInstallation(p, d, system, Path.of(System.getProperty("user.home")), prunsrv(home));
  }

  private String prunsrv(Path home) {
    if (prunsrv != null) {
      return prunsrv;
    }
    Path shipped = home.resolve("bin").resolve("prunsrv.exe");
    return Files.exists(shipped) ? shipped.toString() : "prunsrv.exe";
  }

  /** What a person types to run the agent in the foreground. */
  static String foregroundCommand(Path pinpointRoot) {
    ServiceDefinition d = new ServiceDefinition(ServiceDefinition.DEFAULT_NAME, AgentHome.resolve(), pinpointRoot, null, null);
    return ServicePlanRunner.display(d.posixCommand());
  }
}
