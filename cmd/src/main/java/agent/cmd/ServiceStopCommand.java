package agent.cmd;

import agent.core.fs.PinpointRoot;
import agent.core.fs.ProcessLock;
import agent.core.service.StopRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code agent service-stop}: asks the service-run of a root to stop, and waits for it. The Windows
 * service's stop command (procrun runs it); elsewhere the same as a first SIGTERM to service-run.
 */
@Command(name = "service-stop", hidden = true, mixinStandardHelpOptions = true,
    description = {
        "Asks the service-run of this pinpoint root to stop as on a first SIGTERM (no new commands; a running",
        "export gets its grace period) and waits until it has stopped. The Windows service runs it to stop the",
        "agent; on Linux and macOS the OS service manager sends SIGTERM instead.",
        "",
        "Exit codes: 0 stopped (or was not running), 3 still running after --timeout-seconds."})
final class ServiceStopCommand implements Callable<Integer> {
  @Mixin RootOption root;

  @Option(names = "--timeout-seconds", paramLabel = "S", defaultValue = "110",
      description = "How long to wait for service-run to stop (default: ${DEFAULT-VALUE}, under the Windows service's 120).")
  double timeoutSeconds;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path pinpointRoot = root.path();
    Path lock = PinpointRoot.of(pinpointRoot).serviceLock();
    PrintWriter out = spec.commandLine().getOut();
    if (!ProcessLock.isHeld(lock)) {
      out.println("service-run is not running on " + pinpointRoot);
      return ExitCodes.OK;
    }
    String pid = ProcessLock.holder(lock);
    StopRequest.request(pinpointRoot);
    out.println("asked service-run" + (pid.isEmpty() ? "" : " (pid " + pid + ")") + " on " + pinpointRoot
        + " to stop; a running export gets its grace period");
    out.flush();
    long deadline = System.nanoTime() + Math.round(timeoutSeconds * 1e9);
    while (ProcessLock.isHeld(lock)) {
      if (System.nanoTime() > deadline) {
        spec.commandLine().getErr().println("service-run" + (pid.isEmpty() ? "" : " (pid " + pid + ")")
            + " did not stop within " + Math.round(timeoutSeconds) + " s; it is still running (see "
            + PinpointRoot.of(pinpointRoot).serviceLog() + ")");
        return ExitCodes.ENVIRONMENT;
      }
      Thread.sleep(200);
    }
    out.println("service-run stopped");
    return ExitCodes.OK;
  }
}
