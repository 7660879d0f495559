package agent.cmd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.service.ServiceDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agent service} of the distribution. Nothing here installs a service: the agent runs with
 * its home folder in a temp dir (so a mistake could only write there) and only with --dry-run or
 * where it must refuse.
 */
class ServiceIT {
  static final Duration TIMEOUT = Duration.ofMinutes(1);

  @TempDir Path tmp;

  @Test
  void systemdDryRunPrintsTheUnitAndTheCommands() throws Exception {
    Path root = tmp.resolve("root");
    Dist.Result r = service("install", "--dry-run", "--platform", "systemd", "--scope", "user", "--pinpoint-root=" + root);
    assertEquals(0, r.exit(), r.all());
    String unit = ServiceDefinition.nameFor(root, home().resolve(".pinpoint/next")) + ".service";
    assertTrue(unit.startsWith("pinpoint-agent-root-"), "a root of its own, a unit of its own: " + unit);
    assertTrue(r.stdout().contains("would write " + home().resolve(".config/systemd/user/" + unit) + ":"), r.all());
    assertTrue(r.stdout().contains("ExecStart=" + Dist.home().resolve("bin/agent") + " service-run --pinpoint-root=" + root), r.all());
    assertTrue(r.stdout().contains("Environment=JAVA_HOME="), r.all());
    assertTrue(r.stdout().contains("WantedBy=default.target"), r.all());
    assertTrue(r.stdout().contains("would run: systemctl --user daemon-reload\n"), r.all());
    assertTrue(r.stdout().contains("would run: systemctl --user enable --now " + unit + "\n"), r.all());
    assertTrue(r.stdout().contains("enroll first: agent enroll <CODE>"), "a dry run says what is missing: " + r.all());
    assertNothingWritten(root);

    String user = System.getProperty("user.name");
    Dist.Result system = Dist.run(TIMEOUT, Map.of("AGENT_JAVA_OPTS", "-Duser.home=" + home(), "HTTPS_PROXY",
        "http://bob:pr0xy-pa55@proxy.corp:3128", "NO_PROXY", "localhost,.corp"), "service", "install", "--dry-run",
        "--platform", "systemd", "--scope", "system", "--run-as", user, "--pinpoint-root=" + root);
    assertEquals(0, system.exit(), system.all());
    assertTrue(system.stdout().contains("would write /etc/systemd/system/" + unit + ":"), system.all());
    assertTrue(system.stdout().contains("User=" + user + "\n"), system.all());
    assertTrue(system.stdout().contains("would run: chown -R " + user + " " + root + "\n"), system.all());
    assertTrue(system.stdout().contains("would run: chmod 600 " + root.resolve("config.json") + "\n"), system.all());
    assertTrue(system.stdout().contains("Environment=HTTPS_PROXY=http://proxy.corp:3128\n"), system.all());
    assertTrue(system.stdout().contains("Environment=NO_PROXY=localhost,.corp\n"), system.all());
    assertFalse(system.stdout().contains("pr0xy-pa55"), "a proxy password in a world-readable unit: " + system.all());
    assertTrue(system.stdout().contains("RestartPreventExitStatus=2\n"), system.all());
    assertTrue(system.stdout().contains("ReadWritePaths=" + root + "\n"), system.all());
    assertTrue(system.stdout().contains("would run: systemctl enable --now " + unit), system.all());
    assertNothingWritten(root);
  }

  @Test
  void runAsAUserThatDoesNotExistIsRefusedAndNothingIsWritten() throws Exception {
    Path root = tmp.resolve("root");
    Dist.Result r = service("install", "--platform", "systemd", "--scope", "system", "--run-as", "no-such-agent-user",
        "--pinpoint-root=" + root);
    assertEquals(2, r.exit(), r.all());
    assertTrue(r.stderr().contains("--run-as no-such-agent-user: no such user on this machine"), r.all());
    assertFalse(r.stdout().contains("would") || r.stdout().contains("wrote") || r.stdout().contains("+ "), r.all());
    assertNothingWritten(root);
  }

  @Test
  void launchdDryRunPrintsThePlist() throws Exception {
    Path root = tmp.resolve("root");
    Dist.Result r = service("install", "--dry-run", "--platform", "launchd", "--scope", "user", "--pinpoint-root=" + root);
    assertEquals(0, r.exit(), r.all());
    String label = "dev.agent." + ServiceDefinition.nameFor(root, home().resolve(".pinpoint/next"));
    Path plist = home().resolve("Library/LaunchAgents/" + label + ".plist");
    assertTrue(r.stdout().contains("would write " + plist + ":"), r.all());
    assertTrue(r.stdout().contains("<string>" + label + "</string>"), r.all());
    assertTrue(r.stdout().contains("<string>service-run</string>"), r.all());
    assertTrue(r.stdout().contains("<string>--pinpoint-root=" + root + "</string>"), r.all());
    assertTrue(r.stdout().contains("would run: launchctl bootstrap gui/"), r.all());
    assertTrue(r.stdout().contains(" " + plist + "\n"), r.all());
    assertNothingWritten(root);
  }

