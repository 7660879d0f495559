package agent.core.service;

import agent.core.fs.PinpointRoot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the files and commands that install a {@link ServiceDefinition}. Pure text: nothing here
 * touches the system, so every platform's output can be checked on any machine.
 */
public final class ServiceFiles {
  private ServiceFiles() {}

  /**
   * A systemd unit. It restarts the agent 10 s after an exit, except after {@value #CONFIG_EXIT} (not enrolled,
   * config.json unusable: only an operator fixes that, so a restart loop would only fill the journal), and
   * gives service-run 120 s after SIGTERM to finish the running command before systemd kills it. A system
   * unit is sandboxed: no new privileges, a private /tmp, the file system read-only but for the root.
   *
   * @param userUnit true for {@code systemctl --user} (no User=, no file-system sandbox, wanted by default.target)
   */
  public static String systemdUnit(ServiceDefinition d, boolean userUnit) {
    StringBuilder b = new StringBuilder();
    b.append("# Installed by 'agent service install'. Remove with 'agent service uninstall'.\n");
    b.append("[Unit]\n");
    b.append("Description=").append(ServiceDefinition.DESCRIPTION).append(" (").append(systemdQuote(d.pinpointRoot().toString()))
        .append(")\n");
    b.append("After=network-online.target\n");
    b.append("Wants=network-online.target\n\n");
    b.append("[Service]\n");
    b.append("Type=simple\n");
    b.append("ExecStart=").append(systemdCommandLine(d.posixCommand())).append('\n');
    if (d.javaHome() != null) {
      b.append("Environment=").append(systemdQuote("JAVA_HOME=" + d.javaHome())).append('\n');
    }
    d.environment().forEach((k, v) -> b.append("Environment=").append(systemdQuote(k + "=" + v)).append('\n'));
    if (!userUnit && d.user() != null) {
      b.append("User=").append(d.user()).append('\n');
    }
    b.append("Restart=always\n");
    b.append("RestartSec=10\n");
    b.append("RestartPreventExitStatus=").append(CONFIG_EXIT).append('\n');
    b.append("KillSignal=SIGTERM\n");
    // SIGTERM to service-run alone, which gives a running export its grace; the default (the whole
    // cgroup at once) would stop the export at the first signal. What is left at the timeout is killed.
    b.append("KillMode=mixed\n");
    b.append("TimeoutStopSec=120\n");
    b.append("UMask=0077\n");
    b.append("NoNewPrivileges=yes\n");
    if (!userUnit) {
      b.append("PrivateTmp=yes\n");
      b.append("ProtectSystem=strict\n");
      b.append("ReadWritePaths=").append(systemdQuote(d.pinpointRoot().toString())).append('\n');
      // A root (or the agent, or its JDK) under a home folder needs the homes readable; the root itself
      // stays writable through ReadWritePaths.
      b.append("ProtectHome=").append(underHome(d) ? "read-only" : "yes").append('\n');
    }
    b.append("\n[Install]\n");
    b.append("WantedBy=").append(userUnit ? "default.target" : "multi-user.target").append('\n');
    return b.toString();
  }

  /** service-run's exit code for "not enrolled, config.json unusable, bad options": restarting cannot help. */
  public static final int CONFIG_EXIT = 2;

  private static boolean underHome(ServiceDefinition d) {
    for (Path p : new Path[] {d.pinpointRoot(), d.agentHome(), d.javaHome()}) {
      if (p == null) {
        continue;
      }
      String s = p.toAbsolutePath().normalize().toString();
      if (s.equals("/home") || s.startsWith("/home/") || s.equals("/root") || s.startsWith("/root/")
          || s.startsWith("/run/user/")) {
        return true;
      }
    }
    return false;
  }

