package agent.devbackend;

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

/** The devbackend as a parent process (an end-to-end test, an operator) runs it: its own JVM. */
class DevBackendMainIT {
  @TempDir Path dataDir;

  @Test
  void portZeroPrintsTheChosenPortFirstAndServes() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                List.of(
                    java.toString(), "-cp", System.getProperty("java.class.path"),
                    DevBackendMain.class.getName(),
                    "--port", "0", "--data-dir", dataDir.toString(), "--admin-token", "t0ken"))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      BufferedReader stdout =
          new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String first = stdout.readLine();
      Matcher m = Pattern.compile("listening on (http://127\\.0\\.0\\.1:(\\d+))").matcher(String.valueOf(first));
      assertTrue(m.matches(), "first stdout line: " + first);
      assertTrue(Integer.parseInt(m.group(2)) > 0);

      HttpResponse<String> minted =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(m.group(1) + "/admin/enrollment-codes"))
                      .header("Authorization", "Bearer t0ken")
                      .POST(HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(201, minted.statusCode(), minted.body());
      assertTrue(minted.body().contains("\"code\""), minted.body());
    } finally {
      process.destroy();
      assertTrue(process.waitFor(10, TimeUnit.SECONDS), "devbackend did not stop on SIGTERM");
    }
  }
}
