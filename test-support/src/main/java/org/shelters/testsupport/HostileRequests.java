package org.shelters.testsupport;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A generated run of hostile requests over every mutating operation of a running service, to
 * check the edge's promise: a refused command answers a problem+json 4xx, never a 5xx, never a
 * 2xx. It reads the service's OpenAPI document ({@code GET /v3/api-docs}), synthesizes a
 * plausible body per operation ({@link BaselineBodies}) and sends variants that are each invalid
 * by construction ({@link HostileVariants}), so any 2xx is a defect, not noise.
 *
 * <pre>{@code
 * HostileReport report = HostileRequests.against("http://localhost:" + port)
 *         .pathValues(Map.of("agreementId", signedId))
 *         .examples(Map.of("currency", "USD"))
 *         .requests(5_000).seed(42).run();
 * }</pre>
 *
 * Deterministic for a seed (one {@link Random} decides every detail, including which half of the
 * requests carry an {@code Idempotency-Key}, and answers are judged in the order generated),
 * bounded by {@code requests}, and loopback only.
 *
 * @param pathValues real values of path parameters by name, so bodies are checked on existing resources
 * @param examples   plausible values by property name (at any depth), for what a schema cannot tell
 *                   (a registered shelter's id, a currency code)
 * @param bearer     where each request's access token comes from (null: no Authorization header)
 */
public record HostileRequests(URI baseUrl, Map<String, String> pathValues, Map<String, ?> examples, int requests,
                              long seed, java.util.function.Supplier<String> bearer) {

    /** A bound on any one run: a typo in a count must not become an endless flood. */
    public static final int MAX_REQUESTS = 200_000;
    /** Three at once keep both cores of a small CI machine busy while one answer is on its way back. */
    private static final int CONNECTIONS = 3;
    private static final JsonMapper JSON = JsonMapper.shared();

    public HostileRequests {
        HostileTransport.requireLoopback(baseUrl);
        pathValues = Map.copyOf(pathValues);
        examples = Map.copyOf(examples);
        if (requests < 1 || requests > MAX_REQUESTS) {
            throw new IllegalArgumentException("requests must be 1 to " + MAX_REQUESTS + ", not " + requests);
        }
    }

    public static HostileRequests against(String baseUrl) {
        return new HostileRequests(URI.create(baseUrl.replaceAll("/+$", "")), Map.of(), Map.of(), 1_000, 1L, null);
    }

    /**
     * Every request carries {@code Authorization: Bearer <token>} from {@code token} (asked once per
     * request, so it may re-sign before one expires), so the flood reaches the input checks behind the
     * security chain instead of stopping at 401.
     */
    public HostileRequests bearer(java.util.function.Supplier<String> token) {
        return new HostileRequests(baseUrl, pathValues, examples, requests, seed, token);
    }

    public HostileRequests pathValues(Map<String, String> values) {
        return new HostileRequests(baseUrl, values, examples, requests, seed, bearer);
    }

    public HostileRequests examples(Map<String, ?> values) {
        return new HostileRequests(baseUrl, pathValues, values, requests, seed, bearer);
    }

    public HostileRequests requests(int count) {
        return new HostileRequests(baseUrl, pathValues, examples, count, seed, bearer);
    }

    public HostileRequests seed(long value) {
        return new HostileRequests(baseUrl, pathValues, examples, requests, value, bearer);
    }

    /** Sends {@code requests} hostile requests, every operation's variants in turn, and reports what broke the promise. */
    public HostileReport run() {
        HostileTransport transport = new HostileTransport(baseUrl);
        List<MutatingOperations.Operation> operations = MutatingOperations.of(document(transport));
        if (operations.isEmpty()) {
            throw new IllegalStateException(baseUrl + "/v3/api-docs documents no POST, PUT, PATCH or DELETE operation");
        }
        BaselineBodies baselines = new BaselineBodies(examples);
        Map<String, JsonNode> baseline = new HashMap<>();
        operations.forEach(op -> baseline.put(op.name(), op.hasBody() ? baselines.of(op.bodySchema()) : null));

        Random random = new Random(seed);
        Map<String, Integer> sent = new TreeMap<>();
        operations.forEach(op -> sent.put(op.name(), 0));
        Tally tally = new Tally();
        int total = 0;
        while (total < requests) {
            List<HostileRequest> pass = pass(operations, baseline, random, total);
            if (pass.isEmpty()) {
                break; // cannot happen (every operation has header variants), but a bounded run must not spin
            }
            HostileTransport.Answer[] answers = send(transport, pass);
            // judged in the order generated, so the report does not depend on which answer came first
            for (int i = 0; i < pass.size(); i++) {
                tally.judge(pass.get(i), answers[i]);
                sent.merge(pass.get(i).operation(), 1, Integer::sum);
            }
            total += pass.size();
        }
        return new HostileReport(operations.stream().map(MutatingOperations.Operation::name).toList(), sent,
                tally.serverErrors, tally.successes, tally.nonProblem, tally.findings);
    }

    /**
     * Every variant of every operation, interleaved so even a short run reaches every operation, up
     * to the requests still to send; a random half carries an {@code Idempotency-Key}.
     */
    private List<HostileRequest> pass(List<MutatingOperations.Operation> operations, Map<String, JsonNode> baseline,
                                      Random random, int sentBefore) {
        List<List<HostileRequest>> perOperation = new ArrayList<>();
        for (MutatingOperations.Operation op : operations) {
            perOperation.add(HostileVariants.of(op, baseline.get(op.name()), pathValues, random));
        }
        List<HostileRequest> pass = new ArrayList<>();
        int longest = perOperation.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (List<HostileRequest> variants : perOperation) {
                if (i >= variants.size() || sentBefore + pass.size() >= requests) {
                    continue;
                }
                HostileRequest request = variants.get(i);
                if (random.nextBoolean()) {
                    request = request.withHeader("Idempotency-Key", "hostile-" + seed + "-" + (sentBefore + pass.size())
                            + "-" + Long.toHexString(random.nextLong()));
                }
                if (bearer != null) {
                    request = request.withHeader("Authorization", "Bearer " + bearer.get());
                }
                pass.add(request);
            }
        }
        return pass;
    }

    /**
     * Sends a pass on {@value #CONNECTIONS} connections at once; the requests are the same whatever
     * the order they arrive in, and each refused one changes nothing another could see.
     */
    private static HostileTransport.Answer[] send(HostileTransport transport, List<HostileRequest> pass) {
        HostileTransport.Answer[] answers = new HostileTransport.Answer[pass.size()];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < answers.length; i = next.getAndIncrement()) {
                answers[i] = transport.send(pass.get(i));
            }
        };
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < CONNECTIONS; w++) {
            Thread thread = new Thread(worker, "hostile-requests-" + w);
            thread.start();
            workers.add(thread);
        }
        for (Thread thread : workers) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sending hostile requests", e);
            }
        }
        return answers;
    }

    private JsonNode document(HostileTransport transport) {
        try {
            return MutatingOperations.parse(transport.get("/v3/api-docs"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + baseUrl + "/v3/api-docs: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the OpenAPI document", e);
        }
    }

    /** Counts and keeps the answers that break the promise. */
    private static final class Tally {
        int serverErrors;
        int successes;
        int nonProblem;
        final List<HostileReport.Finding> findings = new ArrayList<>();

        void judge(HostileRequest request, HostileTransport.Answer answer) {
            HostileReport.Kind kind = verdict(answer);
            if (kind == null) {
                return;
            }
            switch (kind) {
                case SERVER_ERROR -> serverErrors++;
                case SUCCESS -> successes++;
                case NOT_PROBLEM -> nonProblem++;
            }
            if (findings.size() < HostileReport.KEPT_FINDINGS) {
                String body = answer.failure() != null ? answer.failure()
                        : new String(answer.body(), 0, Math.min(answer.body().length, 500), StandardCharsets.UTF_8);
                findings.add(new HostileReport.Finding(kind, request.operation(), request.variant(), request.describe(),
                        answer.status(), answer.contentType(), body));
            }
        }
    }

    /** @return null when the answer keeps the promise: a 4xx problem+json whose {@code status} is the HTTP status */
    static HostileReport.Kind verdict(HostileTransport.Answer answer) {
        int status = answer.status();
        if (status >= 500) {
            return HostileReport.Kind.SERVER_ERROR;
        }
        if (status >= 200 && status < 300) {
            return HostileReport.Kind.SUCCESS;
        }
        if (status < 400 || !problemJson(answer.contentType())) {
            return HostileReport.Kind.NOT_PROBLEM;
        }
        try {
            JsonNode problem = JSON.readTree(answer.body());
            boolean typed = problem.isObject() && problem.path("type").isString() && !problem.get("type").asString().isBlank();
            boolean statusMatches = problem.path("status").isIntegralNumber() && problem.get("status").asInt() == status;
            return typed && statusMatches ? null : HostileReport.Kind.NOT_PROBLEM;
        } catch (RuntimeException notJson) {
            return HostileReport.Kind.NOT_PROBLEM;
        }
    }

    private static boolean problemJson(String contentType) {
        return contentType != null
                && contentType.split(";", 2)[0].trim().equalsIgnoreCase("application/problem+json");
    }

    /** Path values and examples for logs: which resources a run was aimed at. */
    @Override
    public String toString() {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("baseUrl", baseUrl);
        shown.put("pathValues", pathValues);
        shown.put("requests", requests);
        shown.put("seed", seed);
        return "HostileRequests" + shown;
    }
}
