package agent.core.diff;

/**
 * One hunk of a {@link LineDiff}: old lines {@code [oldStart, oldStart + oldCount)} are replaced by
 * new lines {@code [newStart, newStart + newCount)}. 0-based; an empty side's start is the line
 * before which the other side's lines go.
 */
public record Hunk(int oldStart, int oldCount, int newStart, int newCount) {}
