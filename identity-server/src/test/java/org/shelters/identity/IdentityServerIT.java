package org.shelters.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One real server, real sign-ins through the login form, real signed tokens. */
class IdentityServerIT {

  @TempDir static Path dataDir;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(dataDir, TestServer.freePort());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void discoveryDocumentDescribesAnOAuth21Server() throws Exception {
    Map<String, Object> discovery = BrowserFlow.json(get("/.well-known/openid-configuration").body());

    assertThat(discovery).containsEntry("issuer", server.issuer())
        .containsEntry("authorization_endpoint", server.issuer() + "/oauth2/authorize")
        .containsEntry("token_endpoint", server.issuer() + "/oauth2/token")
        .containsEntry("jwks_uri", server.issuer() + "/oauth2/jwks")
        .containsEntry("userinfo_endpoint", server.issuer() + "/userinfo");
    assertThat((List<Object>) discovery.get("response_types_supported")).containsExactly("code");
    assertThat((List<Object>) discovery.get("code_challenge_methods_supported")).containsExactly("S256");
    assertThat((List<Object>) discovery.get("id_token_signing_alg_values_supported")).contains("RS256");
    assertThat((List<Object>) discovery.get("grant_types_supported")).contains("authorization_code").doesNotContain("password", "implicit");

    List<JWK> keys = TokenVerifier.publishedKeys(server.uri("/oauth2/jwks")).getKeys();
    assertThat(keys).hasSize(1);
    assertThat(keys.get(0).getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
    assertThat(keys.get(0).getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(keys.get(0).isPrivate()).as("only the public key is published").isFalse();
  }

  @Test
  void codeFlowWithPkceGivesAShortLivedSignedAccessTokenWithThePlatformClaims() throws Exception {
    String token = new BrowserFlow(server).signIn("programme", "programme-demo").accessToken();

    JWTClaimsSet claims = TokenVerifier.verifyAccessToken(token, server);
    SignedJWT jwt = SignedJWT.parse(token);
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(jwt.getHeader().getKeyID()).isEqualTo(TokenVerifier.publishedKeys(server.uri("/oauth2/jwks")).getKeys().get(0).getKeyID());
    assertThat(claims.getIssuer()).isEqualTo(server.issuer());
    assertThat(claims.getAudience()).containsExactly("shelters-platform");
    assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant())).isEqualTo(Duration.ofMinutes(15));
    assertThat(claims.getStringListClaim("roles")).containsExactly("PROGRAMME_OFFICER");
    assertThat(claims.getClaims()).doesNotContainKeys("shelters", "preferred_username", "name", "email");
    assertThat(UUID.fromString(claims.getSubject())).as("sub is an opaque UUID").isNotNull();
    assertThat(claims.getClaims().values()).as("the user name appears nowhere in the access token").doesNotContain("programme");

    String again = new BrowserFlow(server).signIn("programme", "programme-demo").accessToken();
    String other = new BrowserFlow(server).signIn("analyst", "analyst-demo").accessToken();
    assertThat(TokenVerifier.verifyAccessToken(again, server).getSubject()).as("stable subject").isEqualTo(claims.getSubject());
    JWTClaimsSet analyst = TokenVerifier.verifyAccessToken(other, server);
    assertThat(analyst.getSubject()).isNotEqualTo(claims.getSubject());
    assertThat(analyst.getStringListClaim("roles")).containsExactly("ANALYST");
  }

  @Test
  void partnerTokensCarryTheirShelters() throws Exception {
    JWTClaimsSet partner1 = TokenVerifier.verifyAccessToken(new BrowserFlow(server).signIn("partner-1", "partner-1-demo").accessToken(), server);
    JWTClaimsSet partner2 = TokenVerifier.verifyAccessToken(new BrowserFlow(server).signIn("partner-2", "partner-2-demo").accessToken(), server);

    assertThat(partner1.getStringListClaim("roles")).containsExactly("SHELTER_PARTNER");
    assertThat(partner1.getStringListClaim("shelters")).containsExactly("shelter-hermanos", "shelter-annex");
    assertThat(partner2.getStringListClaim("shelters")).containsExactly("shelter-misericordia");
  }

