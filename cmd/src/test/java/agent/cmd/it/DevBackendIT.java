package agent.cmd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/devbackend} of the distribution: what the service-mode end-to-end tests start. */
class DevBackendIT {
  @TempDir Path dataDir;

  @Test
  void mintsACodeAndServesOnTheFreePortItPrints() throws Exception {
    String devbackend = Dist.home().resolve("bin/devbackend").toString();
    Process mint =
        new ProcessBuilder(devbackend, "--data-dir", dataDir.toString(), "--mint-code")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String code = new String(mint.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(mint.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, mint.exitValue());
    assertTrue(code.matches("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}"), code);

    Process server =
        new ProcessBuilder(
                List.of(devbackend, "--port", "0", "--data-dir", dataDir.toString(), "--admin-token", "t"))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      String first =
          new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8)).readLine();
      Matcher m = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(String.valueOf(first));
      assertTrue(m.matches(), "first stdout line: " + first);

      HttpResponse<String> enrolled =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(m.group(1) + "/api/v1/enroll"))
                      .POST(HttpRequest.BodyPublishers.ofString(
                          "{\"code\":\"" + code + "\",\"request_id\":\"r-1\"}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(201, enrolled.statusCode(), enrolled.body());
      assertTrue(enrolled.body().contains("\"api_key\":\"ak_"), enrolled.body());
    } finally {
      server.destroy();
      assertTrue(server.waitFor(10, TimeUnit.SECONDS), "devbackend did not stop on SIGTERM");
    }
  }
}
