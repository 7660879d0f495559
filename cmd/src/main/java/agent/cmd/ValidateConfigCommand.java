package agent.cmd;

import agent.core.config.OutputFileOption;
import agent.core.validate.ConfigValidator;
import agent.core.validate.ValidationReport;
import agent.rpcdef.Json;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code agent validate-config}: checks integration configs (credentials, reachability). */
@Command(name = "validate-config", hidden = true, mixinStandardHelpOptions = true,
    description = {
        "Checks each integration's config without exporting anything: keys, credentials, reachability.",
        "Prints one line per integration; --output-file also writes the result as JSON.",
        "",
        "Exit codes: 0 all valid, 1 one or more invalid, 2 bad input, 3 environment, 4 bug."})
final class ValidateConfigCommand implements Callable<Integer> {
  static final Duration TIMEOUT = Duration.ofMinutes(5);

  @Mixin CommonOptions common;

  @Option(names = "--output-file", paramLabel = "FILE", description = "Also write the result as JSON to FILE.")
  Path outputFile;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    OutputFileOption.check(outputFile, "--output-file");
    CommonOptions.Prepared in = common.prepare(null, true, null);
    List<ValidationReport> reports = new ConfigValidator(common.launcher(in, false), TIMEOUT).validate(in.entries());
    PrintWriter out = spec.commandLine().getOut();
    boolean allOk = true;
    for (ValidationReport r : reports) {
      allOk &= r.success();
      out.printf("%-24s %s%s%n", r.id(), r.success() ? "valid" : "INVALID",
          r.success() ? (r.account().isEmpty() ? "" : " (account " + r.account() + ")") : ": " + String.join("; ", r.errors()));
    }
    out.flush();
    if (outputFile != null) {
      byte[] json = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(Map.of("success", allOk, "integrations", reports));
      Files.write(outputFile, json);
    }
    return allOk ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
