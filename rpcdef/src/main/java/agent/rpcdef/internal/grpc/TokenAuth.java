package agent.rpcdef.internal.grpc;

import agent.rpcdef.internal.Protocol;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The per-launch token on every call, in both directions. */
public final class TokenAuth {
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of(Protocol.AUTHORIZATION_HEADER, Metadata.ASCII_STRING_MARSHALLER);

  private TokenAuth() {}

  /** Adds the token to every outgoing call. */
  public static ClientInterceptor client(String token) {
    String value = "Bearer " + token;
    return new ClientInterceptor() {
      @Override
      public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
          @Override
          public void start(Listener<R> listener, Metadata headers) {
            headers.put(AUTHORIZATION, value);
            super.start(listener, headers);
          }
        };
      }
    };
  }

  /** Rejects every incoming call that does not carry the token with UNAUTHENTICATED. */
  public static ServerInterceptor server(String token) {
    byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.US_ASCII);
    return new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String got = headers.get(AUTHORIZATION);
        // Constant-time comparison: the token is the only thing between a local process and the port.
        if (got == null || !MessageDigest.isEqual(expected, got.getBytes(StandardCharsets.US_ASCII))) {
          call.close(
              Status.UNAUTHENTICATED.withDescription("missing or wrong plugin token"), new Metadata());
          return new ServerCall.Listener<>() {};
        }
        return next.startCall(call, headers);
      }
    };
  }
}
