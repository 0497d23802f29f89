package org.shelters.platform.web;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import com.mongodb.client.model.Updates;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.bson.types.Binary;
import org.shelters.platform.claim.Claims;
import org.shelters.platform.context.Ids;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import org.shelters.platform.domain.FieldError;
import org.shelters.platform.domain.Refusal;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} for every command endpoint: the first request with a key runs and its
 * response is kept; a repeat with the same key and body gets that same response and runs
 * nothing (so no second event); the same key with a different body is refused with 422. A key
 * is claimed before the command runs, so two concurrent repeats cannot both run (the second gets
 * 409 while the first is in progress). Answers that say "retry" (5xx, 409, 429) release the key so the
 * retry runs. Bodies are compared as canonical JSON, so key order and white space do not matter.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    static final String COLLECTION = "idempotency_keys";
    private static final Set<String> COMMAND_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

    private static final String IN_PROGRESS = "IN_PROGRESS";
    private static final String COMPLETED = "COMPLETED";

    private final Claims claims;
    private final Clock clock;
    private final Duration staleClaim;

    /**
     * @param retention how long a key's answer is kept; the TTL index created here removes older keys, so a
     *                  retry after that runs the command again (document this window to clients)
     */
    public IdempotencyFilter(MongoTemplate mongo, Clock clock, Duration staleClaim, Duration retention) {
        this.claims = new Claims(mongo.getCollection(COLLECTION), clock);
        this.clock = clock;
        this.staleClaim = staleClaim;
        try {
            mongo.getCollection(COLLECTION).createIndex(Indexes.ascending(Claims.CLAIMED_AT),
                    new IndexOptions().name("idempotency_expiry").expireAfter(retention.toSeconds(), TimeUnit.SECONDS));
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(IdempotencyFilter.class).warn("could not create the Idempotency-Key TTL index: {}",
                    e.toString());
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !COMMAND_METHODS.contains(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    /** The authenticated subject (the security chain ran before this filter), or {@code anonymous}. */
    private static String callerOf() {
        var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || !authentication.isAuthenticated() ? "anonymous" : authentication.getName();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key.isBlank() || key.length() > 200) {
            Problems.write(response, Refusal.invalid(HEADER, "must be 1 to 200 characters"));
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        HttpServletRequest replayable = new CachedBodyRequest(request, body);
        String command = request.getMethod() + " " + request.getRequestURI() + " " + key;
        // a key is the caller's own: another caller reusing it never sees this caller's answer
        String id = callerOf() + " " + command;
        String fingerprint = sha256(canonical(body));
        boolean claimed;
        Document existing;
        try {
            claimed = claim(id, fingerprint);
            existing = claimed ? null : claims.holder(id).orElse(null);
        } catch (RuntimeException e) {
            if (!Problems.storeUnreachable(e)) {
                throw e;
            }
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Problems.RETRY_AFTER_SECONDS));
            Problems.write(response, Problems.unavailable());
            return;
        }
        if (!claimed) {
            if (existing == null) {
                Problems.write(response, Refusal.conflict("idempotency-key-in-use",
                        "retry: the earlier request with this key was just released"));
                return;
            }
            if (!fingerprint.equals(existing.getString("fingerprint"))) {
                Problems.write(response, new Refusal(Refusal.Kind.RULE, "idempotency-key-reused",
                        "Idempotency-Key '" + key + "' was already used with a different request body",
                        List.of(new FieldError(HEADER, "was already used with a different request body"))));
                return;
            }
            if (COMPLETED.equals(existing.getString("state"))) {
                replay(existing, response);
                return;
            }
            Problems.write(response, Refusal.conflict("idempotency-key-in-use",
                    "a request with Idempotency-Key '" + key + "' is still in progress"));
            return;
        }
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        boolean completed = false;
        try {
            try (Ids.Scope ids = Ids.derivedFrom(command)) {
                chain.doFilter(replayable, recorded);
            }
            completed = isFinal(recorded.getStatus());
        } finally {
            if (completed) {
                claims.update(id, Claims.any(), Updates.combine(
                        Updates.set("state", COMPLETED),
                        Updates.set("status", recorded.getStatus()),
                        Updates.set("contentType", recorded.getContentType()),
                        Updates.set("location", recorded.getHeader(HttpHeaders.LOCATION)),
                        Updates.set("etag", recorded.getHeader(HttpHeaders.ETAG)),
                        Updates.set("body", new Binary(recorded.getContentAsByteArray())),
                        Updates.set("completedAt", Date.from(clock.instant()))));
            } else {
                claims.release(id, Claims.any());
            }
            recorded.copyBodyToResponse();
        }
    }

    /** Inserts the claim; a stale claim (a crash mid-request) is taken over. */
    private boolean claim(String id, String fingerprint) {
        return claims.claim(id, new Document("fingerprint", fingerprint).append("state", IN_PROGRESS))
                || claims.takeOverIfStale(id, Filters.and(Filters.eq("state", IN_PROGRESS),
                Filters.eq("fingerprint", fingerprint)), staleClaim, new Document());
    }

    private static void replay(Document stored, HttpServletResponse response) throws IOException {
        response.setStatus(stored.getInteger("status", 200));
        if (stored.getString("contentType") != null) {
            response.setContentType(stored.getString("contentType"));
        }
        if (stored.getString("location") != null) {
            response.setHeader(HttpHeaders.LOCATION, stored.getString("location"));
        }
        if (stored.getString("etag") != null) {
            response.setHeader(HttpHeaders.ETAG, stored.getString("etag"));
        }
        response.setHeader("Idempotent-Replayed", "true");
        Binary body = stored.get("body", Binary.class);
        if (body != null) {
            response.getOutputStream().write(body.getData());
        }
    }

    /**
     * Whether an answer is the key's final one. 5xx, 409 (a version conflict, a lost race, an
     * agreement not known yet) and 429 tell the client to retry: the key is released so the retry
     * runs, instead of replaying the refusal forever.
     */
    static boolean isFinal(int status) {
        return status < 500 && status != 409 && status != 429;
    }

    /**
     * The body as canonical JSON (object keys sorted, no insignificant white space), so the same
     * command sent with its keys in another order or pretty-printed is recognised as the same
     * request; a body that is not JSON is compared byte for byte.
     */
    static byte[] canonical(byte[] body) {
        if (body.length == 0) {
            return body;
        }
        try {
            JsonNode tree = CANONICAL.readTree(body);
            return CANONICAL.writeValueAsBytes(sorted(tree));
        } catch (RuntimeException notJson) {
            return body;
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = CANONICAL.createObjectNode();
            new java.util.TreeSet<>(node.propertyNames()).forEach(name -> sorted.set(name, sorted(node.get(name))));
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode array = CANONICAL.createArrayNode();
            node.forEach(element -> array.add(sorted(element)));
            return array;
        }
        return node;
    }

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
