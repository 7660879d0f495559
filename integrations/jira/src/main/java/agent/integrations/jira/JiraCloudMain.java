package agent.integrations.jira;

import agent.rpcdef.PluginMain;

/** The jira-cloud plugin's process entry point. */
public final class JiraCloudMain {
  private JiraCloudMain() {}

  public static void main(String[] args) {
    PluginMain.serve(JiraIntegration.cloud());
  }
}
