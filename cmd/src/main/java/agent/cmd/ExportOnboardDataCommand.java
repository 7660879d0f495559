package agent.cmd;

import agent.core.config.InputException;
import agent.core.config.OutputFileOption;
import agent.core.validate.OnboardExporter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code agent export-onboard-data}: the records an admin UI needs to pick what to export. */
@Command(name = "export-onboard-data", hidden = true, mixinStandardHelpOptions = true,
    description = {
        "Fetches the users, repos, projects or work config of ONE integration, as a JSON array,",
        "to stdout or to --output-file.",
        "",
        "Exit codes: 0 done, 1 the integration failed, 2 bad input, 3 environment, 4 bug."})
final class ExportOnboardDataCommand implements Callable<Integer> {
  static final Duration TIMEOUT = Duration.ofMinutes(30);
  static final List<String> OBJECT_TYPES = List.of("users", "repos", "projects", "workconfig");

  @Mixin CommonOptions common;

  @Option(names = "--object-type", required = true, paramLabel = "TYPE", description = "users, repos, projects or workconfig.")
  String objectType;

  @Option(names = "--output-file", paramLabel = "FILE", description = "Write the records here instead of stdout.")
  Path outputFile;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!OBJECT_TYPES.contains(objectType)) {
      throw new InputException("--object-type must be one of " + String.join(", ", OBJECT_TYPES) + ", got \"" + objectType + "\"");
    }
    OutputFileOption.check(outputFile, "--output-file");
    CommonOptions.Prepared in = common.prepare(null, true, null);
    if (in.entries().size() != 1) {
      throw new InputException("export-onboard-data takes exactly one integration, got " + in.entries().size());
    }
    byte[] records = new OnboardExporter(common.launcher(in, false), TIMEOUT).export(in.entries().get(0), objectType);
    if (outputFile != null) {
      Files.write(outputFile, records);
    } else {
      PrintWriter out = spec.commandLine().getOut();
      out.println(new String(records, StandardCharsets.UTF_8));
      out.flush();
    }
    return ExitCodes.OK;
  }
}