  @Test
  void idTokenNamesTheSameSubjectAndUserInfoAnswersWithTheAccessToken() throws Exception {
    BrowserFlow.Tokens tokens = new BrowserFlow(server).signIn("donor", "donor-demo");
    JWTClaimsSet access = TokenVerifier.verifyAccessToken(tokens.accessToken(), server);
    JWTClaimsSet id = TokenVerifier.verifyIdToken(tokens.idToken(), server, BrowserFlow.DEV_CLIENT);

    assertThat(id.getSubject()).isEqualTo(access.getSubject());
    assertThat(id.getStringClaim("preferred_username")).isEqualTo("donor");
    assertThat(id.getStringListClaim("roles")).containsExactly("DONOR");
    assertThat(id.getClaims()).as("shelters are for partners only").doesNotContainKey("shelters");
    assertThat(access.getClaims()).as("the user name stays in the ID token").doesNotContainKey("preferred_username");
    assertThat(id.getAudience()).containsExactly(BrowserFlow.DEV_CLIENT);

    HttpResponse<String> userInfo = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri("/userinfo"))
        .header("Authorization", "Bearer " + tokens.accessToken()).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(userInfo.statusCode()).isEqualTo(200);
    assertThat(BrowserFlow.json(userInfo.body())).containsEntry("sub", access.getSubject());
  }

  @Test
  void theDashboardReadsRolesAndSheltersFromThePartnersIdToken() throws Exception {
    BrowserFlow.Tokens tokens = new BrowserFlow(server, BrowserFlow.Client.dashboard()).signIn("partner-1", "partner-1-demo");
    JWTClaimsSet id = TokenVerifier.verifyIdToken(tokens.idToken(), server, "shelters-dashboard");
    JWTClaimsSet access = TokenVerifier.verifyAccessToken(tokens.accessToken(), server);

    assertThat(id.getSubject()).isEqualTo(access.getSubject());
    assertThat(id.getStringClaim("preferred_username")).isEqualTo("partner-1");
    assertThat(id.getStringListClaim("roles")).containsExactly("SHELTER_PARTNER");
    assertThat(id.getStringListClaim("shelters")).containsExactly("shelter-hermanos", "shelter-annex")
        .isEqualTo(access.getStringListClaim("shelters"));
    assertThat(access.getClaims()).doesNotContainKey("preferred_username");
  }

  @Test
  void partnerSheltersWrittenWhileTheServerRunsReachTheNextSignInAndRefresh() throws Exception {
    Path file = dataDir.resolve("partner-shelters.json");
    BrowserFlow dashboard = new BrowserFlow(server, BrowserFlow.Client.dashboard());
    BrowserFlow.Tokens before = dashboard.signIn("partner-2", "partner-2-demo");
    assertThat(TokenVerifier.verifyAccessToken(before.accessToken(), server).getStringListClaim("shelters"))
        .containsExactly("shelter-misericordia");
    try {
      Path tmp = Files.writeString(dataDir.resolve(".partner-shelters.json.tmp"),
          "{\"partner-2\": [\"registered-misericordia\"], \"programme\": [\"ignored\"]}");
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);

      BrowserFlow.Tokens signIn = new BrowserFlow(server).signIn("partner-2", "partner-2-demo");
      assertThat(TokenVerifier.verifyAccessToken(signIn.accessToken(), server).getStringListClaim("shelters"))
          .as("the file takes precedence, no restart").containsExactly("registered-misericordia");
      assertThat(TokenVerifier.verifyIdToken(signIn.idToken(), server, BrowserFlow.DEV_CLIENT).getStringListClaim("shelters"))
          .containsExactly("registered-misericordia");
      assertThat(TokenVerifier.verifyAccessToken(new BrowserFlow(server).signIn("partner-1", "partner-1-demo").accessToken(), server)
          .getStringListClaim("shelters")).as("a partner the file does not name keeps its configuration")
          .containsExactly("shelter-hermanos", "shelter-annex");
      JWTClaimsSet programme = TokenVerifier.verifyAccessToken(
          new BrowserFlow(server).signIn("programme", "programme-demo").accessToken(), server);
      assertThat(programme.getClaims()).as("only partners get shelters").doesNotContainKey("shelters");

      BrowserFlow.Tokens refreshed = dashboard.refresh(before.refreshToken());
      assertThat(refreshed.status()).as(refreshed.body().toString()).isEqualTo(200);
      assertThat(TokenVerifier.verifyAccessToken(refreshed.accessToken(), server).getStringListClaim("shelters"))
          .as("a signed-in dashboard user gets them at the next refresh").containsExactly("registered-misericordia");
    } finally {
      Files.deleteIfExists(file);
    }
    assertThat(TokenVerifier.verifyAccessToken(new BrowserFlow(server).signIn("partner-2", "partner-2-demo").accessToken(), server)
        .getStringListClaim("shelters")).as("file removed: configuration again").containsExactly("shelter-misericordia");
  }

  @Test
  void unknownUsersAndWrongPasswordsGetNoCode() {
    String challenge = BrowserFlow.challenge(BrowserFlow.newVerifier());
    assertThat(new BrowserFlow(server).authorizationCode("nobody", "nobody-demo", Optional.of(challenge))).isEmpty();
    assertThat(new BrowserFlow(server).authorizationCode("programme", "wrong", Optional.of(challenge))).isEmpty();
    assertThat(new BrowserFlow(server).authorizationCode("programme", "", Optional.of(challenge))).isEmpty();
  }

  @Test
  void pkceIsRequiredAndChecked() {
    assertThat(new BrowserFlow(server).authorizationCode("programme", "programme-demo", Optional.empty()))
        .as("no code without a code challenge").isEmpty();

    BrowserFlow browser = new BrowserFlow(server);
    String verifier = BrowserFlow.newVerifier();
    String code = browser.authorizationCode("programme", "programme-demo", Optional.of(BrowserFlow.challenge(verifier))).orElseThrow();
    BrowserFlow.Tokens wrongVerifier = browser.exchange(code, BrowserFlow.newVerifier());
    assertThat(wrongVerifier.status()).isEqualTo(400);
    assertThat(wrongVerifier.body()).containsEntry("error", "invalid_grant");
    assertThat(browser.exchange(code, verifier).status()).as("the right verifier").isEqualTo(200);
    assertThat(browser.exchange(code, verifier).status()).as("a code is used once").isEqualTo(400);
  }

  @Test
  void forgedTokensAreRejectedByTheVerifierTheTestsUse() throws Exception {
    String token = new BrowserFlow(server).signIn("operations", "operations-demo").accessToken();
    String[] parts = token.split("\\.");
    String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"sub\":\"x\",\"roles\":[\"ADMIN\"]}".getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    assertThatThrownBy(() -> TokenVerifier.verifyAccessToken(forged, server)).isInstanceOf(BadJOSEException.class);
  }

  @Test
  void dashboardIsAConfidentialClientWithPkceAndRefreshTokens() throws Exception {
    BrowserFlow.Client dashboard = new BrowserFlow.Client("shelters-dashboard",
        "http://localhost:8083/login/oauth2/code/shelters", "openid profile", Optional.of("dashboard-dev-secret"));
    BrowserFlow.Tokens tokens = new BrowserFlow(server, dashboard).signIn("analyst", "analyst-demo");

    assertThat(TokenVerifier.verifyAccessToken(tokens.accessToken(), server).getStringListClaim("roles")).containsExactly("ANALYST");
    assertThat(tokens.body()).containsKey("refresh_token");

    BrowserFlow.Client wrongSecret = new BrowserFlow.Client(dashboard.id(), dashboard.redirectUri(), dashboard.scope(), Optional.of("guess"));
    BrowserFlow browser = new BrowserFlow(server, wrongSecret);
    String verifier = BrowserFlow.newVerifier();
    String code = browser.authorizationCode("analyst", "analyst-demo", Optional.of(BrowserFlow.challenge(verifier))).orElseThrow();
    assertThat(browser.exchange(code, verifier).status()).isEqualTo(401);
  }

  @Test
  void theSignInSessionCookieIsNotTheDashboardsOwn() throws Exception {
    // cookies ignore the port: a JSESSIONID here would overwrite reporting-service's on localhost
    HttpResponse<String> authorize = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri(
            "/oauth2/authorize?response_type=code&client_id=shelters-dev&scope=openid&state=s"
                + "&redirect_uri=" + java.net.URLEncoder.encode(BrowserFlow.DEV_REDIRECT, StandardCharsets.UTF_8)
                + "&code_challenge=" + BrowserFlow.challenge(BrowserFlow.newVerifier()) + "&code_challenge_method=S256"))
        .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(authorize.statusCode()).isEqualTo(302);
    assertThat(authorize.headers().allValues("Set-Cookie")).isNotEmpty()
        .allSatisfy(cookie -> assertThat(cookie).doesNotStartWith("JSESSIONID"))
        .anySatisfy(cookie -> assertThat(cookie).startsWith("SHELTERS_IDENTITY_SESSION=").contains("HttpOnly"));
  }

  @Test
  void healthIsOpenForTheLocalStack() throws Exception {
    HttpResponse<String> health = get("/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"UP\"");
  }

  @Test
  void swaggerUiOnAServiceMayCallTheTokenEndpointFromTheBrowser() throws Exception {
    HttpResponse<String> preflight = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri("/oauth2/token"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", "http://localhost:8081")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type")
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(preflight.statusCode()).isEqualTo(200);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("http://localhost:8081");

    HttpResponse<String> stranger = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri("/oauth2/token"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", "http://evil.example")
        .header("Access-Control-Request-Method", "POST")
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(stranger.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void tokenScriptPrintsOnlyAValidAccessToken() throws Exception {
    Path script = Path.of("..", "local-stack", "token.sh");
    assumeTrue(Files.isRegularFile(script), "local-stack/token.sh is next to this module");
    for (String tool : List.of("bash", "curl", "openssl", "python3")) {
      assumeTrue(onPath(tool), tool + " is on the PATH");
    }

    Script ok = run(script, "partner-1");
    assertThat(ok.exitCode()).as(ok.stderr()).isZero();
    assertThat(ok.stdout()).endsWith("\n").doesNotContain(" ");
    assertThat(ok.stdout().strip().lines()).hasSize(1);
    JWTClaimsSet claims = TokenVerifier.verifyAccessToken(ok.stdout().strip(), server);
    assertThat(claims.getStringListClaim("shelters")).containsExactly("shelter-hermanos", "shelter-annex");

    Script refused = run(script, "programme", "wrong-password");
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.stdout()).isEmpty();
    assertThat(refused.stderr()).contains("sign-in refused").doesNotContain("wrong-password");
  }

  record Script(int exitCode, String stdout, String stderr) {}

  private static Script run(Path script, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("IDENTITY_ISSUER", server.issuer());
    Process process = builder.start();
    process.getOutputStream().close();
    var stdout = process.getInputStream().readAllBytes();
    var stderr = process.getErrorStream().readAllBytes();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Script(process.exitValue(), new String(stdout, StandardCharsets.UTF_8), new String(stderr, StandardCharsets.UTF_8));
  }

  private static boolean onPath(String tool) {
    return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
