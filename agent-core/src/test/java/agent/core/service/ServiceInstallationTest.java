package agent.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceInstallationTest {
  static final ServiceDefinition D = ServiceFilesTest.PLAIN;
  static final Path HOME = Path.of("/home/ops");

  @Test
  void systemdSystemScopeUsesEtcAndPlainSystemctl() {
    ServicePlan p = new ServiceInstallation(ServicePlatform.SYSTEMD, D, true, HOME, null).install();
    assertEquals(Path.of("/etc/systemd/system/pinpoint-agent.service"), p.file());
    assertTrue(p.content().contains("WantedBy=multi-user.target"), p.content());
    assertEquals(List.of(List.of("systemctl", "daemon-reload"), List.of("systemctl", "enable", "--now", "pinpoint-agent.service")),
        p.commands().subList(2, 4));
  }

  @Test
  void systemdUserScopeUsesTheUsersConfigAndSystemctlUser() {
    ServiceInstallation i = new ServiceInstallation(ServicePlatform.SYSTEMD, D, false, HOME, null);
    assertEquals(Path.of("/home/ops/.config/systemd/user/pinpoint-agent.service"), i.install().file());
    assertEquals(List.of("systemctl", "--user", "disable", "--now", "pinpoint-agent.service"), i.uninstall().commands().get(0));
    assertEquals(List.of(List.of("systemctl", "--user", "is-active", "pinpoint-agent.service")), i.status().commands());
  }

  @Test
  void launchdBootstrapsAnAgentInTheUsersGuiDomain() {
    ServiceInstallation i = new ServiceInstallation(ServicePlatform.LAUNCHD, D, false, HOME, null, "501");
    ServicePlan p = i.install();
    Path plist = Path.of("/home/ops/Library/LaunchAgents/dev.agent.pinpoint-agent.plist");
    assertEquals(plist, p.file());
    assertTrue(p.content().contains("<string>dev.agent.pinpoint-agent</string>"), p.content());
    assertEquals(List.of(List.of("launchctl", "enable", "gui/501/dev.agent.pinpoint-agent"),
        List.of("launchctl", "bootstrap", "gui/501", plist.toString())), p.commands());
    assertEquals(List.of(List.of("launchctl", "bootout", "gui/501/dev.agent.pinpoint-agent")), i.uninstall().commands());
    assertEquals(List.of(List.of("launchctl", "print", "gui/501/dev.agent.pinpoint-agent")), i.status().commands());
  }

  @Test
  void launchdSystemScopeIsADaemonThatRunsAsTheUserAndIsHandedTheRoot() {
    ServiceInstallation i = new ServiceInstallation(ServicePlatform.LAUNCHD, D, true, HOME, null, "0");
    ServicePlan p = i.install();
    Path plist = Path.of("/Library/LaunchDaemons/dev.agent.pinpoint-agent.plist");
    assertEquals(plist, p.file());
    assertTrue(p.content().contains("<key>UserName</key>\n  <string>agent</string>"), p.content());
    assertEquals(List.of(List.of("chown", "-R", "agent", "/var/lib/agent"),
        List.of("chmod", "600", "/var/lib/agent/config.json"),
        List.of("launchctl", "enable", "system/dev.agent.pinpoint-agent"),
        List.of("launchctl", "bootstrap", "system", plist.toString())), p.commands());
    assertEquals(List.of(List.of("launchctl", "bootout", "system/dev.agent.pinpoint-agent")), i.uninstall().commands());
  }

  @Test
  void aSystemUnitRunAsAUserHandsItTheRootFirst() {
    ServicePlan p = new ServiceInstallation(ServicePlatform.SYSTEMD, D, true, HOME, null).install();
    assertEquals(List.of("chown", "-R", "agent", "/var/lib/agent"), p.commands().get(0));
    assertEquals(List.of("chmod", "600", "/var/lib/agent/config.json"), p.commands().get(1));
    assertEquals(List.of("systemctl", "enable", "--now", "pinpoint-agent.service"), p.commands().get(3));
  }

  @Test
  void procrunHasNoFileAndRegistersThenStarts() {
    ServiceInstallation i = new ServiceInstallation(ServicePlatform.PROCRUN, D, true, HOME, "C:\\agent\\bin\\prunsrv.exe");
    ServicePlan p = i.install();
    assertNull(p.file());
    assertNull(p.content());
    assertEquals("//IS//pinpoint-agent", p.commands().get(0).get(1));
    assertEquals(List.of("C:\\agent\\bin\\prunsrv.exe", "//ES//pinpoint-agent"), p.commands().get(1));
    assertEquals(List.of("C:\\agent\\bin\\prunsrv.exe", "//DS//pinpoint-agent"), i.uninstall().commands().get(1));
  }
}
