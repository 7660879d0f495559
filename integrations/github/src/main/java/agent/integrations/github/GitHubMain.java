package agent.integrations.github;

import agent.rpcdef.PluginMain;

/** The github plugin's process entry point. */
public final class GitHubMain {
  private GitHubMain() {}

  public static void main(String[] args) {
    PluginMain.serve(new GitHubIntegration());
  }
}
