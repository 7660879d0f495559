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
      description = "system (a systemd unit in /etc/systemd/system or a launchd daemon in /Library/LaunchDaemons, needs"
          + " root) or user (systemctl --user, a launchd agent of the logged-in user); default: system when run as root,"
          + " else user.")
  String scope;

  @Option(names = "--run-as", paramLabel = "USER",
      description = "A system service's account (systemd --scope system, launchd --scope system, procrun); it must"
          + " exist, and is given the pinpoint root (chown -R) before the service starts. Default: root (LocalSystem).")
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
    if (runAs != null && p != ServicePlatform.PROCRUN && !system) {
      throw new InputException("--run-as applies to a system service only (--scope system, run as root)");
    }
    if (runAs != null && p != ServicePlatform.PROCRUN) {
      checkAccountExists(runAs);
    }
    Path home = AgentHome.resolve();
    ServiceDefinition d = new ServiceDefinition(serviceName(pinpointRoot), home, pinpointRoot,
        Path.of(System.getProperty("java.home")), runAs, ServiceDefinition.carried(System.getenv()));
    return new ServiceInstallation(p, d, system, Path.of(System.getProperty("user.home")), prunsrv(home));
  }

  /** {@code pinpoint-agent} for the default root, a name of its own for any other (two roots, two services). */
  static String serviceName(Path pinpointRoot) {
    return ServiceDefinition.nameFor(pinpointRoot, Path.of(System.getProperty("user.home"), ".pinpoint", "next"));
  }

  /** A service for an account that does not exist would fail at every start: refuse it before anything is written. */
  static void checkAccountExists(String user) {
    try {
      java.nio.file.FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(user);
    } catch (java.nio.file.attribute.UserPrincipalNotFoundException e) {
      throw new InputException("--run-as " + user + ": no such user on this machine; create it first (e.g. useradd"
          + " --system --home-dir /var/lib/pinpoint --shell /usr/sbin/nologin " + user + ") or name another");
    } catch (java.io.IOException | UnsupportedOperationException e) {
      // This platform cannot look accounts up; the service manager will say.
    }
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
