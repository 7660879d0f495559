package agent.rpcdef.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A forward proxy on loopback that demands Basic credentials (407 until they come) and then relays
 * plain requests (absolute-form, GET only) and CONNECT tunnels. Every upstream is this machine: the
 * made-up host names of the tests all mean 127.0.0.1 here.
 */
final class AuthenticatingProxy implements AutoCloseable {
  private final ServerSocket socket;
  private final String expected;
  final AtomicInteger challenges = new AtomicInteger();
  final List<String> relayed = new CopyOnWriteArrayList<>();

  AuthenticatingProxy(String user, String password) throws IOException {
    this.expected = "Basic " + java.util.Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::acceptLoop, "test-proxy");
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Thread t = new Thread(() -> handle(client), "test-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void handle(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      String head = readHead(in);
      if (head.isEmpty()) {
        return;
      }
      String[] lines = head.split("\r\n");
      String[] requestLine = lines[0].split(" ");
      String auth = null;
      StringBuilder forwarded = new StringBuilder();
      for (int i = 1; i < lines.length; i++) {
        String l = lines[i];
        String name = l.substring(0, Math.max(0, l.indexOf(':'))).trim();
        if (name.equalsIgnoreCase("Proxy-Authorization")) {
          auth = l.substring(l.indexOf(':') + 1).trim();
        } else if (!name.equalsIgnoreCase("Proxy-Connection") && !name.equalsIgnoreCase("Connection")) {
          forwarded.append(l).append("\r\n");
        }
      }
      if (!expected.equals(auth)) {
        challenges.incrementAndGet();
        out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\n"
            + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return;
      }
      relayed.add(requestLine[0] + " " + requestLine[1]);
      if (requestLine[0].equals("CONNECT")) {
        int port = Integer.parseInt(requestLine[1].substring(requestLine[1].lastIndexOf(':') + 1));
        try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), port)) {
          out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          Thread up = new Thread(() -> pipe(in, stream(upstream)));
          up.setDaemon(true);
          up.start();
          pipe(upstream.getInputStream(), out);
        }
        return;
      }
      URI target = URI.create(requestLine[1]);
      try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target.getPort())) {
        String path = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        OutputStream u = upstream.getOutputStream();
        u.write((requestLine[0] + " " + path + " HTTP/1.1\r\n" + forwarded + "Connection: close\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
        u.flush();
        pipe(upstream.getInputStream(), out);
      }
    } catch (IOException e) {
      // The client or the upstream went away; nothing to relay any more.
    }
  }

  private static OutputStream stream(Socket s) {
    try {
      return s.getOutputStream();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void pipe(InputStream from, OutputStream to) {
    byte[] buf = new byte[8192];
    try {
      for (int n; (n = from.read(buf)) >= 0; ) {
        to.write(buf, 0, n);
        to.flush();
      }
    } catch (IOException e) {
      // One side closed.
    }
  }

  /** The request line and headers, read byte by byte so nothing after them is consumed. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    for (int b; (b = in.read()) >= 0; ) {
      head.write(b);
      matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
      if (matched == 4) {
        break;
      }
    }
    return head.toString(StandardCharsets.ISO_8859_1).trim();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
