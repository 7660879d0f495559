package agent.cmd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.proto.v1.IntegrationGrpc;
import agent.proto.v1.ShutdownRequest;
import agent.proto.v1.ValidateConfigRequest;
import agent.rpcdef.internal.Protocol;
import agent.rpcdef.internal.grpc.TokenAuth;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The mock plugin started by hand, as a stranger on the machine would. */
class PluginProtocolIT {

  private static ProcessBuilder plugin() {
    Path home = Dist.home();
    String cp = home.resolve("lib") + File.separator + "*" + File.pathSeparator + home.resolve("plugins/mock/lib") + File.separator + "*";
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", cp, "agent.integrations.mock.MockMain"));
    pb.environment().remove(Protocol.MAGIC_COOKIE_ENV);
    pb.environment().remove(Protocol.TOKEN_ENV);
    return pb;
  }

  @Test
  void refusesToRunWithoutTheCookie() throws Exception {
    Process p = plugin().start();
    p.getOutputStream().close();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(1, p.exitValue());
    assertTrue(stderr.contains("This is a plugin of agent, not meant to be run directly"), stderr);
    assertFalse(stderr.contains("Exception"), "a sentence, not a stack trace: " + stderr);
    assertEquals("", stdout, "stdout is for the handshake only");
  }

  @Test
  void rejectsCallsWithoutTheTokenAndExitsWhenStdinCloses() throws Exception {
    ProcessBuilder pb = plugin();
    pb.environment().put(Protocol.MAGIC_COOKIE_ENV, Protocol.MAGIC_COOKIE_VALUE);
    pb.environment().put(Protocol.TOKEN_ENV, "the-right-token");
    Process p = pb.start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      Protocol.Handshake hs = Protocol.Handshake.parse(out.readLine());
      int port = Integer.parseInt(hs.address().substring("127.0.0.1:".length()));

      assertEquals(Status.Code.UNAUTHENTICATED, callValidate(port, null));
      assertEquals(Status.Code.UNAUTHENTICATED, callValidate(port, "a-wrong-token"));
      assertEquals(Status.Code.OK, callValidate(port, "the-right-token"));

      // The host died: its end of stdin closes, and the plugin must not outlive it.
      p.getOutputStream().close();
      assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the plugin did not exit after stdin closed");
    } finally {
      p.destroyForcibly();
    }
  }

  /** Shutdown is answered, then the plugin is gone at once, with status 0 and nothing more on stdout. */
  @Test
  void answersShutdownThenExits() throws Exception {
    ProcessBuilder pb = plugin();
    pb.environment().put(Protocol.MAGIC_COOKIE_ENV, Protocol.MAGIC_COOKIE_VALUE);
    pb.environment().put(Protocol.TOKEN_ENV, "the-token");
    Process p = pb.start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      Protocol.Handshake hs = Protocol.Handshake.parse(out.readLine());
      int port = Integer.parseInt(hs.address().substring("127.0.0.1:".length()));
      assertEquals(Status.Code.OK, callValidate(port, "the-token"));

      ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
          .intercept(TokenAuth.client("the-token")).build();
      try {
        // Throws if the plugin left before its answer was out.
        IntegrationGrpc.newBlockingStub(ch).withDeadlineAfter(30, TimeUnit.SECONDS)
            .shutdown(ShutdownRequest.getDefaultInstance());
      } finally {
        ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
      // Stdin stays open, as the host keeps it: the exit is Shutdown's doing.
      assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the plugin did not exit after Shutdown");
      assertEquals(0, p.exitValue());
      assertEquals(null, out.readLine(), "stdout is for the handshake only");
      String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertFalse(stderr.contains("Exception"), stderr);
    } finally {
      p.destroyForcibly();
    }
  }

  private static Status.Code callValidate(int port, String token) throws InterruptedException {
    NettyChannelBuilder b = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext();
    if (token != null) {
      b.intercept(TokenAuth.client(token));
    }
    ManagedChannel ch = b.build();
    try {
      IntegrationGrpc.newBlockingStub(ch).withDeadlineAfter(30, TimeUnit.SECONDS)
          .validateConfig(ValidateConfigRequest.newBuilder().setConfigJson(com.google.protobuf.ByteString.copyFromUtf8("{}")).build());
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    } finally {
      ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
