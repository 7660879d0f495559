package agent.core.plugin;

import agent.rpcdef.Config;
import agent.rpcdef.ConfigSpec;
import agent.rpcdef.ExportContext;
import agent.rpcdef.Integration;
import agent.rpcdef.PluginMain;
import agent.rpcdef.ValidationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A plugin, run as a real process by {@link PluginProcessTreeTest}, whose export never ends, not even
 * when cancelled. Writes its pid to the file named by its first argument.
 */
public final class HangingPlugin implements Integration {

  public static void main(String[] args) throws Exception {
    Files.writeString(Path.of(args[0]), Long.toString(ProcessHandle.current().pid()));
    PluginMain.serve(new HangingPlugin());
  }

  @Override
  public ConfigSpec configSpec() {
    return ConfigSpec.builder().build();
  }

  @Override
  public void export(ExportContext ctx) {
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        // Hung for good: ignores the cancel too.
      }
    }
  }

  @Override
  public ValidationResult validate(Config config) {
    return ValidationResult.ok("hung");
  }

  @Override
  public List<?> onboard(Config config, String objectType, String customerId) {
    return List.of();
  }
}
