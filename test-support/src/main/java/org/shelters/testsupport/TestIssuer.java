package org.shelters.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The test suite's authorization server as the services see it: an RSA key pair, its public JWK set
 * and OpenID discovery served over real HTTP on a loopback port, and access tokens signed with the
 * private key in exactly the shape the identity server issues ({@code iss}, {@code aud}
 * {@code shelters-platform}, {@code sub}, {@code roles}, {@code shelters}, 15 minutes). The services
 * validate them through their real resource-server filter chain, fetching the keys over HTTP — only
 * the login step of the real identity server is skipped (that server has its own tests, and the local
 * stack's end-to-end test uses it). Started once per JVM by {@link TestInfrastructure}.
 *
 * <p>It also makes the tokens a service must refuse: expired, for another audience or issuer, signed
 * with a key the issuer never published, HS256 with a guessable secret, and unsigned.
 */
public final class TestIssuer implements AutoCloseable {

    public static final String AUDIENCE = "shelters-platform";

    private final RSAKey key;
    private final RSAKey stranger;
    private final HttpServer server;
    private final String issuer;

    private TestIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
            stranger = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException("cannot start the test issuer", e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        String discovery = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + jwkSetUri() + "\","
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"],\"subject_types_supported\":[\"public\"],"
                + "\"response_types_supported\":[\"code\"]}";
        server.createContext("/oauth2/jwks", exchange -> answer(exchange, jwks));
        server.createContext("/.well-known/openid-configuration", exchange -> answer(exchange, discovery));
        server.start();
    }

    static TestIssuer start() {
        return new TestIssuer();
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public String issuer() {
        return issuer;
    }

    public String jwkSetUri() {
        return issuer + "/oauth2/jwks";
    }

    /** The resource-server properties that point a service at this issuer. */
    public Map<String, Object> resourceServerProperties() {
        return Map.of(
                "spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer,
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", jwkSetUri());
    }

    /** The same properties as command-line arguments, for a second context built in a test. */
    public String[] resourceServerArguments() {
        return resourceServerProperties().entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
    }

    /** A valid token for a caller with {@code role} (e.g. {@code ANALYST}) and a stable subject per role. */
    public String token(String role) {
        return sign(claims(subjectOf(role), List.of(role), null, Instant.now(), AUDIENCE, issuer), key);
    }

    /** A shelter partner's token, acting for {@code shelterIds}. */
    public String partner(String subject, List<String> shelterIds) {
        return sign(claims(subject, List.of("SHELTER_PARTNER"), shelterIds, Instant.now(), AUDIENCE, issuer), key);
    }

    /** Any claims: roles and shelters as given (null leaves the claim out). */
    public String token(String subject, List<String> roles, List<String> shelterIds) {
        return sign(claims(subject, roles, shelterIds, Instant.now(), AUDIENCE, issuer), key);
    }

    public String expired(String role) {
        return sign(claims(subjectOf(role), List.of(role), null, Instant.now().minus(Duration.ofHours(1)), AUDIENCE, issuer), key);
    }

    public String otherAudience(String role) {
        return sign(claims(subjectOf(role), List.of(role), null, Instant.now(), "another-api", issuer), key);
    }

    public String otherIssuer(String role) {
        return sign(claims(subjectOf(role), List.of(role), null, Instant.now(), AUDIENCE, "http://127.0.0.1:1/evil"), key);
    }

    /** Signed with a key of the same id that the issuer never published. */
    public String forged(String role) {
        return sign(claims(subjectOf(role), List.of(role), null, Instant.now(), AUDIENCE, issuer), stranger);
    }

    /** HS256 with a shared secret: the algorithm allow-list must refuse it whatever the secret. */
    public String symmetric(String role) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(),
                    claims(subjectOf(role), List.of(role), null, Instant.now(), AUDIENCE, issuer));
            JWSSigner signer = new MACSigner("a-shared-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8));
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg: none}. */
    public String unsigned(String role) {
        return new PlainJWT(claims(subjectOf(role), List.of(role), null, Instant.now(), AUDIENCE, issuer)).serialize();
    }

    /** The stable subject id the tokens of {@code role} carry (opaque, like the identity server's). */
    public static String subjectOf(String role) {
        return UUID.nameUUIDFromBytes(("test-user-" + role).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static JWTClaimsSet claims(String subject, List<String> roles, List<String> shelters, Instant issuedAt,
                                       String audience, String issuer) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .audience(audience)
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(Duration.ofMinutes(15))))
                .jwtID(UUID.randomUUID().toString())
                .claim("scope", "openid");
        if (roles != null) {
            builder.claim("roles", roles);
        }
        if (shelters != null) {
            builder.claim("shelters", shelters);
        }
        return builder.build();
    }

    private static String sign(JWTClaimsSet claims, RSAKey with) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
