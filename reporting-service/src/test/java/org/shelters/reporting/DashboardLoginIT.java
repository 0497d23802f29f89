package org.shelters.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.shelters.events.EventJson;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard's sign-in as a browser meets it, through the real filter chain: a page opened
 * without a session is sent to the identity server with an authorization code request that
 * carries a PKCE S256 challenge, from a session cookie that is HttpOnly and SameSite=Lax; an API
 * call without a session or token is a 401 problem+json, never a redirect, and a bearer call
 * never starts a session. (The whole sign-in with the real identity server: {@link DashboardIT}.)
 */
class DashboardLoginIT extends ReportingIT {

    @Test
    void aPageWithoutASessionIsSentToTheIssuersAuthorizeEndpointWithPkce() {
        HttpResponse<String> page = request("GET", "/dashboard/", null);
        assertThat(page.statusCode()).isEqualTo(302);
        String signIn = page.headers().firstValue("Location").orElseThrow();
        assertThat(URI.create(signIn).getPath()).isEqualTo("/oauth2/authorization/shelters");
        assertThat(request("GET", "/dashboard/index.html", null).headers().firstValue("Location")).hasValue(signIn);
        assertThat(request("GET", "/", null).headers().firstValue("Location")).hasValue(signIn);

        HttpResponse<String> authorize = request("GET", URI.create(signIn).getPath(), null);
        assertThat(authorize.statusCode()).isEqualTo(302);
        URI location = URI.create(authorize.headers().firstValue("Location").orElseThrow());
        assertThat(location.getScheme() + "://" + location.getAuthority()).isEqualTo(ISSUER.issuer());
        assertThat(location.getPath()).isEqualTo("/oauth2/authorize");
        Map<String, String> query = query(location);
        assertThat(query).containsEntry("response_type", "code").containsEntry("client_id", "shelters-dashboard")
                .containsEntry("code_challenge_method", "S256").containsKeys("code_challenge", "state", "nonce");
        assertThat(query.get("code_challenge")).as("a base64url SHA-256: 43 characters").hasSize(43);
        assertThat(query.get("scope").split(" ")).containsExactlyInAnyOrder("openid", "profile");
        assertThat(query.get("redirect_uri")).isEqualTo("http://localhost:" + port + "/login/oauth2/code/shelters");

        String cookie = authorize.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("SHELTERS_DASHBOARD_SESSION=")).findFirst()
                .orElseThrow(() -> new AssertionError("the authorization request is kept in the session: " + authorize.headers()));
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
    }

    @Test
    void anApiCallWithoutSessionOrTokenIs401ProblemJsonEvenFromABrowser() {
        for (String path : new String[] {"/api/reports/programme", "/api/reports/shelters", "/api/me",
                "/api/audit/agreements/anyone", "/api/reports/exports/3w.csv"}) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET());
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(EventJson.mapper().readTree(response.body()).path("type").asString())
                    .isEqualTo("urn:shelters:problem:unauthenticated");
            assertThat(response.headers().allValues("Set-Cookie")).as("no session for an API call").isEmpty();
        }
    }

    @Test
    void aBearerCallIsAnsweredWithoutASessionAndMeSaysWhoCalls() {
        HttpResponse<String> me = request("GET", "/api/me", ISSUER.partner("partner-subject", java.util.List.of("s-1", "s-2")));
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.headers().allValues("Set-Cookie")).as("a token never starts a session").isEmpty();
        JsonNode body = EventJson.mapper().readTree(me.body());
        assertThat(body.path("subject").asString()).isEqualTo("partner-subject");
        assertThat(body.path("roles").toString()).isEqualTo("[\"SHELTER_PARTNER\"]");
        assertThat(body.path("shelters").toString()).isEqualTo("[\"s-1\",\"s-2\"]");
        assertThat(body.has("csrf")).as("only a session has a CSRF token to give").isFalse();
        assertThat(body.toString()).doesNotContain("email");

        HttpResponse<String> programme = request("GET", "/api/reports/programme", as("ANALYST"));
        assertThat(programme.statusCode()).isEqualTo(200);
        assertThat(programme.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(programme.headers().firstValue("Cache-Control").orElse(""))
                .as("an answer for one caller is kept by no cache for another").contains("no-store");
    }

    @Test
    void theDashboardsLinkKeepsItsLanguageAndFiltersThroughTheRedirect() {
        String query = "?lang=es&state=MX-CHP&donor=ECHO";
        for (String path : new String[] {"/", "/dashboard"}) {
            HttpResponse<String> redirect = request("GET", path + query, as("ANALYST"));
            assertThat(redirect.statusCode()).as(path).isEqualTo(302);
            assertThat(redirect.headers().firstValue("Location").orElseThrow()).as(path).endsWith("/dashboard/" + query);
        }
        HttpResponse<String> page = request("GET", "/dashboard/" + query, as("ANALYST"));
        assertThat(page.statusCode()).as("the page itself, at the address the user opened").isEqualTo(200);
        assertThat(page.body()).contains("<script src=\"dashboard.js\" defer></script>");
    }

    @Test
    void theDashboardPagesAllowNoInlineScriptAndNoFraming() {
        HttpResponse<String> page = request("GET", "/dashboard/index.html", as("ANALYST"));
        assertThat(page.statusCode()).isEqualTo(200);
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self';").contains("frame-ancestors 'none'")
                .contains("form-action 'self' " + ISSUER.issuer());
        assertThat(page.body()).as("no inline script: every script has a src").doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>");
        assertThat(page.body()).doesNotContain("onclick=", "onload=");
    }

    @Test
    void aCommandWithoutSessionOrTokenIs401AndOneWithASessionButNoCsrfTokenIs403() {
        // no session: nothing a forged request could ride on, so no CSRF check, and the answer is who-are-you
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(uri("/api/reports/rebuild"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        // a session (here: one holding an authorization request) makes a POST without the CSRF token a 403
        HttpResponse<String> authorize = request("GET", org.shelters.reporting.web.DashboardSecurity.SIGN_IN, null);
        String cookie = authorize.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("SHELTERS_DASHBOARD_SESSION=")).findFirst().orElseThrow().split(";")[0];
        for (String path : new String[] {"/logout", "/api/reports/rebuild"}) {
            HttpResponse<String> forged = send(HttpRequest.newBuilder(uri(path)).header("Cookie", cookie)
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(forged.statusCode()).as(path).isEqualTo(403);
            assertThat(forged.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
        // a bearer request needs no CSRF token, session cookie or not
        HttpResponse<String> bearer = send(HttpRequest.newBuilder(uri("/api/reports/rebuild")).header("Cookie", cookie)
                .header("Authorization", "Bearer " + as("OPERATIONS")).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(bearer.statusCode()).as("started, or one is running").isIn(202, 409);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(120)).until(() ->
                !"RUNNING".equals(get("/api/reports/rebuild").get("state").asString()));
    }

    private static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(
                p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8), p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
