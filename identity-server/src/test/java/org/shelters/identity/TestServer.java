package org.shelters.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real server, started the way {@code java -jar} starts it, on a port and data folder of the
 * test's choosing. Issuer and port are fixed before the start so that tokens name the issuer the
 * test validates against, and a second start on the same port is the same issuer.
 */
final class TestServer implements AutoCloseable {

  static final String PARTNER_1_SHELTERS = "shelter-hermanos,shelter-annex";
  static final String PARTNER_2_SHELTERS = "shelter-misericordia";

  private final ConfigurableApplicationContext context;
  private final int port;

  private TestServer(ConfigurableApplicationContext context, int port) {
    this.context = context;
    this.port = port;
  }

  static TestServer start(Path dataDir, int port, String... extraArgs) {
    List<String> args = new ArrayList<>(List.of(
        "--server.port=" + port,
        "--spring.security.oauth2.authorizationserver.issuer=http://localhost:" + port,
        "--identity.data-dir=" + dataDir,
        "--identity.demo.enabled=true",
        "--identity.demo.partner-shelters.partner-1=" + PARTNER_1_SHELTERS,
        "--identity.demo.partner-shelters.partner-2=" + PARTNER_2_SHELTERS,
        "--spring.main.banner-mode=off"));
    args.addAll(List.of(extraArgs));
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(IdentityServerApplication.class).run(args.toArray(String[]::new));
    return new TestServer(context, port);
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String issuer() {
    return "http://localhost:" + port;
  }

  URI uri(String path) {
    return URI.create(issuer() + path);
  }

  @Override
  public void close() {
    context.close();
  }
}
