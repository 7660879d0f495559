package agent.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A child's exit code is the failure's class on the backend: an environment failure is never a failed command's. */
class ChildFailureTest {

  @Test
  void exitCodesAreTheEventsCodes() {
    assertEquals("cancelled", ChildFailure.code(true, 3));
    assertEquals("invalid_parameters", ChildFailure.code(false, 2));
    assertEquals("environment", ChildFailure.code(false, 3));
    assertEquals("child_failed", ChildFailure.code(false, 1));
    assertEquals("child_failed", ChildFailure.code(false, 4));
  }

  @Test
  void anEnvironmentFailureIsTheChildsOwnSentence() {
    String tail = "  mock   FAILED   3.8s  16372 objects\n"
        + "    error: cannot write /r/exports/x/mock/m/000000.json.gz.tmp: File too large (9.1 GiB left on /r/exports/x/mock/m)\n"
        + "agent: cannot write /r/exports/x/mock/m/000000.json.gz.tmp: File too large (9.1 GiB left on /r/exports/x/mock/m)";
    assertEquals("the export cannot run on this machine: cannot write /r/exports/x/mock/m/000000.json.gz.tmp: File too large"
        + " (9.1 GiB left on /r/exports/x/mock/m)", ChildFailure.message("the export", 3, tail));
    assertEquals("the export exited with 3: busy", ChildFailure.message("the export", 3, "busy"));
    assertEquals("validate-config exited with 1: x\ny", ChildFailure.message("validate-config", 1, "x\ny"));
  }
}
