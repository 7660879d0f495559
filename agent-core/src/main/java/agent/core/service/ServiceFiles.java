package agent.core.service;

import agent.core.fs.PinpointRoot;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the files and commands that install a {@link ServiceDefinition}. Pure text: nothing here
 * touches the system, so every platform's output can be checked on any machine.
 */
public final class ServiceFiles {
  private ServiceFiles() {}

  /**
   * A systemd unit. It restarts the agent 10 s after any exit, and gives service-run 120 s after
   * SIGTERM to finish the running command before systemd kills it.
   *
   * @param userUnit true for {@code systemctl --user} (no User=, wanted by default.target)
   */
  public static String systemdUnit(ServiceDefinition d, boolean userUnit) {
    StringBuilder b = new StringBuilder();
    b.append("# Installed by 'agent service install'. Remove with 'agent service uninstall'.\n");
    b.append("[Unit]\n");
    b.append("Description=").append(ServiceDefinition.DESCRIPTION).append('\n');
    b.append("After=network-online.target\n");
    b.append("Wants=network-online.target\n\n");
    b.append("[Service]\n");
    b.append("Type=simple\n");
    b.append("ExecStart=").append(systemdCommandLine(d.posixCommand())).append('\n');
    if (d.javaHome() != null) {
      b.append("Environment=").append(systemdQuote("JAVA_HOME=" + d.javaHome())).append('\n');
    }
    if (!userUnit && d.user() != null) {
      b.append("User=").append(d.user()).append('\n');
    }
    b.append("Restart=always\n");
    b.append("RestartSec=10\n");
    b.append("KillSignal=SIGTERM\n");
    // SIGTERM to service-run alone, which gives a running export its grace; the default (the whole
    // cgroup at once) would stop the export at the first signal. What is left at the timeout is killed.
    b.append("KillMode=mixed\n");
    b.append("TimeoutStopSec=120\n\n");
    b.append("[Install]\n");
    b.append("WantedBy=").append(userUnit ? "default.target" : "multi-user.target").append('\n');
    return b.toString();
  }

  /** A launchd property list: started at load, kept alive, its output in the root's logs/. */
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
    if (d.javaHome() != null) {
      b.append("  <key>EnvironmentVariables</key>\n  <dict>\n");
      b.append("    <key>JAVA_HOME</key>\n    <string>").append(xml(d.javaHome().toString())).append("</string>\n");
      b.append("  </dict>\n");
    }
    b.append("  <key>RunAtLoad</key>\n  <true/>\n");
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
    if (d.javaHome() != null) {
      a.add("++Environment=JAVA_HOME=" + d.javaHome());
    }
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
