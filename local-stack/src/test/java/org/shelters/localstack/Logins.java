package org.shelters.localstack;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.shelters.localstack.demo.DemoLogin;

/**
 * The tests' tokens: demo users signed in at the stack's real identity server through the real
 * login form (the same authorization code + PKCE flow as {@code token.sh} and the demo loader),
 * one sign-in per user, again when the token is near its 15-minute end.
 */
final class Logins {

    private static final Duration RENEW_AFTER = Duration.ofMinutes(10);

    private record Held(String token, long signedInAt) {
    }

    private final DemoLogin login;
    private final Map<String, Held> tokens = new ConcurrentHashMap<>();

    Logins(String issuer) {
        this.login = new DemoLogin(issuer);
    }

    /** A valid access token for the demo user {@code user}. */
    String token(String user) {
        Held held = tokens.get(user);
        if (held == null || System.nanoTime() - held.signedInAt() > RENEW_AFTER.toNanos()) {
            held = new Held(signIn(user), System.nanoTime());
            tokens.put(user, held);
        }
        return held.token();
    }

    private String signIn(String user) {
        try {
            return login.accessToken(user);
        } catch (IOException e) {
            throw new IllegalStateException("cannot sign in as " + user + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
