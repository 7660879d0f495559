package agent.rpcdef.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.Config;
import agent.rpcdef.ConfigException;
import agent.rpcdef.ExportContext;
import agent.rpcdef.Integration;
import agent.rpcdef.IntegrationException;
import agent.rpcdef.ValidationResult;
import agent.rpcdef.testing.IntegrationHarness;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How what an integration throws reaches the host, through the harness's real gRPC adapters. */
class ErrorMappingTest {

  /** Throws what it is told to, from every call. */
  static final class Thrower implements Integration {
    Exception toThrow;

    @Override
    public void export(ExportContext ctx) throws Exception {
      throw toThrow;
    }

    @Override
    public ValidationResult validate(Config config) throws Exception {
      if (toThrow == null) {
        config.requireString("token");
        return ValidationResult.ok("");
      }
      throw toThrow;
    }

    @Override
    public List<?> onboard(Config config, String objectType) throws Exception {
      throw toThrow;
    }
  }

  private static PluginCallException exportFailure(Exception e) {
    Thrower t = new Thrower();
    t.toThrow = e;
    try (IntegrationHarness h = IntegrationHarness.start(t, "mock")) {
      return assertThrows(PluginCallException.class, () -> h.export("{}"));
    }
  }

  @Test
  void aConfigExceptionIsAConfigError() {
    PluginCallException e = exportFailure(new ConfigException("config key \"token\" is required (a string)"));
    assertEquals(PluginCallException.Kind.CONFIG, e.kind());
    assertEquals("config key \"token\" is required (a string)", e.getMessage());
  }

  @Test
  void anIntegrationExceptionFailsWithItsMessage() {
    PluginCallException e = exportFailure(new IntegrationException("GitHub answered 401: the token was revoked"));
    assertEquals(PluginCallException.Kind.FAILED, e.kind());
    assertEquals("GitHub answered 401: the token was revoked", e.getMessage());
  }

  @Test
  void anUnexpectedExceptionFailsWithItsClassName() {
    PluginCallException e = exportFailure(new NullPointerException("repo.owner is null"));
    assertEquals(PluginCallException.Kind.FAILED, e.kind());
    assertEquals("java.lang.NullPointerException: repo.owner is null", e.getMessage());

    PluginCallException npe = exportFailure(new NullPointerException());
    assertEquals(PluginCallException.Kind.FAILED, npe.kind());
    assertTrue(npe.getMessage().startsWith("java.lang.NullPointerException"), npe.getMessage());
  }

  @Test
  void aCheckedExceptionFailsWithItsClassName() {
    PluginCallException e = exportFailure(new IOException("connection reset"));
    assertEquals(PluginCallException.Kind.FAILED, e.kind());
    assertEquals("IOException: connection reset", e.getMessage());
  }

  @Test
  void invalidConfigJsonIsAConfigError() {
    try (IntegrationHarness h = IntegrationHarness.start(new Thrower(), "mock")) {
      PluginCallException e = assertThrows(PluginCallException.class, () -> h.export("{\"token\":"));
      assertEquals(PluginCallException.Kind.CONFIG, e.kind());
      assertTrue(e.getMessage().startsWith("config is not valid JSON: "), e.getMessage());
      PluginCallException arr = assertThrows(PluginCallException.class, () -> h.export("[1]"));
      assertEquals("config must be a JSON object, got array", arr.getMessage());
    }
  }

  @Test
  void validateAndOnboardMapErrorsTheSameWay() {
    Thrower t = new Thrower();
    try (IntegrationHarness h = IntegrationHarness.start(t, "mock")) {
      PluginCallException missing = assertThrows(PluginCallException.class, () -> h.validate("{}"));
      assertEquals(PluginCallException.Kind.CONFIG, missing.kind());
      assertEquals("config key \"token\" is required (a string)", missing.getMessage());
      assertEquals(ValidationResult.ok(""), h.validate("{\"token\":\"x\"}"));

      t.toThrow = new IntegrationException("Jira is down");
      PluginCallException down = assertThrows(PluginCallException.class, () -> h.validate("{}"));
      assertEquals(PluginCallException.Kind.FAILED, down.kind());
      assertEquals("Jira is down", down.getMessage());

      t.toThrow = new ConfigException("object type sprints is not supported");
      PluginCallException unsupported = assertThrows(PluginCallException.class, () -> h.onboard("{}", "sprints"));
      assertEquals(PluginCallException.Kind.CONFIG, unsupported.kind());
      assertEquals("object type sprints is not supported", unsupported.getMessage());
    }
  }
}
