package agent.core.service;

import java.util.Locale;

/** The service managers the agent installs itself into. */
public enum ServicePlatform {
  /** Linux: a systemd unit. */
  SYSTEMD,
  /** macOS: a launchd property list. */
  LAUNCHD,
  /** Windows: a service registered with Apache Commons Daemon's procrun ({@code prunsrv.exe}). */
  PROCRUN;

  /** The platform of this machine, from {@code os.name}. */
  public static ServicePlatform current() {
    return of(System.getProperty("os.name", ""));
  }

  static ServicePlatform of(String osName) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("windows")) {
      return PROCRUN;
    }
    if (os.startsWith("mac") || os.startsWith("darwin")) {
      return LAUNCHD;
    }
    return SYSTEMD;
  }
}
