package agent.core.validate;

import java.util.List;

/** The outcome of validating one integration's config. */
public record ValidationReport(String id, String name, boolean success, List<String> errors, String account, long durationMs) {}
