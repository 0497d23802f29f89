package org.shelters.identity.tokens;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.shelters.identity.accounts.Account;
import org.shelters.identity.accounts.AccountDirectory;
import org.shelters.identity.accounts.PartnerSheltersFile;
import org.shelters.identity.accounts.Role;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * The claims the services rely on. Access tokens carry the opaque subject id, the services'
 * audience, {@code roles} and, for shelter partners, {@code shelters} — and no name or e-mail, since
 * they travel to every service and into logs. The ID token, which only the signing-in client reads,
 * carries the same {@code sub}, {@code roles} and {@code shelters}, because a client that signs
 * users in (the dashboard, through reporting-service's oauth2Login) decides what to show from the
 * signed-in user it builds from the ID token; it also carries {@code preferred_username}, so the
 * dashboard can say who is signed in.
 *
 * <p>Partner shelters are looked up when each token is issued ({@link PartnerSheltersFile}), so
 * shelters registered after this server started reach the next sign-in or refresh.
 */
public class PlatformClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

  public static final String ROLES = "roles";
  public static final String SHELTERS = "shelters";
  public static final String PREFERRED_USERNAME = "preferred_username";

  private final AccountDirectory accounts;
  private final PartnerSheltersFile partnerShelters;
  private final List<String> audience;

  public PlatformClaims(AccountDirectory accounts, PartnerSheltersFile partnerShelters, List<String> audience) {
    this.accounts = accounts;
    this.partnerShelters = partnerShelters;
    this.audience = List.copyOf(audience);
  }

  @Override
  public void customize(JwtEncodingContext context) {
    Optional<Account> account = accounts.find(context.getPrincipal().getName());
    var claims = context.getClaims();
    if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
      claims.audience(audience);
      account.ifPresent(a -> {
        claims.subject(a.subject());
        access(a).forEach(claims::claim);
      });
    } else if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
      // the same subject as the access token, or a client could not relate the two
      account.ifPresent(a -> {
        claims.subject(a.subject());
        claims.claim(PREFERRED_USERNAME, a.username());
        access(a).forEach(claims::claim);
      });
    }
  }

  /** {@code roles}, and {@code shelters} for partners: the same in both tokens. */
  private Map<String, Object> access(Account account) {
    List<String> roles = account.roles().stream().map(Role::name).toList();
    if (!account.isPartner()) {
      return Map.of(ROLES, roles);
    }
    return Map.of(ROLES, roles, SHELTERS, partnerShelters.sheltersOf(account));
  }
}
