package agent.cmd;

import agent.core.checkpoint.CheckpointHistory;
import agent.core.checkpoint.CheckpointReset;
import agent.core.checkpoint.CheckpointSelection;
import agent.core.checkpoint.CheckpointStore;
import agent.core.checkpoint.TokenRedaction;
import agent.core.config.InputException;
import agent.core.fs.PinpointRoot;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agent checkpoints list|show|reset}: the committed tokens that make the next export incremental. */
@Command(name = "checkpoints", mixinStandardHelpOptions = true,
    description = {
        "Lists, shows or resets the checkpoints the next export starts from.",
        "",
        "They are committed in <pinpoint-root>/state/checkpoints.json: per session",
        "key, a token. Keys look like <integration>/<type>/<entity>/.../<model>,",
        "e.g. gh/repo/acme%%2Fapi/sourcecode.PullRequest.",
        "",
        "  agent checkpoints list",
        "  agent checkpoints show gh/repo/acme%%2Fapi/sourcecode.PullRequest",
        "  agent checkpoints reset gh/repo/acme%%2Fapi --dry-run",
        "",
        "Exit codes: 0 done; 2 no such key or prefix (the message lists what there",
        "is); 3 an export or service-run holds the root (reset), or the checkpoint",
        "file cannot be read or written."},
    subcommands = {CheckpointsCommand.ListKeys.class, CheckpointsCommand.Show.class, CheckpointsCommand.Reset.class})
final class CheckpointsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = {"Lists the committed keys (or those under PREFIX): the token's size in",
          "bytes and when it last changed, from the newest export folder that",
          "committed it ('-' when that folder is gone)."})
  static final class ListKeys implements Callable<Integer> {
    @Mixin RootOption root;
    @Parameters(index = "0", arity = "0..1", paramLabel = "PREFIX", description = "A key or a prefix of keys.") String prefix;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      LogSetup.configure("warn", "text", true, null);
      PinpointRoot r = PinpointRoot.of(root.path());
      Map<String, String> all = CheckpointStore.open(r.checkpointsFile()).snapshot();
      PrintWriter out = spec.commandLine().getOut();
      if (all.isEmpty()) {
        out.println("no committed checkpoints in " + r.checkpointsFile() + ": the next export is a full one");
        out.flush();
        return ExitCodes.OK;
      }
      Map<String, String> chosen = prefix == null ? all : CheckpointSelection.select(all, prefix);
      Map<String, Instant> changed = CheckpointHistory.lastChanges(chosen, r.exportsDir());
      int width = chosen.keySet().stream().mapToInt(String::length).max().orElse(3);
      out.println(String.format("%-" + width + "s  %8s  %s", "KEY", "BYTES", "LAST CHANGE"));
      chosen.forEach((key, token) -> out.println(String.format("%-" + width + "s  %8d  %s", key,
          token.getBytes(StandardCharsets.UTF_8).length, changed.containsKey(key) ? changed.get(key).toString() : "-")));
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = {"Prints the token of one key. Tokens are cursors, ETags, times and commit",
          "ids; anything in one that looks like a credential prints as [REDACTED]."})
  static final class Show implements Callable<Integer> {
    @Mixin RootOption root;
    @Parameters(index = "0", paramLabel = "KEY", description = "The session key, as 'list' prints it.") String key;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      LogSetup.configure("warn", "text", true, null);
      Map<String, String> all = CheckpointStore.open(PinpointRoot.of(root.path()).checkpointsFile()).snapshot();
      String token = all.get(key);
      if (token == null) {
        SortedMap<String, String> under = CheckpointSelection.select(all, key); // throws, listing what exists
        throw new InputException("\"" + key + "\" is a prefix of " + under.size() + " key(s), not a key: "
            + String.join(", ", under.keySet().stream().limit(10).toList()) + (under.size() > 10 ? ", ..." : ""));
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(TokenRedaction.redact(token));
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "reset", mixinStandardHelpOptions = true,
      description = {"Removes the checkpoint of KEY, or of every key under it (one repository,",
          "project or integration), so that the next export reads just that again",
          "from the start. Asks nothing; prints what it removed. Refused (exit 3) while",
          "an export or service-run holds the root."})
  static final class Reset implements Callable<Integer> {
    @Mixin RootOption root;
    @Parameters(index = "0", paramLabel = "KEY-OR-PREFIX",
        description = "A key, or a prefix of keys ending at a '/': an integration id, <integration>/<type>/<entity>.")
    String keyOrPrefix;
    @Option(names = "--dry-run", description = "Print what would be removed; change nothing.") boolean dryRun;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      LogSetup.configure("warn", "text", true, null);
      PinpointRoot r = PinpointRoot.of(root.path());
      CheckpointReset.Result result = CheckpointReset.reset(r, keyOrPrefix, dryRun);
      PrintWriter out = spec.commandLine().getOut();
      out.println((dryRun ? "would remove " : "removed ") + result.removed().size() + " checkpoint(s) from "
          + r.checkpointsFile() + (dryRun ? " (dry run: nothing changed)" : "") + ":");
      result.removed().keySet().forEach(k -> out.println("  " + k));
      if (!result.pendingUploads().isEmpty()) {
        out.println("note: export(s) " + String.join(", ", result.pendingUploads()) + " wait for their upload and commit"
            + " some of these keys again once the backend acknowledges them");
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}