  @Test
  void procrunDryRunPrintsThePrunsrvCommands() throws Exception {
    Path root = tmp.resolve("root");
    Dist.Result r = service("install", "--dry-run", "--platform", "procrun", "--prunsrv", "prunsrv.exe", "--pinpoint-root=" + root);
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.stdout().contains("would run: prunsrv.exe //IS//pinpoint-agent-root-"), r.all());
    assertTrue(r.stdout().contains("--StartImage=" + Dist.home().resolve("bin/agent.cmd")), r.all());
    assertTrue(r.stdout().contains("'--StartParams=service-run;--pinpoint-root=" + root + "'")
        || r.stdout().contains("--StartParams=service-run;--pinpoint-root=" + root), r.all());
    assertTrue(r.stdout().contains("would run: prunsrv.exe //ES//pinpoint-agent-root-"), r.all());
    assertTrue(r.stdout().contains("--StdError=" + root.resolve("logs/service.err")), r.all());
    assertFalse(r.stdout().contains("would write"), "procrun has no file: " + r.all());

    Dist.Result un = service("uninstall", "--dry-run", "--platform", "procrun", "--prunsrv", "prunsrv.exe", "--pinpoint-root=" + root);
    assertEquals(0, un.exit(), un.all());
    String name = ServiceDefinition.nameFor(root, home().resolve(".pinpoint/next"));
    assertTrue(un.stdout().contains("would run: prunsrv.exe //SS//" + name + "\nwould run: prunsrv.exe //DS//" + name), un.all());
    assertNothingWritten(root);
  }

  @Test
  void installRefusesWhenNotEnrolled() throws Exception {
    Path root = tmp.resolve("root");
    // launchd and a temp home: were the refusal broken, nothing outside tmp could change.
    Dist.Result r = service("install", "--platform", "launchd", "--scope", "user", "--pinpoint-root=" + root);
    assertEquals(2, r.exit(), r.all());
    assertTrue(r.stderr().contains("enroll first: agent enroll <CODE>"), r.all());
    assertNothingWritten(root);
  }

  @Test
  void statusSaysWhetherEnrolledAndInstalled() throws Exception {
    Path root = tmp.resolve("root");
    Dist.Result r = service("status", "--platform", "launchd", "--scope", "user", "--pinpoint-root=" + root);
    assertEquals(2, r.exit(), "not enrolled: " + r.all());
    assertTrue(r.stdout().contains("enrolled: no (enroll first: agent enroll <CODE>)"), r.all());
    String label = "dev.agent." + ServiceDefinition.nameFor(root, home().resolve(".pinpoint/next"));
    assertTrue(r.stdout().contains(label + ".plist (absent"), r.all());
    assertTrue(r.stdout().contains("launchctl print gui/"), r.all());
    assertTrue(r.stdout().contains("service-run: not running on " + root), r.all());
    assertTrue(r.stdout().contains("exports: 0 waiting for upload\n"), r.all());
  }

  @Test
  void statusCountsTheExportsThatWaitForTheBackend() throws Exception {
    Path root = tmp.resolve("root");
    for (String[] m : new String[][] {{"20261122T100000Z-aaaaaa", "pending"}, {"20261122T110000Z-bbbbbb", "pending"},
        {"20261122T120000Z-cccccc", "failed"}}) {
      Path dir = Files.createDirectories(root.resolve("exports").resolve(m[0]));
      Files.writeString(dir.resolve("upload.json"), "{\"command_id\": \"c\", \"state\": \"" + m[1] + "\"}");
    }
    Files.createDirectories(root.resolve("exports").resolve("20261122T130000Z-dddddd")); // a local export: not the backend's
    Files.createDirectories(root.resolve("quarantine").resolve("20261122T090000Z-eeeeee"));
    Dist.Result r = service("status", "--platform", "launchd", "--pinpoint-root=" + root);
    assertEquals(2, r.exit(), "not enrolled: " + r.all());
    assertTrue(r.stdout().contains("exports: 2 waiting for upload; 1 refused by the backend for good, kept for an"
        + " operator: 20261122T120000Z-cccccc; 1 quarantined (a file changed on disk), in " + root.resolve("quarantine")
        + ": 20261122T090000Z-eeeeee\n"), r.all());
  }

  @Test
  void badPlatformOrScopeIsBadInput() throws Exception {
    assertEquals(2, service("install", "--dry-run", "--platform", "upstart").exit());
    assertEquals(2, service("install", "--dry-run", "--platform", "systemd", "--scope", "global").exit());
    assertEquals(2, service("install", "--dry-run", "--platform", "launchd", "--scope", "user", "--run-as", "root").exit());
  }

  private Path home() {
    return tmp.resolve("home");
  }

  private Dist.Result service(String... args) throws Exception {
    String[] all = new String[args.length + 1];
    all[0] = "service";
    System.arraycopy(args, 0, all, 1, args.length);
    return Dist.run(TIMEOUT, Map.of("AGENT_JAVA_OPTS", "-Duser.home=" + home()), all);
  }

  private void assertNothingWritten(Path root) throws Exception {
    assertFalse(Files.exists(root), "the dry run created " + root);
    if (Files.exists(home())) {
      try (Stream<Path> s = Files.walk(home())) {
        List<Path> files = s.filter(Files::isRegularFile).toList();
        assertTrue(files.isEmpty(), "written under the home folder: " + files);
      }
    }
  }
}
