package agent.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ServiceFilesTest {
  static final ServiceDefinition PLAIN = new ServiceDefinition("pinpoint-agent", Path.of("/opt/agent"),
      Path.of("/var/lib/agent"), Path.of("/usr/lib/jvm/java-17"), "agent");
  static final ServiceDefinition AWKWARD = new ServiceDefinition("pinpoint-agent", Path.of("/opt/My Agent"),
      Path.of("/home/a&b/100%/$HOME"), null, null);

  @Test
  void systemdUnitRunsServiceRunAndRestarts() {
    String unit = ServiceFiles.systemdUnit(PLAIN, false);
    assertTrue(unit.contains("ExecStart=/opt/agent/bin/agent service-run --pinpoint-root=/var/lib/agent\n"), unit);
    assertTrue(unit.contains("User=agent\n"), unit);
    assertTrue(unit.contains("Environment=JAVA_HOME=/usr/lib/jvm/java-17\n"), unit);
    assertTrue(unit.contains("Restart=always\n") && unit.contains("TimeoutStopSec=120\n"), unit);
    assertTrue(unit.contains("KillMode=mixed\n"), "the export's grace needs SIGTERM to reach service-run alone: " + unit);
    assertTrue(unit.contains("WantedBy=multi-user.target\n"), unit);

    String user = ServiceFiles.systemdUnit(PLAIN, true);
    assertFalse(user.contains("User="), user);
    assertTrue(user.contains("WantedBy=default.target\n"), user);
  }

  @Test
  void aSystemUnitIsHardenedAndDoesNotRestartOnAConfigurationExit() {
    String unit = ServiceFiles.systemdUnit(PLAIN, false);
    assertTrue(unit.contains("RestartPreventExitStatus=2\n"), "not enrolled is exit 2: restarting cannot help: " + unit);
    for (String line : List.of("NoNewPrivileges=yes", "PrivateTmp=yes", "ProtectSystem=strict", "ReadWritePaths=/var/lib/agent",
        "ProtectHome=yes", "UMask=0077")) {
      assertTrue(unit.contains(line + "\n"), line + " in " + unit);
    }
    assertTrue(ServiceFiles.systemdUnit(AWKWARD, false).contains("ProtectHome=read-only\n"), "a root under /home stays reachable");
    String user = ServiceFiles.systemdUnit(PLAIN, true);
    assertTrue(user.contains("NoNewPrivileges=yes\n") && user.contains("RestartPreventExitStatus=2\n"), user);
    assertFalse(user.contains("ProtectSystem="), "a user manager cannot sandbox without user namespaces: " + user);
  }

  @Test
  void theInstallersProxyAndCaAreCarriedWithoutCredentials() {
    Map<String, String> env = ServiceDefinition.carried(Map.of("HTTPS_PROXY", "http://bob:s3cr%40t@proxy.corp:3128",
        "NO_PROXY", "localhost,.corp", "AGENT_CA_FILE", "/etc/ssl/corp.pem", "HOME", "/root"));
    assertEquals(Map.of("HTTPS_PROXY", "http://proxy.corp:3128", "NO_PROXY", "localhost,.corp", "AGENT_CA_FILE",
        "/etc/ssl/corp.pem"), env);
    ServiceDefinition d = new ServiceDefinition("pinpoint-agent", Path.of("/opt/agent"), Path.of("/var/lib/agent"), null, null, env);
    String unit = ServiceFiles.systemdUnit(d, false);
    assertTrue(unit.contains("Environment=HTTPS_PROXY=http://proxy.corp:3128\n"), unit);
    assertTrue(unit.contains("Environment=NO_PROXY=localhost,.corp\n"), unit);
    assertTrue(unit.contains("Environment=AGENT_CA_FILE=/etc/ssl/corp.pem\n"), unit);
    assertTrue(ServiceFiles.launchdPlist(d).contains("<key>HTTPS_PROXY</key>\n    <string>http://proxy.corp:3128</string>"));
    assertTrue(ServiceFiles.procrunInstall(d, "prunsrv.exe").contains("++Environment=NO_PROXY=localhost,.corp"));
  }

  @Test
  void twoRootsGetTwoServiceNamesAndTheDefaultRootKeepsTheShortOne() {
    Path def = Path.of("/home/ops/.pinpoint/next");
    assertEquals("pinpoint-agent", ServiceDefinition.nameFor(def, def));
    String a = ServiceDefinition.nameFor(Path.of("/srv/pinpoint/Team A"), def);
    String b = ServiceDefinition.nameFor(Path.of("/srv/other/Team A"), def);
    assertTrue(a.matches("pinpoint-agent-team-a-[0-9a-f]{8}"), a);
    assertFalse(a.equals(b), a + " vs " + b);
    assertEquals(a, ServiceDefinition.nameFor(Path.of("/srv/pinpoint/./Team A"), def), "the same root, the same name");
  }

  @Test
  void procrunRunsAsTheServiceAccountAndRedirectsItsOutput() {
    List<String> a = ServiceFiles.procrunInstall(PLAIN, "prunsrv.exe");
    assertTrue(a.contains("--ServiceUser=agent"), a.toString());
    assertTrue(a.contains("--StdOutput=" + Path.of("/var/lib/agent/logs/service.out")), a.toString());
    assertTrue(a.contains("--StdError=" + Path.of("/var/lib/agent/logs/service.err")), a.toString());
  }

  /** The rendered unit, as systemd itself reads it; skipped where systemd-analyze is not installed. */
  @Test
  void systemdAnalyzeVerifiesTheUnit(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Path analyze = java.util.stream.Stream.of("/usr/bin/systemd-analyze", "/bin/systemd-analyze").map(Path::of)
        .filter(java.nio.file.Files::isExecutable).findFirst().orElse(null);
    org.junit.jupiter.api.Assumptions.assumeTrue(analyze != null, "systemd-analyze is not installed: the unit is not verified");
    Path home = tmp.resolve("agent home");
    java.nio.file.Files.createDirectories(home.resolve("bin"));
    Path agent = java.nio.file.Files.writeString(home.resolve("bin/agent"), "#!/bin/sh\n");
    agent.toFile().setExecutable(true);
    Path root = java.nio.file.Files.createDirectories(tmp.resolve("root 100%"));
    ServiceDefinition d = new ServiceDefinition(ServiceDefinition.nameFor(root, null), home, root,
        Path.of(System.getProperty("java.home")), "root", Map.of("HTTPS_PROXY", "http://proxy.corp:3128", "NO_PROXY", "localhost"));
    for (boolean userUnit : new boolean[] {false, true}) {
      Path unit = tmp.resolve(d.name() + ".service");
      java.nio.file.Files.writeString(unit, ServiceFiles.systemdUnit(d, userUnit));
      Process p = new ProcessBuilder(analyze.toString(), "verify", "--man=no", unit.toString()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
      // Only this unit's own complaints count: the machine's other units may have theirs.
      List<String> mine = out.lines().filter(l -> l.contains(unit.getFileName().toString())).toList();
      assertEquals(List.of(), mine, "systemd-analyze verify (" + (userUnit ? "user" : "system") + " unit):\n" + out
          + "\n" + java.nio.file.Files.readString(unit));
      assertEquals(0, p.exitValue(), out);
    }
  }

  @Test
  void systemdQuotesSpacesAndEscapesSpecifiersAndVariables() {
    String unit = ServiceFiles.systemdUnit(AWKWARD, false);
    assertTrue(unit.contains("ExecStart=\"/opt/My Agent/bin/agent\" service-run \"--pinpoint-root=/home/a&b/100%%/$$HOME\"\n"), unit);
  }

  @Test
  void launchdPlistIsValidXmlWithTheCommandAsArguments() throws Exception {
    Document doc = parse(ServiceFiles.launchdPlist(AWKWARD));
    NodeList strings = ((Element) doc.getElementsByTagName("array").item(0)).getElementsByTagName("string");
    List<String> args = new ArrayList<>();
    for (int i = 0; i < strings.getLength(); i++) {
      args.add(strings.item(i).getTextContent());
    }
    assertEquals(AWKWARD.posixCommand(), args);
    String text = ServiceFiles.launchdPlist(PLAIN);
    assertTrue(text.contains("<string>dev.agent.pinpoint-agent</string>"), text);
    assertTrue(text.contains("<key>KeepAlive</key>\n  <true/>"), text);
    assertTrue(text.contains("<string>/var/lib/agent/logs/service.err</string>"), text);
  }

  @Test
  void procrunRegistersStartAndStopThroughTheLauncher() {
    List<String> a = ServiceFiles.procrunInstall(PLAIN, "prunsrv.exe");
    assertEquals("//IS//pinpoint-agent", a.get(1));
    assertTrue(a.contains("--StartParams=service-run;--pinpoint-root=" + Path.of("/var/lib/agent")), a.toString());
    assertTrue(a.contains("--StopParams=service-stop;--pinpoint-root=" + Path.of("/var/lib/agent")), a.toString());
    assertTrue(a.contains("--Startup=auto"), a.toString());
    assertEquals(List.of("prunsrv.exe", "//DS//pinpoint-agent"), ServiceFiles.procrunUninstall(PLAIN, "prunsrv.exe"));
  }

  @Test
  void platformFromOsName() {
    assertEquals(ServicePlatform.PROCRUN, ServicePlatform.of("Windows Server 2022"));
    assertEquals(ServicePlatform.LAUNCHD, ServicePlatform.of("Mac OS X"));
    assertEquals(ServicePlatform.SYSTEMD, ServicePlatform.of("Linux"));
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    // The DOCTYPE names Apple's DTD: never fetch it (tests stay off the network).
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }
}
