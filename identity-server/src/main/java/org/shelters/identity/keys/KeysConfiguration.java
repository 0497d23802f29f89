package org.shelters.identity.keys;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.shelters.identity.DataDir;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class KeysConfiguration {

  /**
   * Replaces Boot's default key source, which generates a new key at every start and so would
   * invalidate every token on restart. The JWK set endpoint publishes only the public part.
   */
  @Bean
  JWKSource<SecurityContext> jwkSource(DataDir dataDir) {
    return new ImmutableJWKSet<>(new JWKSet(SigningKeys.loadOrCreate(dataDir)));
  }
}
