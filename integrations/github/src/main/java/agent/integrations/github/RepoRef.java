package agent.integrations.github;

/**
 * A repository being exported: its owner and name, its full name, and its {@code sourcecode.Repo} id
 * (the parent of every pull request's id).
 */
record RepoRef(String owner, String name, String repoId) {
  String fullName() {
    return owner + "/" + name;
  }

  /** {@code /repos/acme/api}, for REST paths. */
  String restPath() {
    return "/repos/" + owner + "/" + name;
  }
}
