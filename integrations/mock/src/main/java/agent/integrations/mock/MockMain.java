package agent.integrations.mock;

import agent.rpcdef.PluginMain;

/** The mock plugin's process entry point; the host starts it as described in plugin.json. */
public final class MockMain {
  private MockMain() {}

  public static void main(String[] args) {
    PluginMain.serve(new MockIntegration());
  }
}
