package agent.rpcdef.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The handshake line a plugin prints on stdout. */
class ProtocolTest {

  @Test
  void formatAndParseRoundTrip() {
    Protocol.Handshake h = Protocol.Handshake.forPort(41234);
    assertEquals("1|1|tcp|127.0.0.1:41234|grpc", h.line());
    assertEquals(h, Protocol.Handshake.parse(h.line()));
    // The line as read from a pipe, with its line ending.
    assertEquals(h, Protocol.Handshake.parse("1|1|tcp|127.0.0.1:41234|grpc\r\n"));
    assertEquals(1, h.coreVersion());
    assertEquals(Protocol.APP_PROTOCOL_VERSION, h.appVersion());
    assertEquals("127.0.0.1:41234", h.address());
    assertEquals(Protocol.Handshake.forPort(1), Protocol.Handshake.parse("1|1|tcp|127.0.0.1:1|grpc"));
    assertEquals(Protocol.Handshake.forPort(65535), Protocol.Handshake.parse("1|1|tcp|127.0.0.1:65535|grpc"));
  }

  @Test
  void theConstantsAreTheDocumentedOnes() {
    assertEquals("AGENT_PLUGIN_MAGIC_COOKIE", Protocol.MAGIC_COOKIE_ENV);
    assertEquals("5f1b0c0e-agent-plugin-cookie-7d2e9a4c", Protocol.MAGIC_COOKIE_VALUE);
    assertEquals("AGENT_PLUGIN_TOKEN", Protocol.TOKEN_ENV);
    assertEquals("authorization", Protocol.AUTHORIZATION_HEADER);
  }

  private static String rejected(String line) {
    return assertThrows(IllegalArgumentException.class, () -> Protocol.Handshake.parse(line)).getMessage();
  }

  @Test
  void parseRejectsAWrongFieldCount() {
    assertTrue(rejected("1|1|tcp|127.0.0.1:4000").startsWith("plugin handshake must have 5 fields"), rejected("1|1|tcp|127.0.0.1:4000"));
    assertTrue(rejected("1|1|tcp|127.0.0.1:4000|grpc|extra").contains("5 fields"));
    assertTrue(rejected("").contains("5 fields"));
    assertTrue(rejected("Listening on port 4000").contains("got: Listening on port 4000"));
    String longLine = "x".repeat(500);
    assertTrue(rejected(longLine).endsWith("x".repeat(200) + "..."), "a stray line is abbreviated");
  }

  @Test
  void parseRejectsOtherVersionsSayingSo() {
    assertEquals("plugin speaks core protocol 2, this agent speaks 1", rejected("2|1|tcp|127.0.0.1:4000|grpc"));
    assertEquals("plugin speaks protocol version 7, this agent speaks 1: install a plugin built for this agent version",
        rejected("1|7|tcp|127.0.0.1:4000|grpc"));
    assertTrue(rejected("a|1|tcp|127.0.0.1:4000|grpc").startsWith("plugin handshake versions are not numbers"));
  }

  @Test
  void parseRejectsOtherNetworksAndProtocols() {
    assertTrue(rejected("1|1|unix|/tmp/plugin.sock|grpc").startsWith("plugin handshake must announce tcp and grpc"));
    assertTrue(rejected("1|1|tcp|127.0.0.1:4000|netrpc").startsWith("plugin handshake must announce tcp and grpc"));
  }

  @Test
  void parseRejectsANonLoopbackAddress() {
    assertEquals("plugin must listen on 127.0.0.1, announced 0.0.0.0:4000", rejected("1|1|tcp|0.0.0.0:4000|grpc"));
    assertEquals("plugin must listen on 127.0.0.1, announced 10.0.0.5:4000", rejected("1|1|tcp|10.0.0.5:4000|grpc"));
    assertEquals("plugin must listen on 127.0.0.1, announced localhost:4000", rejected("1|1|tcp|localhost:4000|grpc"));
    assertEquals("plugin must listen on 127.0.0.1, announced [::1]:4000", rejected("1|1|tcp|[::1]:4000|grpc"));
  }

  @Test
  void parseRejectsABadPort() {
    for (String port : new String[] {"0", "65536", "-1", "", "http", "99999999999"}) {
      assertEquals("plugin announced an invalid port: 127.0.0.1:" + port, rejected("1|1|tcp|127.0.0.1:" + port + "|grpc"));
    }
  }
}