  /**
   * A launchd property list: started at load, kept alive, its output in the root's logs/. A system daemon
   * (/Library/LaunchDaemons) runs as {@code UserName} when the definition names a user.
   */
  public static String launchdPlist(ServiceDefinition d) {
    StringBuilder b = new StringBuilder();
    b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    b.append("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n");
    b.append("<plist version=\"1.0\">\n<dict>\n");
    key(b, "Label", launchdLabel(d));
    b.append("  <key>ProgramArguments</key>\n  <array>\n");
    for (String a : d.posixCommand()) {
      b.append("    <string>").append(xml(a)).append("</string>\n");
    }
    b.append("  </array>\n");
    if (d.javaHome() != null || !d.environment().isEmpty()) {
      b.append("  <key>EnvironmentVariables</key>\n  <dict>\n");
      if (d.javaHome() != null) {
        b.append("    <key>JAVA_HOME</key>\n    <string>").append(xml(d.javaHome().toString())).append("</string>\n");
      }
      d.environment().forEach((k, v) -> b.append("    <key>").append(xml(k)).append("</key>\n    <string>").append(xml(v))
          .append("</string>\n"));
      b.append("  </dict>\n");
    }
    if (d.user() != null) {
      key(b, "UserName", d.user());
    }
    b.append("  <key>RunAtLoad</key>\n  <true/>\n");
    // launchd cannot spare one exit code from KeepAlive; at least a failing start is retried every 10 s, not at once.
    b.append("  <key>ThrottleInterval</key>\n  <integer>10</integer>\n");
    b.append("  <key>Umask</key>\n  <integer>63</integer>\n");
    b.append("  <key>KeepAlive</key>\n  <true/>\n");
    b.append("  <key>ExitTimeOut</key>\n  <integer>120</integer>\n");
    key(b, "StandardOutPath", PinpointRoot.of(d.pinpointRoot()).serviceStdout().toString());
    key(b, "StandardErrorPath", PinpointRoot.of(d.pinpointRoot()).serviceStderr().toString());
    b.append("</dict>\n</plist>\n");
    return b.toString();
  }

  public static String launchdLabel(ServiceDefinition d) {
    return "dev.agent." + d.name();
  }

  /**
   * The {@code prunsrv.exe} arguments that register the service on Windows: it runs {@code
   * bin\agent.cmd service-run} as an executable and stops it with {@code bin\agent.cmd service-stop}
   * (a Windows service gets no SIGTERM).
   */
  public static List<String> procrunInstall(ServiceDefinition d, String prunsrv) {
    String agentCmd = d.agentHome().resolve("bin").resolve("agent.cmd").toString();
    List<String> a = new ArrayList<>();
    a.add(prunsrv);
    a.add("//IS//" + d.name());
    a.add("--DisplayName=" + ServiceDefinition.DESCRIPTION);
    a.add("--Startup=auto");
    a.add("--StartMode=exe");
    a.add("--StartImage=" + agentCmd);
    a.add("--StartParams=service-run;--pinpoint-root=" + d.pinpointRoot());
    a.add("--StopMode=exe");
    a.add("--StopImage=" + agentCmd);
    a.add("--StopParams=service-stop;--pinpoint-root=" + d.pinpointRoot());
    a.add("--StopTimeout=120");
    a.add("--LogPath=" + PinpointRoot.of(d.pinpointRoot()).logsDir());
    a.add("--LogPrefix=procrun");
    // service-run's own stdout and stderr, which a Windows service would otherwise lose.
    a.add("--StdOutput=" + PinpointRoot.of(d.pinpointRoot()).serviceStdout());
    a.add("--StdError=" + PinpointRoot.of(d.pinpointRoot()).serviceStderr());
    if (d.user() != null) {
      a.add("--ServiceUser=" + d.user());
    }
    if (d.javaHome() != null) {
      a.add("++Environment=JAVA_HOME=" + d.javaHome());
    }
    d.environment().forEach((k, v) -> a.add("++Environment=" + k + "=" + v));
    return a;
  }

  public static List<String> procrunUninstall(ServiceDefinition d, String prunsrv) {
    return List.of(prunsrv, "//DS//" + d.name());
  }

  /** systemd's ExecStart quoting: arguments with spaces, quotes or backslashes in double quotes. */
  static String systemdCommandLine(List<String> args) {
    List<String> out = new ArrayList<>();
    for (String a : args) {
      out.add(systemdQuote(a));
    }
    return String.join(" ", out);
  }

  static String systemdQuote(String a) {
    // '%' starts a specifier and '$' a variable in systemd, quoted or not: both are doubled.
    String escaped = a.replace("%", "%%").replace("$", "$$");
    if (escaped.matches("[A-Za-z0-9_@%$+=:,./-]+")) {
      return escaped;
    }
    return "\"" + escaped.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static void key(StringBuilder b, String key, String value) {
    b.append("  <key>").append(key).append("</key>\n  <string>").append(xml(value)).append("</string>\n");
  }

  static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
