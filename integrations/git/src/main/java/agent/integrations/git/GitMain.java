package agent.integrations.git;

import agent.rpcdef.PluginMain;

/** The git plugin's process entry point. */
public final class GitMain {
  private GitMain() {}

  public static void main(String[] args) {
    PluginMain.serve(new GitIntegration());
  }
}
