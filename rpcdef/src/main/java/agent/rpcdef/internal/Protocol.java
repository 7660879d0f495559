package agent.rpcdef.internal;

/**
 * The fixed values of the plugin protocol (see _docs/plugin-protocol.md). Shared by host and plugins.
 */
public final class Protocol {
  /** Set by the host; a plugin started without it refuses to run. */
  public static final String MAGIC_COOKIE_ENV = "AGENT_PLUGIN_MAGIC_COOKIE";

  /** The cookie's value. Not a secret: it only tells a plugin that a host started it. */
  public static final String MAGIC_COOKIE_VALUE = "5f1b0c0e-agent-plugin-cookie-7d2e9a4c";

  /** Set by the host to a fresh random value per launch; every call carries it. */
  public static final String TOKEN_ENV = "AGENT_PLUGIN_TOKEN";

  /** The handshake's first field. */
  public static final int CORE_PROTOCOL_VERSION = 1;

  /** The version of the services in plugin.proto. */
  public static final int APP_PROTOCOL_VERSION = 1;

  /** The metadata key carrying {@code Bearer <token>}. */
  public static final String AUTHORIZATION_HEADER = "authorization";

  /** What a plugin prints when started by hand. */
  public static final String NOT_A_PROGRAM_MESSAGE =
      "This is a plugin of agent, not meant to be run directly.\n"
          + "The agent starts it when an export uses its integration, e.g.: agent export --integrations-json '[{\"name\":\"mock\"}]'";

  private Protocol() {}

  /**
   * The one line a plugin prints on stdout once it listens: {@code
   * 1|<app-version>|tcp|127.0.0.1:<port>|grpc}.
   */
  public record Handshake(int coreVersion, int appVersion, String network, String address, String protocol) {

    public static Handshake forPort(int port) {
      return new Handshake(CORE_PROTOCOL_VERSION, APP_PROTOCOL_VERSION, "tcp", "127.0.0.1:" + port, "grpc");
    }

    public String line() {
      return coreVersion + "|" + appVersion + "|" + network + "|" + address + "|" + protocol;
    }

    /** Parses and checks a handshake line; the message says what was wrong. */
    public static Handshake parse(String line) {
      String[] f = line.trim().split("\\|", -1);
      if (f.length != 5) {
        throw new IllegalArgumentException(
            "plugin handshake must have 5 fields core|app|tcp|host:port|grpc, got: " + abbreviate(line));
      }
      int core;
      int app;
      try {
        core = Integer.parseInt(f[0]);
        app = Integer.parseInt(f[1]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("plugin handshake versions are not numbers: " + abbreviate(line));
      }
      if (core != CORE_PROTOCOL_VERSION) {
        throw new IllegalArgumentException(
            "plugin speaks core protocol " + core + ", this agent speaks " + CORE_PROTOCOL_VERSION);
      }
      if (app != APP_PROTOCOL_VERSION) {
        throw new IllegalArgumentException(
            "plugin speaks protocol version " + app + ", this agent speaks " + APP_PROTOCOL_VERSION
                + ": install a plugin built for this agent version");
      }
      if (!"tcp".equals(f[2]) || !"grpc".equals(f[4])) {
        throw new IllegalArgumentException("plugin handshake must announce tcp and grpc, got: " + abbreviate(line));
      }
      String addr = f[3];
      if (!addr.startsWith("127.0.0.1:")) {
        throw new IllegalArgumentException("plugin must listen on 127.0.0.1, announced " + addr);
      }
      try {
        int port = Integer.parseInt(addr.substring("127.0.0.1:".length()));
        if (port <= 0 || port > 65535) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("plugin announced an invalid port: " + addr);
      }
      return new Handshake(core, app, f[2], addr, f[4]);
    }

    private static String abbreviate(String s) {
      return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
  }
}
