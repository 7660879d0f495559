package agent.rpcdef.internal.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.Config;
import agent.rpcdef.ConfigException;
import agent.rpcdef.ConfigSpec;
import agent.rpcdef.ExportContext;
import agent.rpcdef.Integration;
import agent.rpcdef.IntegrationException;
import agent.rpcdef.Json;
import agent.rpcdef.PluginLogger;
import agent.rpcdef.ValidationResult;
import agent.rpcdef.testing.IntegrationHarness;
import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How what an integration throws reaches the host, through the harness's real gRPC adapters. */
class ErrorMappingTest {

  /** Throws what it is told to, from every call. */
  static final class Thrower implements Integration {
    @Override
    public ConfigSpec configSpec() {
      return ConfigSpec.builder().secret("token").build();
    }

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
    public List<?> onboard(Config config, String objectType, String customerId) throws Exception {
      throw toThrow;
    }
  }

  private static PluginCallException exportFailure(Exception e) {
    Thrower t = new Thrower();
    t.toThrow = e;
    try (IntegrationHarness h = IntegrationHarness.start(t, "mock")) {
      return wire(() -> h.export("{}"));
    }
  }

  /**
   * The protocol's classification of a failed call. The harness reports it as an SDK exception and
   * keeps the protocol's exception as the cause.
   */
  private static PluginCallException wire(org.junit.jupiter.api.function.Executable call) {
    IntegrationException e = assertThrows(IntegrationException.class, call);
    PluginCallException wire = (PluginCallException) e.getCause();
    assertEquals(wire.getMessage(), e.getMessage());
    assertEquals(wire.kind() == PluginCallException.Kind.CONFIG, e instanceof ConfigException);
    return wire;
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
  void runtimeExceptionsOfTheJdkAreNoConfigOrUnsupportedErrors() {
    // Integer.parseInt on an API answer is a failure of the integration, not a config to fix.
    PluginCallException nfe = exportFailure(new NumberFormatException("For input string: \"abc\""));
    assertEquals(PluginCallException.Kind.FAILED, nfe.kind());
    assertEquals("java.lang.NumberFormatException: For input string: \"abc\"", nfe.getMessage());
    // List.of(...).add(...) is a bug of the integration, not a call the plugin does not support.
    PluginCallException uoe = exportFailure(new UnsupportedOperationException());
    assertEquals(PluginCallException.Kind.FAILED, uoe.kind());
    assertEquals("java.lang.UnsupportedOperationException: null", uoe.getMessage());
    // Nor is a status some other gRPC service answered the integration.
    PluginCallException sre = exportFailure(Status.UNAUTHENTICATED.withDescription("bad key").asRuntimeException());
    assertEquals(PluginCallException.Kind.FAILED, sre.kind());
    assertEquals("io.grpc.StatusRuntimeException: UNAUTHENTICATED: bad key", sre.getMessage());
  }

  @Test
  void unexpectedExceptionsAreLoggedWithTheirStackTrace() throws Exception {
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    PluginLogger log = new PluginLogger(new PrintStream(logs, true, StandardCharsets.UTF_8));
    Thrower t = new Thrower();
    try (InProcessPlugin plugin = new InProcessPlugin(t, log)) {
      IntegrationClient client = plugin.client;

      t.toThrow = new ConfigException("config key \"token\" is required (a string)");
      assertThrows(PluginCallException.class, () -> client.export("{}".getBytes(), false, "e1", Duration.ofSeconds(10)));
      t.toThrow = new IntegrationException("GitHub answered 401");
      assertThrows(PluginCallException.class, () -> client.validate("{}".getBytes(), Duration.ofSeconds(10)));
      assertEquals("", logs.toString(StandardCharsets.UTF_8), "an exception meant for the operator is no bug");

      t.toThrow = new NullPointerException("repo.owner is null");
      assertThrows(PluginCallException.class, () -> client.export("{}".getBytes(), false, "e2", Duration.ofSeconds(10)));
      t.toThrow = new IOException("connection reset");
      assertThrows(PluginCallException.class, () -> client.onboard("{}".getBytes(), "users", Duration.ofSeconds(10)));
      String[] lines = logs.toString(StandardCharsets.UTF_8).split("\n");
      assertEquals(2, lines.length, logs.toString(StandardCharsets.UTF_8));
      JsonNode npe = Json.mapper().readTree(lines[0]);
      assertEquals("error", npe.get("level").asText());
      assertEquals("Export failed", npe.get("msg").asText());
      assertEquals("java.lang.NullPointerException: repo.owner is null", npe.get("error").asText());
      assertTrue(npe.get("stack").asText().contains("at agent.rpcdef.internal.grpc.ErrorMappingTest"), npe.get("stack").asText());
      JsonNode io = Json.mapper().readTree(lines[1]);
      assertEquals("OnboardExport failed", io.get("msg").asText());
      assertEquals("java.io.IOException: connection reset", io.get("error").asText());
    }
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
      PluginCallException e = wire(() -> h.export("{\"token\":"));
      assertEquals(PluginCallException.Kind.CONFIG, e.kind());
      assertTrue(e.getMessage().startsWith("config is not valid JSON: "), e.getMessage());
      PluginCallException arr = wire(() -> h.export("[1]"));
      assertEquals("config must be a JSON object, got array", arr.getMessage());
    }
  }

  @Test
  void validateAndOnboardMapErrorsTheSameWay() {
    Thrower t = new Thrower();
    try (IntegrationHarness h = IntegrationHarness.start(t, "mock")) {
      PluginCallException missing = wire(() -> h.validate("{}"));
      assertEquals(PluginCallException.Kind.CONFIG, missing.kind());
      assertEquals("config key \"token\" is required (a string)", missing.getMessage());
      assertEquals(ValidationResult.ok(""), h.validate("{\"token\":\"x\"}"));

      t.toThrow = new IntegrationException("Jira is down");
      PluginCallException down = wire(() -> h.validate("{}"));
      assertEquals(PluginCallException.Kind.FAILED, down.kind());
      assertEquals("Jira is down", down.getMessage());

      t.toThrow = new ConfigException("object type sprints is not supported");
      PluginCallException unsupported = wire(() -> h.onboard("{}", "sprints"));
      assertEquals(PluginCallException.Kind.CONFIG, unsupported.kind());
      assertEquals("object type sprints is not supported", unsupported.getMessage());
    }
  }
}
