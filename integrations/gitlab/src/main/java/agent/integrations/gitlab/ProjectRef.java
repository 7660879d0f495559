package agent.integrations.gitlab;

/**
 * A project being exported.
 *
 * @param id GitLab's numeric project id, used in API paths
 * @param fullPath {@code group/subgroup/name}
 * @param repoId the {@code id} of its {@code sourcecode.Repo}
 */
record ProjectRef(long id, String fullPath, String repoId) {
  /** The project's API path: {@code /projects/<id>}. */
  String apiPath() {
    return "/projects/" + id;
  }
}
