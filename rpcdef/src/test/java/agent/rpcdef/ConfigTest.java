package agent.rpcdef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Config accessors fail with a message that names the key and what was expected. */
class ConfigTest {
  private static Config parse(String json) {
    return Config.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String fails(Runnable r) {
    return assertThrows(ConfigException.class, r::run).getMessage();
  }

  private final Config c = parse("""
      {"url":"https://api.github.com","blank":" ","n":42,"big":1e3,"frac":1.5,"flag":true,"nul":null,
       "repos":["api","web"],"mixed":["a",1],"proxy":{"host":"p"},"str":"x"}
      """);

  @Test
  void readsPresentValues() {
    assertEquals("https://api.github.com", c.requireString("url"));
    assertEquals("https://api.github.com", c.string("url", "d"));
    assertEquals(42, c.integer("n", 0, 0, 100));
    assertTrue(c.bool("flag", false));
    assertEquals(List.of("api", "web"), c.strings("repos"));
    assertEquals("p", c.object("proxy").requireString("host"));
    assertTrue(c.has("url"));
  }

  @Test
  void absentOrNullKeysFallBack() {
    for (String k : new String[] {"missing", "nul"}) {
      assertFalse(c.has(k));
      assertEquals("d", c.string(k, "d"));
      assertEquals(7, c.integer(k, 7, 0, 10));
      assertTrue(c.bool(k, true));
      assertEquals(List.of(), c.strings(k));
      assertFalse(c.object(k).has("x"));
    }
  }

  @Test
  void requireStringNamesTheKey() {
    assertEquals("config key \"token\" is required (a string)", fails(() -> c.requireString("token")));
    assertEquals("config key \"nul\" is required (a string)", fails(() -> c.requireString("nul")));
    assertEquals("config key \"blank\" must be a non-empty string", fails(() -> c.requireString("blank")));
    assertEquals("config key \"n\" must be a non-empty string", fails(() -> c.requireString("n")));
  }

  @Test
  void wrongTypesNameTheKeyAndWhatWasExpected() {
    assertEquals("config key \"n\" must be a string", fails(() -> c.string("n", "")));
    assertEquals("config key \"str\" must be a whole number, got \"x\"", fails(() -> c.integer("str", 0, 0, 10)));
    assertEquals("config key \"frac\" must be a whole number, got 1.5", fails(() -> c.integer("frac", 0, 0, 10)));
    assertEquals("config key \"big\" must be a whole number, got 1000.0", fails(() -> c.integer("big", 0, 0, 10_000)));
    assertEquals("config key \"n\" must be between 0 and 10, got 42", fails(() -> c.integer("n", 0, 0, 10)));
    assertEquals("config key \"str\" must be true or false", fails(() -> c.bool("str", false)));
    assertEquals("config key \"str\" must be an array of strings", fails(() -> c.strings("str")));
    assertEquals("config key \"mixed\" must be an array of strings, found 1", fails(() -> c.strings("mixed")));
    assertEquals("config key \"repos\" must be an object", fails(() -> c.object("repos")));
  }

  @Test
  void parseAcceptsEmptyAndRejectsNonObjects() {
    assertFalse(Config.parse(new byte[0]).has("x"));
    assertFalse(Config.parse(null).has("x"));
    assertFalse(parse("null").has("x"));
    assertEquals("config must be a JSON object, got array", fails(() -> parse("[1]")));
    assertEquals("config must be a JSON object, got string", fails(() -> parse("\"x\"")));
    assertTrue(fails(() -> parse("{\"a\":")).startsWith("config is not valid JSON: "));
  }
}
