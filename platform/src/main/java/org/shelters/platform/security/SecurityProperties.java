package org.shelters.platform.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code platform.security.*}: what the resource servers add to Spring Boot's own {@code spring.security.oauth2.resourceserver.*}. */
@ConfigurationProperties("platform.security")
public class SecurityProperties {

    private final RateLimit rateLimit = new RateLimit();
    private final Cors cors = new Cors();
    private final OpenApi openapi = new OpenApi();

    public RateLimit getRateLimit() {
        return rateLimit;
    }

    public Cors getCors() {
        return cors;
    }

    public OpenApi getOpenapi() {
        return openapi;
    }

    /** Where Swagger UI signs in; unset: the development identity server's paths under the issuer (Keycloak's differ). */
    public static class OpenApi {
        private String authorizationUrl;
        private String tokenUrl;

        public String getAuthorizationUrl() {
            return authorizationUrl;
        }

        public void setAuthorizationUrl(String authorizationUrl) {
            this.authorizationUrl = authorizationUrl;
        }

        public String getTokenUrl() {
            return tokenUrl;
        }

        public void setTokenUrl(String tokenUrl) {
            this.tokenUrl = tokenUrl;
        }
    }

    /** Commands (POST, PUT, PATCH, DELETE) per caller and instance: a token bucket of {@code burst}, refilled at {@code perSecond}. */
    public static class RateLimit {
        private boolean enabled = true;
        private int burst = 300;
        private int perSecond = 100;
        /** Callers whose buckets are kept; the least recently seen are forgotten beyond it. */
        private int maxCallers = 10_000;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getBurst() {
            return burst;
        }

        public void setBurst(int burst) {
            this.burst = burst;
        }

        public int getPerSecond() {
            return perSecond;
        }

        public void setPerSecond(int perSecond) {
            this.perSecond = perSecond;
        }

        public int getMaxCallers() {
            return maxCallers;
        }

        public void setMaxCallers(int maxCallers) {
            this.maxCallers = maxCallers;
        }
    }

    /** Cross-origin calls are refused unless origins are listed here. */
    public static class Cors {
        private List<String> allowedOrigins = List.of();
        private Duration maxAge = Duration.ofMinutes(30);

        public List<String> getAllowedOrigins() {
            return allowedOrigins;
        }

        public void setAllowedOrigins(List<String> allowedOrigins) {
            this.allowedOrigins = allowedOrigins;
        }

        public Duration getMaxAge() {
            return maxAge;
        }

        public void setMaxAge(Duration maxAge) {
            this.maxAge = maxAge;
        }
    }
}
