package org.shelters.identity;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * The development OAuth 2.1 / OpenID Connect authorization server of the platform (Spring
 * Authorization Server). Production uses Keycloak; this exists so the local stack and the tests get
 * real signed tokens without one.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IdentityServerApplication {

  public static void main(String[] args) {
    SpringApplication.run(IdentityServerApplication.class, args);
  }

  /** Opened first, so an unusable folder stops the start with its name rather than a key error. */
  @Bean
  DataDir dataDir(IdentityProperties properties) {
    return DataDir.open(properties.dataDir());
  }

  @Bean
  ParentWatch parentWatch(IdentityProperties properties) {
    return new ParentWatch(properties.parentPid());
  }
}
