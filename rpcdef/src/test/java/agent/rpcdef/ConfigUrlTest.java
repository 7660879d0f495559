package agent.rpcdef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ConfigUrlTest {
  private static String refused(String value) {
    return assertThrows(ConfigException.class, () -> ConfigUrl.parse("url", value, "https://HOST", "put it in \"token\""))
        .getMessage();
  }

  @Test
  void anAddressIsTrimmedOfSpacesAndTrailingSlashes() {
    assertEquals("https://git.example.com/gitlab", ConfigUrl.parse("url", " https://git.example.com/gitlab// ", "x", "y").toString());
  }

  @Test
  void eachFailureNamesTheKeyAndTheFix() {
    assertEquals("config key \"url\" is \"ftp://x\": give https://HOST", refused("ftp://x"));
    assertEquals("config key \"url\" is \"x\": give https://HOST", refused("x"));
    assertEquals("config key \"url\" carries credentials: put it in \"token\"", refused("https://u:p@x"));
    assertEquals("config key \"url\" is not a URL (Illegal character in authority): give https://HOST", refused("https://a b"));
  }
}
