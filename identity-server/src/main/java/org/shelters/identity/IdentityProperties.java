package org.shelters.identity;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What this server adds to Spring Authorization Server's own {@code
 * spring.security.oauth2.authorizationserver.*} properties (issuer and clients are configured there).
 *
 * @param dataDir where the signing key and the accounts (with their stable subject ids) are kept
 *     across restarts
 * @param audience the {@code aud} of every access token: the services that accept it
 * @param allowedOrigins browser origins (Swagger UI, dashboard) that may call the token, JWK set and
 *     user-info endpoints from script
 * @param demo the development accounts
 * @param parentPid set by the local stack: the server ends when that process is gone (even after a
 *     SIGKILL of it), so no orphan keeps the port; unset, nothing is watched
 */
@ConfigurationProperties("identity")
public record IdentityProperties(
    @DefaultValue(".local-stack/identity") Path dataDir,
    @DefaultValue("shelters-platform") List<String> audience,
    @DefaultValue List<String> allowedOrigins,
    @DefaultValue Demo demo,
    Long parentPid) {

  /**
   * @param enabled create and accept the documented demo accounts; off unless asked for, so a
   *     server started by mistake with real data never accepts well-known passwords
   * @param partnerShelters shelter ids per partner account ({@code partner-1}, {@code partner-2}):
   *     shelter ids are made by agreements-service, so whoever loads the shelters passes them here.
   *     Keys match without their dashes too, because an environment variable cannot spell them
   *     ({@code IDENTITY_DEMO_PARTNERSHELTERS_PARTNER1} binds the key {@code partner1})
   */
  public record Demo(boolean enabled, Map<String, List<String>> partnerShelters) {
    public Demo {
      partnerShelters = partnerShelters == null ? Map.of() : Map.copyOf(partnerShelters);
    }

    public List<String> sheltersOf(String username) {
      String wanted = withoutDashes(username);
      return partnerShelters.entrySet().stream()
          .filter(e -> withoutDashes(e.getKey()).equals(wanted))
          .findFirst()
          .map(e -> List.copyOf(e.getValue()))
          .orElse(List.of());
    }

    private static String withoutDashes(String key) {
      return key.replace("-", "").toLowerCase(Locale.ROOT);
    }
  }
}
