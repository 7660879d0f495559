package agent.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import agent.core.service.ServiceDefinition;
import agent.core.service.ServiceFiles;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

/**
 * The command lines the OS service files make the service manager run are commands this CLI has:
 * a service registered with a command that does not exist would start or stop only by being killed.
 */
class ServiceCommandLinesTest {
  static final ServiceDefinition WINDOWS = new ServiceDefinition("pinpoint-agent", Path.of("C:/agent"),
      Path.of("C:/ProgramData/pinpoint"), null, null);

  @Test
  void procrunStartsWithServiceRunAndStopsWithServiceStop() {
    List<String> install = ServiceFiles.procrunInstall(WINDOWS, "prunsrv.exe");
    assertEquals("service-run", parse(param(install, "--StartParams=")).subcommand().commandSpec().name());
    assertEquals("service-stop", parse(param(install, "--StopParams=")).subcommand().commandSpec().name());
  }

  @Test
  void systemdAndLaunchdRunServiceRun() {
    List<String> posix = WINDOWS.posixCommand();
    assertEquals("service-run", parse(posix.subList(1, posix.size()).toArray(String[]::new)).subcommand()
        .commandSpec().name());
  }

  /** procrun's {@code --XParams=a;b;c}: the arguments, separated by ';'. */
  private static String[] param(List<String> args, String prefix) {
    String value = args.stream().filter(a -> a.startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + prefix + " in " + args)).substring(prefix.length());
    return value.split(";");
  }

  /** Parses as Main would; an unknown command or option throws. */
  private static ParseResult parse(String[] args) {
    ParseResult r = Main.commandLine(args).parseArgs(args);
    assertEquals(List.of(), r.subcommand().unmatched(), Arrays.toString(args));
    return r;
  }
}
