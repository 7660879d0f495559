package agent.rpcdef.internal.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.ExportContext;
import agent.rpcdef.Integration;
import agent.rpcdef.Json;
import agent.rpcdef.ModelSession;
import agent.rpcdef.Sessions;
import agent.rpcdef.fixtures.ExportOnly;
import agent.rpcdef.testing.IntegrationHarness;
import agent.rpcdef.testing.RecordingAgent;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A plugin that produces faster than the host writes is held back by gRPC flow control instead of
 * buffering its whole output. The assertions count batches, not time: the host is slowed down
 * ({@link RecordingAgent#setWriteDelayMillis}) only so that the producer would run far ahead if
 * nothing held it back.
 */
class FlowControlTest {
  /** Every object is one 1 KiB line, so a batch is exactly BATCH_BYTES / 1024 objects. */
  static final int LINE = 1024;
  static final int PER_BATCH = ModelSession.BATCH_BYTES / LINE;

  static byte[] line(int i) {
    Map<String, Object> o = Map.of("id", String.format("%08d", i), "pad", "");
    int base = Json.bytes(o).length + 1;
    return Json.bytes(Map.of("id", String.format("%08d", i), "pad", "x".repeat(LINE - base)));
  }

  /**
   * In process, the host's stream requests one message at a time (the stub asks for the next one
   * after onNext returns) and the client is ready only while a request is outstanding. So when the
   * plugin's k-th batch has been handed over, the host has finished batch k-1: the producer is at
   * most one batch ahead, whatever the timing.
   */
  @Test
  void inProcessThePluginIsAtMostOneBatchAheadOfTheHost() {
    int objects = 5 * 1024 * 1024 / LINE; // 5 MiB, 40 batches
    AtomicReference<RecordingAgent> host = new AtomicReference<>();
    AtomicLong maxAhead = new AtomicLong(-1);
    Integration fast = new ExportOnly() {
      @Override
      public void export(ExportContext ctx) {
        ModelSession m = ctx.model("sourcecode.Commit");
        for (int i = 0; i < objects; i++) {
          m.sendJson(line(i));
          long flushed = (i + 1) / PER_BATCH;
          maxAhead.accumulateAndGet(flushed - host.get().batches(), Math::max);
        }
        m.done();
      }
    };
    try (IntegrationHarness h = IntegrationHarness.start(fast, "git")) {
      host.set(h.agent());
      h.agent().setWriteDelayMillis(20);
      IntegrationHarness.Result r = h.export("{}");
      assertEquals(objects, r.counts().get("sourcecode.Commit"));
      assertEquals(objects / PER_BATCH, h.agent().batches());
      assertEquals(ModelSession.BATCH_BYTES, h.agent().maxBatchBytes());
    }
    assertTrue(maxAhead.get() >= 0);
    assertTrue(maxAhead.get() <= 1, "the plugin ran " + maxAhead.get() + " batches ahead of the host");
  }

  /**
   * Over TCP, as between real processes, the bound is in bytes: the HTTP/2 flow-control window
   * (1 MiB by default in grpc-java, which auto-tuning may grow to at most 8 MiB) plus what the client
   * buffers before it reports not ready (32 KiB) plus the batch being handed over and the one the
   * host is writing. The plugin sends 32 MiB; without flow control it would finish while the host has
   * written a few of them. Measured here: 8 or 9 batches (about 1 MiB) ahead.
   */
  @Test
  void overNettyThePluginIsHeldBackByTheFlowControlWindow() throws Exception {
    String token = "flow-token";
    RecordingAgent host = new RecordingAgent("git");
    host.setWriteDelayMillis(5);
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(ServerInterceptors.intercept(new AgentService(host), TokenAuth.server(token)))
        .build()
        .start();
    int port = ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port)
        .usePlaintext()
        .intercept(TokenAuth.client(token))
        .build();
    try {
      ModelSession m = new Sessions(new AgentClient(channel)).model("sourcecode.Commit");
      int objects = 32 * 1024 * 1024 / LINE;
      long maxAhead = 0;
      for (int i = 0; i < objects; i++) {
        m.sendJson(line(i));
        long flushed = (i + 1) / PER_BATCH;
        maxAhead = Math.max(maxAhead, flushed - host.batches());
      }
      m.done();
      assertEquals(objects, host.sessions().get(0).objects().size());
      long aheadBytes = maxAhead * ModelSession.BATCH_BYTES;
      assertTrue(aheadBytes <= 9 * 1024 * 1024, "the plugin ran " + aheadBytes + " bytes ahead of the host");
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
