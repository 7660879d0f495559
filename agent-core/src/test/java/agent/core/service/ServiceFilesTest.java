package agent.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
