package agent.integrations.mock;

import static agent.integrations.mock.MockSource.HOUR_MS;
import static agent.integrations.mock.MockSource.MINUTE_MS;
import static agent.integrations.mock.MockSource.REF_TYPE;
import static agent.integrations.mock.MockSource.date;
import static agent.integrations.mock.MockSource.mix;
import static agent.integrations.mock.MockSource.pick;

import agent.rpcdef.model.Date;
import agent.rpcdef.model.sourcecode.PullRequest;
import agent.rpcdef.model.sourcecode.PullRequestComment;
import agent.rpcdef.model.sourcecode.PullRequestCommit;
import agent.rpcdef.model.sourcecode.PullRequestReview;
import agent.rpcdef.model.sourcecode.Repo;
import java.util.ArrayList;
import java.util.List;

/**
 * The pull requests of one mock repository, numbered from 1, and their reviews, comments and commits.
 * Pull request {@code n} is a pure function of the seed, the repository and {@code n}; its children
 * of their pull request and their own index.
 *
 * <p>Ref ids: {@code PR_<tag>_<org>_<repo>_<n>} for a pull request, that plus {@code _r<k>} for a
 * review and {@code _c<k>} for a comment; a commit's ref id is its sha. Pull request {@code n} is
 * created {@code 17 n} minutes (plus up to 10) after its repository; 7 in 10 are merged, 1 in 10 is
 * closed, the rest are open.
 *
 * <p>This is the hot loop of a large export: string concatenation and array picks only.
 */
final class RepoPullRequests {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final MockSource source;
  private final Repo repo;
  private final String refPrefix;
  private final String urlPrefix;
  private final String identifierPrefix;
  private final long repoKey;
  private final long createdMs;

  RepoPullRequests(MockSource source, int org, int repoIndex, Repo repo) {
    this.source = source;
    this.repo = repo;
    this.refPrefix = "PR_" + source.tag() + "_" + org + "_" + repoIndex + "_";
    this.urlPrefix = repo.url() + "/pull/";
    this.identifierPrefix = repo.name() + "#";
    this.repoKey = ((long) org << 32) | repoIndex;
    this.createdMs = source.repoCreatedMs(org, repoIndex);
  }

  Repo repo() {
    return repo;
  }

  private long hash(int number) {
    return source.hash(repoKey, number);
  }

  /** Pull request {@code number}, its {@code commit_shas} those of its {@link #commit commits}. */
  PullRequest pullRequest(int number) {
    long h = hash(number);
    int subject = pick(h, 1, Vocabulary.SUBJECTS.length);
    int verb = pick(h, 5, Vocabulary.VERBS.length);
    int outcome = pick(h, 9, 10);
    PullRequest.State state = outcome < 7 ? PullRequest.State.MERGED
        : outcome == 7 ? PullRequest.State.CLOSED : PullRequest.State.OPEN;
    long created = createdMs + number * 17 * MINUTE_MS + pick(h, 13, 600) * 1000L;
    long ended = created + (1 + pick(h, 23, 47)) * HOUR_MS;
    Date createdDate = date(created);
    Date endedDate = date(ended);
    Date updatedDate = state == PullRequest.State.OPEN ? endedDate : date(ended + 5 * MINUTE_MS);
    boolean merged = state == PullRequest.State.MERGED;
    String n = Integer.toString(number);

    String title = Vocabulary.VERBS[verb] + " " + Vocabulary.SUBJECTS[subject];
    String description = Vocabulary.VERBS_THIRD_PERSON[verb] + Vocabulary.SUBJECTS[subject] + "."
        + Vocabulary.DESCRIPTIONS[pick(h, 29, Vocabulary.DESCRIPTIONS.length)]
        + " Closes " + Vocabulary.TICKETS[pick(h, 33, Vocabulary.TICKETS.length)] + "-" + (100 + number % 9000) + ".";
    int commits = source.config().commitsPerPr();
    List<String> shas = new ArrayList<>(commits);
    for (int k = 0; k < commits; k++) {
      shas.add(sha(mix(h + 0x4000 + k)));
    }
    return PullRequest.builder().customerId(source.customerId()).refType(REF_TYPE).refId(refPrefix + n)
        .repoId(repo.id()).title(title).description(description).url(urlPrefix + n).identifier(identifierPrefix + n)
        .number(number).state(state).createdByRefId(source.userRefId(author(h))).createdDate(createdDate)
        .updatedDate(updatedDate).mergedDate(merged ? endedDate : null)
        .closedDate(state == PullRequest.State.CLOSED ? endedDate : null)
        .mergedByRefId(merged ? source.anyUserRefId(h >>> 37) : null).mergeSha(merged ? sha(mix(h + 0x5000)) : null)
        .branchName(Vocabulary.BRANCH_PREFIXES[verb] + Vocabulary.SLUGS[subject] + "-" + n)
        .baseBranchName(repo.defaultBranch()).commitShas(shas).build();
  }

