package agent.testkit.fake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * A WireMock server on a free loopback port that answers every request through one function, at request
 * time: one catch-all stub, passed through a transformer that calls {@code answer}. Every call to a fake is
 * a real HTTP round trip. No request journal is kept; a fake keeps its own log. {@code answer} may be called
 * concurrently.
 */
public final class FakeServer implements AutoCloseable {
  private final WireMockServer server;
  private final boolean https;

  private FakeServer(WireMockConfiguration options, String name, Function<LoggedRequest, Reply> answer, boolean https) {
    this.server = new WireMockServer(options.bindAddress("127.0.0.1").disableRequestJournal()
        .extensions(new Answerer(name, answer)));
    this.https = https;
  }

  /** Plain HTTP; {@code name} names the transformer, e.g. {@code fake-github}. Not started yet. */
  public static FakeServer http(String name, Function<LoggedRequest, Reply> answer) {
    return new FakeServer(WireMockConfiguration.options().dynamicPort(), name, answer, false);
  }

  /** HTTPS only, with the key and certificate in a PKCS#12 {@code keystore} under {@code password}. Not started yet. */
  public static FakeServer https(String name, Path keystore, String password, Function<LoggedRequest, Reply> answer) {
    return new FakeServer(WireMockConfiguration.options().httpDisabled(true).dynamicHttpsPort()
        .keystorePath(keystore.toString()).keystorePassword(password).keyManagerPassword(password)
        .keystoreType("PKCS12"), name, answer, true);
  }

  /** Starts serving. */
  public FakeServer start() {
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
    return this;
  }

  /** {@code http://127.0.0.1:PORT} (or {@code https://}), without a trailing slash. */
  public String url() {
    return https ? "https://127.0.0.1:" + server.httpsPort() : "http://127.0.0.1:" + server.port();
  }

  @Override
  public void close() {
    server.stop();
  }

  /** Turns the catch-all stub's answer into the fake's {@link Reply}. */
  private static final class Answerer implements ResponseDefinitionTransformerV2 {
    private final String name;
    private final Function<LoggedRequest, Reply> answer;

    Answerer(String name, Function<LoggedRequest, Reply> answer) {
      this.name = name;
      this.answer = answer;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      Reply reply = answer.apply(event.getRequest());
      if (reply.resetConnection()) {
        return new ResponseDefinitionBuilder()
            .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER).build();
      }
      HttpHeaders headers = new HttpHeaders();
      for (Map.Entry<String, String> h : reply.headers().entrySet()) {
        headers = headers.plus(new HttpHeader(h.getKey(), h.getValue()));
      }
      return new ResponseDefinitionBuilder().withStatus(reply.status()).withHeaders(headers).withBody(reply.body())
          .build();
    }
  }
}
