package org.shelters.localstack.demo;

import java.io.IOException;
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
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signs a user in at the identity server exactly as {@code local-stack/token.sh} does, and as a
 * browser would: the authorization code grant with PKCE (S256) as the public client {@code
 * shelters-dev}, through the real login form. OAuth 2.1 has no password grant, so the demo loader
 * and the tests authenticate the honest way: GET the authorization endpoint, follow to the login
 * form, POST the user name, password and the form's CSRF token, follow back to the authorization
 * endpoint, read the {@code code} from the redirect to {@value #REDIRECT_URI} (nothing listens
 * there), and exchange it with the verifier. Each sign-in has its own cookie jar, like a fresh
 * browser.
 */
public final class DemoLogin {

    public static final String CLIENT_ID = "shelters-dev";
    public static final String REDIRECT_URI = "http://127.0.0.1:8765/callback";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern CSRF_INPUT = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>");
    private static final Pattern VALUE = Pattern.compile("value=\"([^\"]*)\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final String issuer;

    /** @param issuer the identity server, e.g. {@code http://localhost:9000} */
    public DemoLogin(String issuer) {
        this.issuer = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }

    public String issuer() {
        return issuer;
    }

    /** An access token for a demo user (password: the user name followed by {@code -demo}). */
    public String accessToken(String user) throws IOException, InterruptedException {
        return accessToken(user, user + "-demo");
    }

    /** An access token for {@code user}; throws {@link SignInRefused} when the server refuses the sign-in. */
    public String accessToken(String user, String password) throws IOException, InterruptedException {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        JsonNode discovery = JSON.readTree(send(browser, get(URI.create(issuer + "/.well-known/openid-configuration")), 200).body());
        URI authorizeEndpoint = URI.create(discovery.path("authorization_endpoint").asString());
        URI tokenEndpoint = URI.create(discovery.path("token_endpoint").asString());

        String verifier = random();
        String state = random();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", CLIENT_ID);
        query.put("redirect_uri", REDIRECT_URI);
        query.put("scope", "openid");
        query.put("state", state);
        query.put("code_challenge", challenge(verifier));
        query.put("code_challenge_method", "S256");
        URI authorize = URI.create(authorizeEndpoint + "?" + form(query));

        // 1. not signed in yet: the server sends us to its login form
        URI login = authorize.resolve(location(send(browser, get(authorize), 302)));
        // 2. the form, for its CSRF token
        String page = send(browser, get(login), 200).body();
        Matcher input = CSRF_INPUT.matcher(page);
        Matcher value = input.find() ? VALUE.matcher(input.group()) : null;
        if (value == null || !value.find()) {
            throw new IOException("no login form at " + login);
        }
        // 3. sign in
        HttpResponse<String> signedIn = send(browser, HttpRequest.newBuilder(login).timeout(TIMEOUT)
                .header("Accept", "text/html").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", user, "password", password,
                        "_csrf", value.group(1))))).build(), 302);
        String back = location(signedIn);
        if (back.contains("/login?error")) {
            throw new SignInRefused("sign-in refused for " + user + " (unknown user or wrong password)");
        }
        // 4. back to the authorization request, now signed in: redirected with the code
        String callback = location(send(browser, get(login.resolve(back)), 302));
        Map<String, String> answer = queryOf(callback);
        if (!callback.startsWith(REDIRECT_URI) || !state.equals(answer.get("state")) || answer.get("code") == null) {
            throw new IOException("the authorization response was not a code for this request: " + callback);
        }
        // 5. the code for a token, proving possession of the verifier
        HttpResponse<String> tokens = send(browser, HttpRequest.newBuilder(tokenEndpoint).timeout(TIMEOUT)
                .header("Accept", "application/json").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code",
                        "code", answer.get("code"), "redirect_uri", REDIRECT_URI, "client_id", CLIENT_ID,
                        "code_verifier", verifier)))).build(), 200);
        String token = JSON.readTree(tokens.body()).path("access_token").asString("");
        if (token.isEmpty()) {
            throw new IOException("the token endpoint answered without an access token");
        }
        return token;
    }

    /** The identity server refused the user name or password. */
    public static final class SignInRefused extends IOException {
        public SignInRefused(String message) {
            super(message);
        }
    }

    private static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "text/html").GET().build();
    }

    private static HttpResponse<String> send(HttpClient browser, HttpRequest request, int expected)
            throws IOException, InterruptedException {
        HttpResponse<String> response = browser.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            // never the body of a sign-in: it could echo what was posted
            throw new IOException(request.method() + " " + request.uri().getPath() + " at the identity server answered "
                    + response.statusCode() + ", expected " + expected);
        }
        return response;
    }

    private static String location(HttpResponse<String> response) throws IOException {
        return response.headers().firstValue("Location")
                .orElseThrow(() -> new IOException(response.uri().getPath() + " redirected without a Location"));
    }

    private static Map<String, String> queryOf(String uri) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = URI.create(uri).getRawQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return query;
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