  /** The index of the user who opened the pull request of hash {@code h}, or -1 if there are no users. */
  private int author(long h) {
    return source.anyUser(h >>> 17);
  }

  /** Review {@code k} of {@code pr}: 6 in 10 approve, 2 ask for changes, 2 only comment. */
  PullRequestReview review(PullRequest pr, int k) {
    long h = mix(hash(pr.number()) + 0x1000 + k);
    int verdict = pick(h, 1, 10);
    PullRequestReview.State state = verdict < 6 ? PullRequestReview.State.APPROVED
        : verdict < 8 ? PullRequestReview.State.CHANGES_REQUESTED : PullRequestReview.State.COMMENTED;
    return PullRequestReview.builder().customerId(source.customerId()).refType(REF_TYPE).refId(pr.refId() + "_r" + k)
        .pullRequestId(pr.id()).repoId(repo.id()).state(state).userRefId(source.anyUserRefId(h >>> 7))
        .createdDate(date(pr.createdDate().epoch() + (k + 1) * 37 * MINUTE_MS))
        .url(pr.url() + "#pullrequestreview-" + (k + 1)).build();
  }

  /** Comment {@code k} of {@code pr}; every third one was edited two minutes after writing. */
  PullRequestComment comment(PullRequest pr, int k) {
    long h = mix(hash(pr.number()) + 0x2000 + k);
    long created = pr.createdDate().epoch() + (k + 1) * 23 * MINUTE_MS;
    return PullRequestComment.builder().customerId(source.customerId()).refType(REF_TYPE).refId(pr.refId() + "_c" + k)
        .pullRequestId(pr.id()).repoId(repo.id()).body(Vocabulary.COMMENTS[pick(h, 1, Vocabulary.COMMENTS.length)])
        .userRefId(source.anyUserRefId(h >>> 7)).createdDate(date(created))
        .updatedDate(k % 3 == 2 ? date(created + 2 * MINUTE_MS) : date(created))
        .url(pr.url() + "#issuecomment-" + (k + 1)).build();
  }

  /**
   * Commit {@code k} of {@code pr} (its sha is {@code pr.commitShas().get(k)}): written by the pull
   * request's author before it was opened, in the author's time zone; the first one carries the
   * title.
   */
  PullRequestCommit commit(PullRequest pr, int k) {
    long h = mix(hash(pr.number()) + 0x3000 + k);
    int commits = pr.commitShas().size();
    long authored = pr.createdDate().epoch() - (commits - k) * 41 * MINUTE_MS;
    int author = author(hash(pr.number()));
    String message = k == 0 ? pr.title() : Vocabulary.FOLLOW_UP_COMMITS[pick(h, 5, Vocabulary.FOLLOW_UP_COMMITS.length)];
    String authorRefId = source.userRefId(author);
    String sha = pr.commitShas().get(k);
    return PullRequestCommit.builder().customerId(source.customerId()).refType(REF_TYPE).refId(sha)
        .pullRequestId(pr.id()).repoId(repo.id()).sha(sha).message(message).authorRefId(authorRefId)
        .committerRefId(authorRefId).createdDate(Date.ofEpochMillis(authored, MockSource.utcOffsetMinutes(author)))
        .additions(1 + pick(h, 9, 400)).deletions(pick(h, 19, 120)).build();
  }

  /** A git-like sha: 40 hex characters spread from {@code h} (pass well-mixed, distinct values). */
  static String sha(long h) {
    char[] c = new char[40];
    long a = mix(h);
    long b = mix(h + 1);
    long d = mix(h + 2);
    for (int i = 0; i < 16; i++) {
      c[i] = HEX[(int) (a >>> (60 - 4 * i)) & 0xf];
      c[16 + i] = HEX[(int) (b >>> (60 - 4 * i)) & 0xf];
    }
    for (int i = 0; i < 8; i++) {
      c[32 + i] = HEX[(int) (d >>> (60 - 4 * i)) & 0xf];
    }
    return new String(c);
  }
}
