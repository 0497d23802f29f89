package org.shelters.identity;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;

/**
 * Validates a token the way a service will: signature (RS256 only) against the JWK set the server
 * publishes, issuer, audience, expiry, and the claims the services need.
 */
final class TokenVerifier {

  static final String AUDIENCE = "shelters-platform";

  private TokenVerifier() {}

  static JWKSet publishedKeys(URI jwksUri) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(jwksUri).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("JWK set answered " + response.statusCode());
    }
    return JWKSet.parse(response.body());
  }

  /** The verified claims; throws if anything about the token is wrong. */
  static JWTClaimsSet verifyAccessToken(String token, TestServer server) throws Exception {
    return verify(token, server, AUDIENCE);
  }

  /** An ID token is for the client that signed the user in: its audience is that client. */
  static JWTClaimsSet verifyIdToken(String token, TestServer server, String clientId) throws Exception {
    return verify(token, server, clientId);
  }

  private static JWTClaimsSet verify(String token, TestServer server, String audience) throws Exception {
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
        new ImmutableJWKSet<>(publishedKeys(server.uri("/oauth2/jwks")))));
    processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
        new HashSet<>(Set.of(audience)), // Nimbus probes the set for null, which Set.of refuses
        new JWTClaimsSet.Builder().issuer(server.issuer()).build(),
        Set.of("iss", "aud", "exp", "iat", "sub", "roles"),
        Set.of()));
    return processor.process(token, null);
  }
}
