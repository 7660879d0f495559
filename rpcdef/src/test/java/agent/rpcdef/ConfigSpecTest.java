package agent.rpcdef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.internal.ConfigSpecJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigSpecTest {
  static final ConfigSpec FAIL = ConfigSpec.builder()
      .integer("crash_after_objects").range(0, Long.MAX_VALUE).describe("exit 3")
      .integer("error_after_objects").range(0, Long.MAX_VALUE).describe("fail the export")
      .build();

  static final ConfigSpec SPEC = ConfigSpec.builder()
      .string("url").defaultValue("https://api.github.com").describe("the API root")
      .secret("access_token").describe("a personal access token")
      .strings("repos").describe("owner/name globs")
      .strings("branches").defaultValue(List.of("main"))
      .bool("include_forks").defaultValue(false)
      .integer("max_file_size").defaultValue(1024).range(0, 10_000)
      .integer("page")
      .object("fail", FAIL).describe("failure switches")
      .required("repos")
      .build();

  private static Config config(String json) {
    return Config.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> problems(String json) {
    return SPEC.problems(config(json));
  }

  @Test
  void aFittingConfigPasses() {
    assertEquals(List.of(), problems("{\"repos\":[\"a/*\"],\"access_token\":\"t\",\"fail\":{\"crash_after_objects\":3}}"));
    assertEquals(List.of(), problems("{\"repos\":[], \"url\": null}"), "null counts as absent");
  }

  @Test
  void anUnknownKeyIsAnErrorThatSuggestsTheClosestKey() {
    assertEquals(List.of("unknown config key \"branch\"; did you mean \"branches\"? "
        + "(known keys: url, access_token, repos, branches, include_forks, max_file_size, page, fail)"),
        problems("{\"repos\":[],\"branch\":[\"main\"]}"));
    assertTrue(problems("{\"repos\":[],\"acess_token\":\"x\"}").get(0).contains("did you mean \"access_token\"?"));
    assertTrue(problems("{\"repos\":[],\"URL\":\"x\"}").get(0).contains("did you mean \"url\"?"), "case is a typo too");
    String far = problems("{\"repos\":[],\"colour\":\"x\"}").get(0);
    assertFalse(far.contains("did you mean"), far);
    assertTrue(far.startsWith("unknown config key \"colour\" (known keys: url,"), far);
  }

  @Test
  void anUnknownNestedKeyIsNamedByItsPath() {
    assertEquals(List.of("unknown config key \"fail.crash_after\"; did you mean \"fail.crash_after_objects\"? "
        + "(known keys of \"fail\": crash_after_objects, error_after_objects)"),
        problems("{\"repos\":[],\"fail\":{\"crash_after\":1}}"));
  }

  @Test
  void aWrongTypeNamesKeyAndExpectation() {
    assertEquals(List.of("config key \"page\" must be a whole number, got \"many\""), problems("{\"repos\":[],\"page\":\"many\"}"));
    assertEquals(List.of("config key \"include_forks\" must be true or false, got \"yes\""),
        problems("{\"repos\":[],\"include_forks\":\"yes\"}"));
    assertEquals(List.of("config key \"repos\" must be an array of strings, got \"a/b\""), problems("{\"repos\":\"a/b\"}"));
    assertEquals(List.of("config key \"repos\" must be an array of strings, found 5 at index 1"),
        problems("{\"repos\":[\"a\",5]}"));
    assertEquals(List.of("config key \"fail\" must be an object, got true"), problems("{\"repos\":[],\"fail\":true}"));
    assertEquals(List.of("config key \"fail.error_after_objects\" must be 0 or more, got -1"),
        problems("{\"repos\":[],\"fail\":{\"error_after_objects\":-1}}"));
    assertEquals(List.of("config key \"max_file_size\" must be between 0 and 10000, got 20000"),
        problems("{\"repos\":[],\"max_file_size\":20000}"));
    assertEquals(List.of("config key \"page\" must be a whole number, got 1.5"), problems("{\"repos\":[],\"page\":1.5}"));
  }

  @Test
  void aSecretOfTheWrongTypeIsNotRepeated() {
    String p = problems("{\"repos\":[],\"access_token\":123456789}").get(0);
    assertEquals("config key \"access_token\" must be a string, got a number", p);
  }

  @Test
  void aMissingRequiredKeyIsNamed() {
    assertEquals(List.of("config key \"repos\" is required (string[]): owner/name globs"), problems("{}"));
    assertEquals(List.of("config key \"repos\" is required (string[]): owner/name globs"), problems("{\"repos\":null}"));
  }

  @Test
  void checkReportsEveryProblemInOneSentence() {
    ConfigException e = assertThrows(ConfigException.class, () -> SPEC.check(config("{\"branch\":1,\"page\":\"x\"}")));
    assertTrue(e.getMessage().startsWith("unknown config key \"branch\"; did you mean \"branches\"?"), e.getMessage());
    assertTrue(e.getMessage().contains("; config key \"page\" must be a whole number"), e.getMessage());
    assertTrue(e.getMessage().endsWith("; config key \"repos\" is required (string[]): owner/name globs"), e.getMessage());
  }

  @Test
  void aCheckedConfigAnswersDeclaredDefaults() {
    Config c = SPEC.check(config("{\"repos\":[\"x\"],\"max_file_size\":5}"));
    assertEquals("https://api.github.com", c.string("url"));
    assertNull(c.string("access_token"), "no value, no default");
    assertEquals(List.of("main"), c.strings("branches"));
    assertEquals(List.of("x"), c.strings("repos"));
    assertFalse(c.bool("include_forks"));
    assertEquals(5, c.integer("max_file_size"));
    assertEquals(-1, c.object("fail").integer("crash_after_objects", -1, 0, Long.MAX_VALUE));
    assertThrows(IllegalStateException.class, () -> c.integer("page"), "absent without a default");
    assertThrows(IllegalStateException.class, () -> c.string("nope"), "not declared");
    assertThrows(IllegalStateException.class, () -> config("{}").string("url"), "not checked against a spec");
    assertEquals("fallback", config("{}").string("url", "fallback"), "the accessors with a fallback work unbound");
  }

  @Test
  void authorMistakesFailTheBuild() {
    assertThrows(IllegalStateException.class, () -> ConfigSpec.builder().string("a").string("a").build());
    assertThrows(IllegalStateException.class, () -> ConfigSpec.builder().string("a").defaultValue(3).build());
    assertThrows(IllegalStateException.class, () -> ConfigSpec.builder().string("a").defaultValue("x").required().build());
    assertThrows(IllegalStateException.class, () -> ConfigSpec.builder().string("a").required("b").build());
    assertThrows(IllegalStateException.class, () -> ConfigSpec.builder().string("a").range(0, 1).build());
    assertThrows(IllegalStateException.class, () -> ConfigSpec.builder().integer("a").defaultValue(5).range(0, 1).build());
    assertThrows(IllegalStateException.class, () -> ConfigSpec.builder().describe("nothing open").build());
    assertThrows(IllegalArgumentException.class, () -> ConfigSpec.builder().string("a.b").build());
  }

  @Test
  void theEmptySpecRefusesEveryKey() {
    assertEquals(List.of("unknown config key \"x\" (no keys are known)"), ConfigSpec.empty().problems(config("{\"x\":1}")));
    assertEquals(List.of(), ConfigSpec.empty().problems(config("")));
  }

  @Test
  void theProtocolFormRoundTrips() {
    ConfigSpec back = ConfigSpecJson.read(ConfigSpecJson.write(SPEC));
    assertEquals(SPEC.keys().toString(), back.keys().toString());
    assertTrue(back.key("access_token").orElseThrow().secret());
    assertTrue(back.key("repos").orElseThrow().required());
    assertNull(ConfigSpecJson.read(new byte[0]), "a plugin that declares nothing");
    assertThrows(IllegalArgumentException.class, () -> ConfigSpecJson.read("{\"keys\":[{\"name\":\"a\",\"type\":\"float\"}]}".getBytes()));
  }

  @Test
  void closestKeyAndDistance() {
    assertEquals(1, ConfigCheck.distance("resp", "reps"));
    assertEquals(2, ConfigCheck.distance("branch", "branches"));
    assertEquals("repos", ConfigCheck.closest("repo", List.of("repos", "branches")));
    assertNull(ConfigCheck.closest("zzzzzz", List.of("repos", "branches")));
  }
}
