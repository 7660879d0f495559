package agent.integrations.jira;

/**
 * Which Jira: Cloud (REST v3, Atlassian Document Format bodies, accounts by {@code accountId}, search
 * paged by {@code nextPageToken}) or Server and Data Center (REST v2, plain-text bodies, users by
 * {@code key}, search paged by {@code startAt}). One code base serves both plugins.
 */
enum JiraFlavor {
  CLOUD("jira-cloud", "/rest/api/3"),
  HOSTED("jira-hosted", "/rest/api/2");

  private final String plugin;
  private final String api;

  JiraFlavor(String plugin, String api) {
    this.plugin = plugin;
    this.api = api;
  }

  /** The plugin's name. Objects of both flavours have {@code ref_type} {@code jira}. */
  String plugin() {
    return plugin;
  }

  /** The REST API's path below the site: {@code /rest/api/3} or {@code /rest/api/2}. */
  String api() {
    return api;
  }
}
