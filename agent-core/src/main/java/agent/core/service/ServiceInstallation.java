package agent.core.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a {@link ServiceDefinition} goes on each platform and which commands install, remove and
 * inspect it. Pure: it plans, the caller prints and runs, so every platform can be checked anywhere.
 *
 * <ul>
 *   <li>systemd, system scope (run as root): {@code /etc/systemd/system/<name>.service}, {@code
 *       systemctl daemon-reload}, {@code systemctl enable --now}
 *   <li>systemd, user scope: {@code ~/.config/systemd/user/<name>.service} and {@code systemctl --user}
 *   <li>launchd: {@code ~/Library/LaunchAgents/<label>.plist}, {@code launchctl load -w}
 *   <li>procrun: {@code prunsrv //IS//<name> ...} then {@code //ES//} (start)
 * </ul>
 */
public final class ServiceInstallation {
  private final ServicePlatform platform;
  private final ServiceDefinition definition;
  private final boolean systemScope;
  private final Path userHome;
  private final String prunsrv;

  /**
   * @param systemScope systemd only: a system unit (needs root) rather than a user unit
   * @param userHome the home folder of user units and launch agents
   * @param prunsrv procrun only: the {@code prunsrv.exe} to call
   */
  public ServiceInstallation(ServicePlatform platform, ServiceDefinition definition, boolean systemScope, Path userHome,
      String prunsrv) {
    this.platform = platform;
    this.definition = definition;
    this.systemScope = systemScope;
    this.userHome = userHome;
    this.prunsrv = prunsrv;
  }

  /** The unit or plist file; null for procrun. */
  public Path file() {
    return switch (platform) {
      case SYSTEMD -> (systemScope ? Path.of("/etc/systemd/system") : userHome.resolve(".config/systemd/user"))
          .resolve(unitName());
      case LAUNCHD -> userHome.resolve("Library/LaunchAgents").resolve(ServiceFiles.launchdLabel(definition) + ".plist");
      case PROCRUN -> null;
    };
  }

  public ServicePlan install() {
    return switch (platform) {
      case SYSTEMD -> new ServicePlan(platform, file(), ServiceFiles.systemdUnit(definition, !systemScope),
          List.of(systemctl("daemon-reload"), systemctl("enable", "--now", unitName())));
      case LAUNCHD -> new ServicePlan(platform, file(), ServiceFiles.launchdPlist(definition),
          List.of(List.of("launchctl", "load", "-w", file().toString())));
      case PROCRUN -> new ServicePlan(platform, null, null,
          List.of(ServiceFiles.procrunInstall(definition, prunsrv), List.of(prunsrv, "//ES//" + definition.name())));
    };
  }

  /** Stops and unregisters the service; the caller removes {@link ServicePlan#file()} after the first command. */
  public ServicePlan uninstall() {
    return switch (platform) {
      case SYSTEMD -> new ServicePlan(platform, file(), null,
          List.of(systemctl("disable", "--now", unitName()), systemctl("daemon-reload")));
      case LAUNCHD -> new ServicePlan(platform, file(), null, List.of(List.of("launchctl", "unload", "-w", file().toString())));
      case PROCRUN -> new ServicePlan(platform, null, null,
          List.of(List.of(prunsrv, "//SS//" + definition.name()), ServiceFiles.procrunUninstall(definition, prunsrv)));
    };
  }

  /** Asks the service manager what it thinks of the service (read-only). */
  public ServicePlan status() {
    return switch (platform) {
      case SYSTEMD -> new ServicePlan(platform, file(), null, List.of(systemctl("is-active", unitName())));
      case LAUNCHD -> new ServicePlan(platform, file(), null, List.of(List.of("launchctl", "list", ServiceFiles.launchdLabel(definition))));
      case PROCRUN -> new ServicePlan(platform, null, null, List.of(List.of("sc", "query", definition.name())));
    };
  }

  /** The name the service manager knows it by: the unit, the launchd label or the Windows service. */
  public String serviceName() {
    return switch (platform) {
      case SYSTEMD -> unitName();
      case LAUNCHD -> ServiceFiles.launchdLabel(definition);
      case PROCRUN -> definition.name();
    };
  }

  private String unitName() {
    return definition.name() + ".service";
  }

  private List<String> systemctl(String... args) {
    List<String> c = new ArrayList<>();
    c.add("systemctl");
    if (!systemScope) {
      c.add("--user");
    }
    c.addAll(List.of(args));
    return c;
  }
}
