package agent.core.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a {@link ServiceDefinition} goes on each platform and which commands install, remove and
 * inspect it. A system service run as another user is first given the root: {@code chown -R <user> <root>}
 * and {@code chmod 600 <root>/config.json}. Pure: it plans, the caller prints and runs, so every platform can be checked anywhere.
 *
 * <ul>
 *   <li>systemd, system scope (run as root): {@code /etc/systemd/system/<name>.service}, {@code
 *       systemctl daemon-reload}, {@code systemctl enable --now}
 *   <li>systemd, user scope: {@code ~/.config/systemd/user/<name>.service} and {@code systemctl --user}
 *   <li>launchd, user scope: {@code ~/Library/LaunchAgents/<label>.plist}, {@code launchctl bootstrap gui/<uid>}
 *   <li>launchd, system scope: {@code /Library/LaunchDaemons/<label>.plist}, {@code launchctl bootstrap system}
 *   <li>procrun: {@code prunsrv //IS//<name> ...} then {@code //ES//} (start)
 * </ul>
 */
public final class ServiceInstallation {
  private final ServicePlatform platform;
  private final ServiceDefinition definition;
  private final boolean systemScope;
  private final Path userHome;
  private final String prunsrv;
  private final String uid;

  /**
   * @param systemScope systemd only: a system unit (needs root) rather than a user unit
   * @param userHome the home folder of user units and launch agents
   * @param prunsrv procrun only: the {@code prunsrv.exe} to call
   */
  public ServiceInstallation(ServicePlatform platform, ServiceDefinition definition, boolean systemScope, Path userHome,
      String prunsrv) {
    this(platform, definition, systemScope, userHome, prunsrv, currentUid());
  }

  /** @param uid launchd user scope: the user's id, for the {@code gui/<uid>} domain */
  public ServiceInstallation(ServicePlatform platform, ServiceDefinition definition, boolean systemScope, Path userHome,
      String prunsrv, String uid) {
    this.uid = uid;
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
      case LAUNCHD -> (systemScope ? Path.of("/Library/LaunchDaemons") : userHome.resolve("Library/LaunchAgents"))
          .resolve(ServiceFiles.launchdLabel(definition) + ".plist");
      case PROCRUN -> null;
    };
  }

  public ServicePlan install() {
    return switch (platform) {
      case SYSTEMD -> new ServicePlan(platform, file(), ServiceFiles.systemdUnit(definition, !systemScope),
          with(handOver(), systemctl("daemon-reload"), systemctl("enable", "--now", unitName())));
      case LAUNCHD -> new ServicePlan(platform, file(), ServiceFiles.launchdPlist(definition),
          with(handOver(), List.of("launchctl", "enable", launchdTarget()),
              List.of("launchctl", "bootstrap", launchdDomain(), file().toString())));
      case PROCRUN -> new ServicePlan(platform, null, null,
          List.of(ServiceFiles.procrunInstall(definition, prunsrv), List.of(prunsrv, "//ES//" + definition.name())));
    };
  }

  /** The commands that give a service's own account its root: none when it runs as the installer. */
  private List<List<String>> handOver() {
    if (!systemScope || definition.user() == null) {
      return List.of();
    }
    String root = definition.pinpointRoot().toString();
    return List.of(List.of("chown", "-R", definition.user(), root),
        List.of("chmod", "600", definition.pinpointRoot().resolve("config.json").toString()));
  }

  @SafeVarargs
  private static List<List<String>> with(List<List<String>> first, List<String>... rest) {
    List<List<String>> all = new ArrayList<>(first);
    all.addAll(List.of(rest));
    return all;
  }

  /** launchd's domain: {@code system} for a daemon, {@code gui/<uid>} for an agent of the logged-in user. */
  private String launchdDomain() {
    return systemScope ? "system" : "gui/" + uid;
  }

  private String launchdTarget() {
    return launchdDomain() + "/" + ServiceFiles.launchdLabel(definition);
  }

  /** Stops and unregisters the service; the caller removes {@link ServicePlan#file()} after the first command. */
  public ServicePlan uninstall() {
    return switch (platform) {
      case SYSTEMD -> new ServicePlan(platform, file(), null,
          List.of(systemctl("disable", "--now", unitName()), systemctl("daemon-reload")));
      case LAUNCHD -> new ServicePlan(platform, file(), null, List.of(List.of("launchctl", "bootout", launchdTarget())));
      case PROCRUN -> new ServicePlan(platform, null, null,
          List.of(List.of(prunsrv, "//SS//" + definition.name()), ServiceFiles.procrunUninstall(definition, prunsrv)));
    };
  }

  /** Asks the service manager what it thinks of the service (read-only). */
  public ServicePlan status() {
    return switch (platform) {
      case SYSTEMD -> new ServicePlan(platform, file(), null, List.of(systemctl("is-active", unitName())));
      case LAUNCHD -> new ServicePlan(platform, file(), null, List.of(List.of("launchctl", "print", launchdTarget())));
      case PROCRUN -> new ServicePlan(platform, null, null, List.of(List.of("sc", "query", definition.name())));
    };
  }

  /** This process's user id ("501"); "$(id -u)" where the JDK cannot tell (then the command is for a shell). */
  public static String currentUid() {
    try {
      return Long.toString(new com.sun.security.auth.module.UnixSystem().getUid());
    } catch (Throwable e) {
      return "$(id -u)";
    }
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
