package org.shelters.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * The authorization code + PKCE flow over real HTTP, as a browser does it: a cookie jar, the login
 * form with its CSRF token, redirects read one by one. One instance is one browser.
 */
final class BrowserFlow {

  static final String DEV_CLIENT = "shelters-dev";
  static final String DEV_REDIRECT = "http://127.0.0.1:8765/callback";

  private static final Pattern CSRF = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]*)\"|<input[^>]*value=\"([^\"]*)\"[^>]*name=\"_csrf\"");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The token endpoint's answer, and the tokens in it. */
  record Tokens(int status, Map<String, Object> body) {
    String accessToken() {
      return (String) body.get("access_token");
    }

    String idToken() {
      return (String) body.get("id_token");
    }

    String refreshToken() {
      return (String) body.get("refresh_token");
    }
  }

  /** A client as registered: who it is, where it is sent back, and its secret if it has one. */
  record Client(String id, String redirectUri, String scope, Optional<String> secret) {
    static Client dev() {
      return new Client(DEV_CLIENT, DEV_REDIRECT, "openid", Optional.empty());
    }

    /** reporting-service's dashboard sign-in (oauth2Login, registration {@code shelters}). */
    static Client dashboard() {
      return new Client("shelters-dashboard", "http://localhost:8083/login/oauth2/code/shelters", "openid profile",
          Optional.of("dashboard-dev-secret"));
    }
  }

  private final TestServer server;
  private final Client client;
  private final HttpClient http = HttpClient.newBuilder()
      .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();

  BrowserFlow(TestServer server, Client client) {
    this.server = server;
    this.client = client;
  }

  BrowserFlow(TestServer server) {
    this(server, Client.dev());
  }

  /** Signs in and exchanges the code: the whole flow. */
  Tokens signIn(String username, String password) {
    String verifier = newVerifier();
    String code = authorizationCode(username, password, Optional.of(challenge(verifier)))
        .orElseThrow(() -> new AssertionError("sign-in refused for " + username));
    Tokens tokens = exchange(code, verifier);
    if (tokens.status() != 200) {
      throw new AssertionError("token endpoint answered " + tokens.status() + " " + tokens.body());
    }
    return tokens;
  }

  /**
   * The code the server redirects back with, or empty when the sign-in or the request is refused.
   * Without a challenge the request is a plain authorization code request (to see it refused).
   */
  Optional<String> authorizationCode(String username, String password, Optional<String> challenge) {
    String state = newVerifier();
    Map<String, String> query = new LinkedHashMap<>();
    query.put("response_type", "code");
    query.put("client_id", client.id());
    query.put("redirect_uri", client.redirectUri());
    query.put("scope", client.scope());
    query.put("state", state);
    challenge.ifPresent(c -> {
      query.put("code_challenge", c);
      query.put("code_challenge_method", "S256");
    });
    URI authorize = server.uri("/oauth2/authorize?" + form(query));

    HttpResponse<String> toLogin = send(HttpRequest.newBuilder(authorize).header("Accept", "text/html").GET());
    String loginLocation = location(toLogin);
    if (!loginLocation.endsWith("/login")) {
      return codeIn(loginLocation, state); // refused before sign-in: an error redirect
    }
    URI login = authorize.resolve(loginLocation);
    String page = send(HttpRequest.newBuilder(login).header("Accept", "text/html").GET()).body();
    Matcher csrf = CSRF.matcher(page);
    if (!csrf.find()) {
      throw new AssertionError("no CSRF token on the login form: " + page);
    }
    String token = csrf.group(1) != null ? csrf.group(1) : csrf.group(2);

    HttpResponse<String> signedIn = send(HttpRequest.newBuilder(login)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "text/html")
        .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password, "_csrf", token)))));
    String back = location(signedIn);
    if (back.contains("/login?error")) {
      return Optional.empty();
    }
    HttpResponse<String> callback = send(HttpRequest.newBuilder(authorize.resolve(back)).header("Accept", "text/html").GET());
    return codeIn(location(callback), state);
  }

  Tokens exchange(String code, String verifier) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("grant_type", "authorization_code");
    body.put("code", code);
    body.put("redirect_uri", client.redirectUri());
    body.put("code_verifier", verifier);
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/oauth2/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json");
    client.secret().ifPresentOrElse(
        secret -> request.header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((client.id() + ":" + secret).getBytes(StandardCharsets.UTF_8))),
        () -> body.put("client_id", client.id()));
    HttpResponse<String> response = send(request.POST(HttpRequest.BodyPublishers.ofString(form(body))));
    return new Tokens(response.statusCode(), json(response.body()));
  }

  /** The refresh token grant, as the dashboard's client does it when its access token runs out. */
  Tokens refresh(String refreshToken) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("grant_type", "refresh_token");
    body.put("refresh_token", refreshToken);
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/oauth2/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json");
    client.secret().ifPresentOrElse(
        secret -> request.header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((client.id() + ":" + secret).getBytes(StandardCharsets.UTF_8))),
        () -> body.put("client_id", client.id()));
    HttpResponse<String> response = send(request.POST(HttpRequest.BodyPublishers.ofString(form(body))));
    return new Tokens(response.statusCode(), json(response.body()));
  }

  static String newVerifier() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String challenge(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(String body) {
    return body == null || body.isBlank() ? Map.of() : JSON.readValue(body, Map.class);
  }

  private Optional<String> codeIn(String location, String state) {
    if (!location.startsWith(client.redirectUri())) {
      return Optional.empty();
    }
    Map<String, String> query = new LinkedHashMap<>();
    String raw = URI.create(location).getRawQuery();
    for (String pair : raw == null ? new String[0] : raw.split("&")) {
      String[] kv = pair.split("=", 2);
      query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    if (query.containsKey("code") && !state.equals(query.get("state"))) {
      throw new AssertionError("state not returned unchanged: " + location);
    }
    return Optional.ofNullable(query.get("code"));
  }

  private static String location(HttpResponse<String> response) {
    if (response.statusCode() / 100 != 3) {
      throw new AssertionError("expected a redirect from " + response.uri() + ", got " + response.statusCode() + " " + response.body());
    }
    return response.headers().firstValue("Location").orElseThrow();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
