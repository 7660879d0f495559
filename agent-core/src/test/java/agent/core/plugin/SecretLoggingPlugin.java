package agent.core.plugin;

import agent.rpcdef.Config;
import agent.rpcdef.ConfigSpec;
import agent.rpcdef.ExportContext;
import agent.rpcdef.Integration;
import agent.rpcdef.PluginLogger;
import agent.rpcdef.PluginMain;
import agent.rpcdef.ValidationResult;
import java.util.List;

/**
 * A plugin, run as a real process by {@link DeclaredSecretsTest}, that declares {@code pat} (a name
 * that does not look secret) secret and then carelessly logs it, as a JSON record and as a raw line.
 */
public final class SecretLoggingPlugin implements Integration {

  public static void main(String[] args) {
    PluginMain.serve(new SecretLoggingPlugin());
  }

  @Override
  public ConfigSpec configSpec() {
    return ConfigSpec.builder()
        .secret("pat").describe("a personal access token")
        .string("org").describe("an organization")
        .object("proxy", ConfigSpec.builder().secret("auth").build()).describe("nested secrets count too")
        .build();
  }

  @Override
  public void export(ExportContext ctx) {}

  @Override
  public ValidationResult validate(Config config) {
    PluginLogger log = PluginLogger.stderr();
    log.info("validating with " + config.string("pat"), "pat", config.string("pat"), "org", config.string("org"));
    System.err.println("a raw line with " + config.string("pat") + " and " + config.object("proxy").string("auth"));
    return ValidationResult.ok("bot");
  }

  @Override
  public List<?> onboard(Config config, String objectType, String customerId) {
    return List.of();
  }
}
