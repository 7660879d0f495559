package agent.integrations.gitlab;

import agent.rpcdef.PluginMain;

/** The gitlab plugin's process entry point. */
public final class GitLabMain {
  private GitLabMain() {}

  public static void main(String[] args) {
    PluginMain.serve(new GitLabIntegration());
  }
}
