package agent.integrations.jira;

import agent.rpcdef.PluginMain;

/** The jira-hosted plugin's process entry point. */
public final class JiraHostedMain {
  private JiraHostedMain() {}

  public static void main(String[] args) {
    PluginMain.serve(JiraIntegration.hosted());
  }
}
