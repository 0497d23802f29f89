package org.shelters.platform.web;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
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
import java.util.Set;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} for every command endpoint: the first request with a key runs and its
 * response is kept; a repeat with the same key and body gets that same response and runs
 * nothing (so no second event); the same key with a different body is refused with 422. A key
 * is claimed before the command runs, so two concurrent repeats cannot both run (the second gets
 * 409 while the first is in progress). Failed commands (5xx) release the key so the client can retry.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    static final String COLLECTION = "idempotency_keys";
    private static final Set<String> COMMAND_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Duration staleClaim;

    public IdempotencyFilter(MongoTemplate mongo, Clock clock, Duration staleClaim) {
        this.mongo = mongo;
        this.clock = clock;
        this.staleClaim = staleClaim;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !COMMAND_METHODS.contains(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key.isBlank() || key.length() > 200) {
            writeProblem(response, 400, "invalid-request", "Idempotency-Key must be 1 to 200 characters");
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        HttpServletRequest replayable = new CachedBodyRequest(request, body);
        String id = request.getMethod() + " " + request.getRequestURI() + " " + key;
        String fingerprint = sha256(body);
        MongoCollection<Document> keys = mongo.getCollection(COLLECTION);
        if (!claim(keys, id, fingerprint)) {
            Document existing = keys.find(Filters.eq("_id", id)).first();
            if (existing == null) {
                writeProblem(response, 409, "idempotency-key-in-use", "retry: the earlier request with this key was just released");
                return;
            }
            if (!fingerprint.equals(existing.getString("fingerprint"))) {
                writeProblem(response, 422, "idempotency-key-reused",
                        "Idempotency-Key '" + key + "' was already used with a different request body");
                return;
            }
            if ("COMPLETED".equals(existing.getString("state"))) {
                replay(existing, response);
                return;
            }
            writeProblem(response, 409, "idempotency-key-in-use", "a request with Idempotency-Key '" + key + "' is still in progress");
            return;
        }
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        boolean completed = false;
        try {
            chain.doFilter(replayable, recorded);
            completed = recorded.getStatus() < 500;
        } finally {
            if (completed) {
                keys.updateOne(Filters.eq("_id", id), Updates.combine(
                        Updates.set("state", "COMPLETED"),
                        Updates.set("status", recorded.getStatus()),
                        Updates.set("contentType", recorded.getContentType()),
                        Updates.set("location", recorded.getHeader(HttpHeaders.LOCATION)),
                        Updates.set("etag", recorded.getHeader(HttpHeaders.ETAG)),
                        Updates.set("body", new Binary(recorded.getContentAsByteArray())),
                        Updates.set("completedAt", Date.from(clock.instant()))));
            } else {
                keys.deleteOne(Filters.eq("_id", id));
            }
            recorded.copyBodyToResponse();
        }
    }

    /** Inserts the claim; a stale claim (a crash mid-request) is taken over. */
    private boolean claim(MongoCollection<Document> keys, String id, String fingerprint) {
        Date now = Date.from(clock.instant());
        try {
            keys.insertOne(new Document("_id", id).append("fingerprint", fingerprint).append("state", "IN_PROGRESS")
                    .append("claimedAt", now));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Date staleBefore = Date.from(clock.instant().minus(staleClaim));
        return keys.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("state", "IN_PROGRESS"),
                        Filters.eq("fingerprint", fingerprint), Filters.lt("claimedAt", staleBefore)),
                Updates.set("claimedAt", now)).getModifiedCount() == 1;
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

    private static void writeProblem(HttpServletResponse response, int status, String type, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        String json = "{\"type\":\"urn:shelters:problem:" + type + "\",\"title\":\"Idempotency-Key\",\"status\":" + status
                + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lets the controller read the body this filter already read to fingerprint it. */
    private static final class CachedBodyRequest extends jakarta.servlet.http.HttpServletRequestWrapper {
        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public jakarta.servlet.ServletInputStream getInputStream() {
            java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(body);
            return new jakarta.servlet.ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(jakarta.servlet.ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
