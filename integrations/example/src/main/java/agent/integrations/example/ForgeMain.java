package agent.integrations.example;

import agent.rpcdef.PluginMain;

/** The plugin process: serves the integration to the agent that started it. */
public final class ForgeMain {
  private ForgeMain() {}

  public static void main(String[] args) {
    PluginMain.serve(new ForgeIntegration());
  }
}
