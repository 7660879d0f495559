package agent.rpcdef;

/** Counts of what a git repository export sent. */
public record GitRepoResult(long commits, long branches) {}
