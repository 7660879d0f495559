package agent.integrations.github;

import agent.rpcdef.model.sourcecode.PullRequestReview;

/** GitHub's review states, the same words in REST and GraphQL. */
final class Reviews {
  private Reviews() {}

  /** The exported state, or null for a review never to export ({@code PENDING}: not submitted, a draft of its author). */
  static PullRequestReview.State state(String github) {
    return switch (github) {
      case "APPROVED" -> PullRequestReview.State.APPROVED;
      case "CHANGES_REQUESTED" -> PullRequestReview.State.CHANGES_REQUESTED;
      case "COMMENTED" -> PullRequestReview.State.COMMENTED;
      case "DISMISSED" -> PullRequestReview.State.DISMISSED;
      default -> null;
    };
  }
}
