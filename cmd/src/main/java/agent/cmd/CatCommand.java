package agent.cmd;

import agent.core.fs.PinpointRoot;
import agent.core.output.ExportObjects;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code agent cat}: an export's objects as newline-delimited JSON, without zcat. */
@Command(name = "cat", mixinStandardHelpOptions = true,
    description = {
        "Prints the objects of an export as JSON, one object per line, on stdout.",
        "",
        "EXPORT is an export id (a folder under <pinpoint-root>/exports/) or the path",
        "of an export folder; the default is the newest finished export, by the start",
        "time in its manifest. Only final files are read, so a running export shows",
        "what it has finished so far.",
        "",
        "  agent cat | jq .",
        "  agent cat --integration github --model sourcecode.PullRequest",
        "  agent cat --id 4c7f0e1a9b2d3e5f 20261122T103000Z-3fa2c1",
        "",
        "Exit codes: 0 printed; 1 --id matched no object; 2 no such export,",
        "integration or model type (the message lists those there are); 3 a file",
        "cannot be read or stdout cannot be written."})
final class CatCommand implements Callable<Integer> {
  @Mixin RootOption root;

  @Option(names = "--integration", paramLabel = "ID", description = "Only this integration (its id in the export).")
  String integration;

  @Option(names = "--model", paramLabel = "TYPE", description = "Only this model type, e.g. sourcecode.PullRequest.")
  String model;

  @Option(names = "--id", paramLabel = "ID",
      description = "Only objects whose id or ref_id (the id in the source system) is ID.")
  String id;

  @Parameters(index = "0", arity = "0..1", paramLabel = "EXPORT", description = "Export id or folder (default: the newest).")
  String export;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    // stdout carries the data: anything logged goes to stderr.
    LogSetup.configure("warn", "text", true, null);
    Path dir = ExportObjects.locate(PinpointRoot.of(root.path()), export);
    PrintStream stdout = System.out;
    long written;
    try {
      written = ExportObjects.write(dir, new ExportObjects.Filter(integration, model, id), new CheckedOutput(stdout));
    } catch (StdoutClosed e) {
      return ExitCodes.OK; // the reader went away (| head): nothing is wrong
    }
    if (id != null && written == 0) {
      spec.commandLine().getErr().println("agent: no object with id or ref_id \"" + id + "\" in " + dir);
      return ExitCodes.FAILED;
    }
    return ExitCodes.OK;
  }

  /** System.out swallows write errors; this stops the copy as soon as one happened (a closed pipe). */
  private static final class CheckedOutput extends FilterOutputStream {
    private final PrintStream ps;

    CheckedOutput(PrintStream ps) {
      super(ps);
      this.ps = ps;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      ps.write(b, off, len);
      check();
    }

    @Override
    public void write(int b) throws IOException {
      ps.write(b);
    }

    @Override
    public void flush() throws IOException {
      ps.flush();
      check();
    }

    private void check() throws StdoutClosed {
      if (ps.checkError()) {
        throw new StdoutClosed();
      }
    }
  }

  private static final class StdoutClosed extends IOException {
    StdoutClosed() {
      super("standard output closed", null);
    }
  }
}
