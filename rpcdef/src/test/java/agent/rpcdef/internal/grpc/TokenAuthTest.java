package agent.rpcdef.internal.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import agent.proto.v1.AgentGrpc;
import agent.proto.v1.SessionKind;
import agent.proto.v1.SessionStartRequest;
import agent.proto.v1.SessionStartResponse;
import agent.rpcdef.AgentException;
import agent.rpcdef.Config;
import agent.rpcdef.ExportContext;
import agent.rpcdef.Integration;
import agent.rpcdef.PluginLogger;
import agent.rpcdef.ValidationResult;
import agent.rpcdef.fixtures.ExportOnly;
import agent.rpcdef.internal.ObjectStream;
import agent.rpcdef.testing.RecordingAgent;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-launch token over real TCP on 127.0.0.1, as between the agent and a plugin process: both
 * services, intercepted with {@link TokenAuth#server}, reject calls without the exact {@code
 * authorization: Bearer <token>} metadata.
 */
class TokenAuthTest {
  static final String TOKEN = "0f3c5d1e-per-launch-token";
  static final Duration DEADLINE = Duration.ofSeconds(10);

  private final RecordingAgent host = new RecordingAgent("mock");
  private final List<ManagedChannel> channels = new ArrayList<>();
  private Server server;
  private int port;

  @BeforeEach
  void start() throws Exception {
    Integration plugin = new ExportOnly() {
      @Override
      public void export(ExportContext ctx) {}

      @Override
      public ValidationResult validate(Config config) {
        return ValidationResult.ok("bot");
      }
    };
    IntegrationService integration = new IntegrationService(plugin, address -> host, () -> {},
        new PluginLogger(new PrintStream(new ByteArrayOutputStream(), true)));
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(ServerInterceptors.intercept(new AgentService(host), TokenAuth.server(TOKEN)))
        .addService(ServerInterceptors.intercept(integration, TokenAuth.server(TOKEN)))
        .build()
        .start();
    port = ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
  }

  @AfterEach
  void stop() throws Exception {
    for (ManagedChannel c : channels) {
      c.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private ManagedChannel channel(ClientInterceptor... interceptors) {
    ManagedChannel c = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().intercept(interceptors).build();
    channels.add(c);
    return c;
  }

  private static ClientInterceptor header(String value) {
    Metadata m = new Metadata();
    m.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), value);
    return MetadataUtils.newAttachHeadersInterceptor(m);
  }

  private static SessionStartResponse start(ManagedChannel c) {
    return AgentGrpc.newBlockingStub(c).withDeadlineAfter(10, TimeUnit.SECONDS).sessionStart(
        SessionStartRequest.newBuilder().setKind(SessionKind.SESSION_KIND_TRACKING).setName("organization")
            .setEntityId("acme").build());
  }

  private static void assertUnauthenticated(Runnable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
    assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
    assertEquals("missing or wrong plugin token", e.getStatus().getDescription());
  }

  @Test
  void callsWithoutTheRightTokenAreUnauthenticated() {
    assertUnauthenticated(() -> start(channel()));
    assertUnauthenticated(() -> start(channel(TokenAuth.client("not-the-token"))));
    assertUnauthenticated(() -> start(channel(header(TOKEN)))); // the scheme is required
    assertUnauthenticated(() -> start(channel(header("bearer " + TOKEN)))); // exactly "Bearer "
    assertUnauthenticated(() -> start(channel(header("Bearer " + TOKEN + " "))));
    assertEquals(List.of(), host.sessions(), "a rejected call never reaches the service");
  }

  @Test
  void callsWithTheTokenSucceed() {
    assertEquals("mock/organization/acme", start(channel(TokenAuth.client(TOKEN))).getKey());
    assertEquals("mock/organization/acme", start(channel(header("Bearer " + TOKEN))).getKey());
  }

  @Test
  void theIntegrationServiceChecksTheTokenToo() {
    IntegrationClient wrong = new IntegrationClient(channel(TokenAuth.client("stale")));
    PluginCallException e = assertThrows(PluginCallException.class, () -> wrong.validate("{}".getBytes(), DEADLINE));
    assertEquals(PluginCallException.Kind.UNAUTHENTICATED, e.kind());
    assertEquals("missing or wrong plugin token", e.getMessage());

    IntegrationClient right = new IntegrationClient(channel(TokenAuth.client(TOKEN)));
    assertEquals(ValidationResult.ok("bot"), right.validate("{}".getBytes(), DEADLINE));
    assertEquals("dev", right.init("127.0.0.1:1", "mock", "mock", "c", "test", DEADLINE).pluginVersion());
  }

  @Test
  void anObjectStreamWithoutTheTokenFailsLoudly() {
    long id = host.sessionStart(0, agent.rpcdef.internal.SessionKind.MODEL, "sourcecode.Repo", "").id();
    ObjectStream stream = new AgentClient(channel(TokenAuth.client("wrong"))).sessionSend(id);
    AgentException e = assertThrows(AgentException.class, () -> {
      stream.write(ByteBuffer.wrap("{\"id\":1}\n".getBytes(StandardCharsets.UTF_8)), 1);
      stream.close();
    });
    assertEquals("agent call SessionSend failed: missing or wrong plugin token (UNAUTHENTICATED)", e.getMessage());
    assertEquals(List.of(), host.sessions().get(0).objects());
  }
}
