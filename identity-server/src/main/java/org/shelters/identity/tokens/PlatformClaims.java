package org.shelters.identity.tokens;

import java.util.List;
import java.util.Optional;
import org.shelters.identity.accounts.Account;
import org.shelters.identity.accounts.AccountDirectory;
import org.shelters.identity.accounts.Role;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * The claims the services rely on. Access tokens carry the opaque subject id, the services'
 * audience, {@code roles} and, for shelter partners, {@code shelters} — and no name or e-mail, since
 * they travel to every service and into logs. The ID token, which only the signing-in client reads,
 * also carries {@code preferred_username} so the dashboard can say who is signed in.
 */
public class PlatformClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

  public static final String ROLES = "roles";
  public static final String SHELTERS = "shelters";

  private final AccountDirectory accounts;
  private final List<String> audience;

  public PlatformClaims(AccountDirectory accounts, List<String> audience) {
    this.accounts = accounts;
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
        claims.claim(ROLES, roleNames(a));
        if (a.isPartner()) {
          claims.claim(SHELTERS, a.shelters());
        }
      });
    } else if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
      // the same subject as the access token, or a client could not relate the two
      account.ifPresent(a -> {
        claims.subject(a.subject());
        claims.claim("preferred_username", a.username());
        claims.claim(ROLES, roleNames(a));
      });
    }
  }

  private static List<String> roleNames(Account account) {
    return account.roles().stream().map(Role::name).toList();
  }
}
