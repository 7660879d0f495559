package agent.integrations.mock;

import agent.rpcdef.Config;
import agent.rpcdef.ConfigSpec;

/**
 * The {@code fail} object of the mock's config: ways to make an export go wrong after a number of
 * objects, counted across all model sessions. A switch is {@link #OFF} unless configured; when
 * several are due at the same count, the first in this list wins.
 *
 * @param crashAfterObjects print a panic line on stderr and halt with exit code 3
 * @param exitAfterObjects halt with exit code 0, without a word
 * @param hangAfterObjects stop making progress until the process is killed
 * @param errorAfterObjects fail the export with an {@link agent.rpcdef.IntegrationException}
 * @param oomAfterObjects hold ever more memory until the heap is exhausted (an out-of-memory)
 */
record FailSwitches(long crashAfterObjects, long exitAfterObjects, long hangAfterObjects, long errorAfterObjects,
    long oomAfterObjects) {
  /** The value of a switch that is not set. */
  static final long OFF = -1;

  static final String CRASH = "crash_after_objects";
  static final String EXIT = "exit_after_objects";
  static final String HANG = "hang_after_objects";
  static final String ERROR = "error_after_objects";
  static final String OOM = "oom_after_objects";

  /** The keys of the {@code fail} object; each is off when absent, so none has a default. */
  static final ConfigSpec SPEC = ConfigSpec.builder()
      .integer(CRASH).range(0, Long.MAX_VALUE).describe("exit 3 with a panic line after this many objects")
      .integer(EXIT).range(0, Long.MAX_VALUE).describe("exit 0 abruptly after this many objects")
      .integer(HANG).range(0, Long.MAX_VALUE).describe("block until killed after this many objects")
      .integer(ERROR).range(0, Long.MAX_VALUE).describe("fail the export with an error after this many objects")
      .integer(OOM).range(0, Long.MAX_VALUE).describe("hold memory until the heap runs out after this many objects")
      .build();

  static final FailSwitches NONE = new FailSwitches(OFF, OFF, OFF, OFF, OFF);

  /** Reads the {@code fail} object, already checked against {@link #SPEC}. */
  static FailSwitches parse(Config fail) {
    return new FailSwitches(count(fail, CRASH), count(fail, EXIT), count(fail, HANG), count(fail, ERROR),
        count(fail, OOM));
  }

  private static long count(Config fail, String key) {
    return fail.has(key) ? fail.integer(key) : OFF;
  }
}
