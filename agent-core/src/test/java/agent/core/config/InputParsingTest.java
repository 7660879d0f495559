package agent.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.plugin.IntegrationEntry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputParsingTest {
  private static String error(Runnable r) {
    return assertThrows(InputException.class, r::run).getMessage();
  }

  @Test
  void entriesGetTheirNameAsDefaultId() {
    List<IntegrationEntry> e = IntegrationsInput.parse(
        "[{\"name\":\"mock\"},{\"id\":\"m2\",\"name\":\"mock\",\"config\":{\"users\":1}}]", "x", List.of("mock"));
    assertEquals("mock", e.get(0).id());
    assertEquals("m2", e.get(1).id());
    assertEquals(1, e.get(1).config().path("users").asInt());
  }

  @Test
  void errorsNameThePlaceAndTheFix() {
    assertTrue(error(() -> IntegrationsInput.parse("[{\"name\":\"mock\",}]", "--integrations-json")).contains("line 1, column 17"));
    assertTrue(error(() -> IntegrationsInput.parse("[{\"name\":\"git\"}]", "s", List.of("mock", "jira")))
        .contains("known integrations: mock, jira"));
    assertTrue(error(() -> IntegrationsInput.parse("[{\"name\":\"mock\"},{\"name\":\"mock\"}]", "s")).contains("used twice"));
    assertTrue(error(() -> IntegrationsInput.parse("[]", "s")).contains("lists no integration"));
    assertTrue(error(() -> IntegrationsInput.parse("[{\"name\":\"mock\",\"id\":\"../x\"}]", "s")).contains("\"id\""));
    assertTrue(error(() -> IntegrationsInput.parse("[{\"name\":\"mock\",\"config\":[]}]", "s")).contains("\"config\" must be an object"));
  }

  @Test
  void agentConfig() {
    AgentConfig c = AgentConfig.parse("{\"customer_id\":\"acme\",\"integration_timeout_seconds\":60}", "x");
    assertEquals("acme", c.customerId());
    assertEquals(Duration.ofMinutes(1), c.integrationTimeout());
    assertEquals(AgentConfig.defaults(), AgentConfig.parse("{}", "x"));
    assertTrue(error(() -> AgentConfig.parse("{\"integration_timeout_seconds\":-1}", "x")).contains("positive"));
    assertTrue(error(() -> AgentConfig.parse("{\"custmer_id\":\"a\"}", "x")).contains("unknown key \"custmer_id\""));
  }

  @Test
  void aCustomerIdIsASafeNameNeverAPath() {
    assertEquals("acme-1.eu_2", AgentConfig.parse("{\"customer_id\":\"acme-1.eu_2\"}", "x").customerId());
    for (String bad : new String[] {"../../etc", "a/b", "c:x", "..", ".", "with space", "x".repeat(129)}) {
      String json = "{\"customer_id\":\"" + bad + "\"}";
      assertEquals("x \"customer_id\": customer id \"" + bad + "\" is not allowed: use 1 to 128 letters, digits, '.', '_' or"
          + " '-', without \"..\"", error(() -> AgentConfig.parse(json, "x")), bad);
    }
  }
}
