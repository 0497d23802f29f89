package org.shelters.reporting.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Times report queries over HTTP, one at a time, as a client sees them (request sent to last byte
 * read). Every request has a timeout; a non-200 answer or a timeout is recorded as an error and the
 * run carries on. Percentiles are over the successful samples.
 */
final class ScaleBenchmarkQueries {

    /**
     * One query. {@code path} gets the sample's index, so one-shelter queries ask a different
     * shelter each time; {@code ratioTarget}: a one-shelter or paged query, whose p50 may grow at
     * most 1.5x from the small to the large size.
     */
    record Query(String name, boolean ratioTarget, int samples, IntFunction<String> path) {
    }

    record Result(String name, boolean ratioTarget, int ok, int errors, double p50, double p90, double max, String firstError,
                  boolean budgetHit) {

        boolean measured() {
            return ok > 0;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final Supplier<String> token;
    private final Duration timeout;

    ScaleBenchmarkQueries(String baseUrl, Supplier<String> token, Duration timeout) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.timeout = timeout;
    }

    /** One answer: status and body, or status -1 with the reason when no answer came in time. */
    record Answer(int status, String body, double millis) {

        boolean ok() {
            return status == 200;
        }

        String describe() {
            if (status < 0) {
                return body;
            }
            String shown = body.length() > 300 ? body.substring(0, 300) + "..." : body;
            return "HTTP " + status + " " + shown.replace('\n', ' ');
        }
    }

    Answer get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .header("Authorization", "Bearer " + token.get()).header("Accept", "*/*").GET().build();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), (System.nanoTime() - start) / 1e6);
        } catch (HttpTimeoutException e) {
            return new Answer(-1, "no answer within " + timeout.toSeconds() + " s", (System.nanoTime() - start) / 1e6);
        } catch (IOException e) {
            return new Answer(-1, "I/O error: " + e, (System.nanoTime() - start) / 1e6);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code warmUp} requests (not counted), then {@code query.samples()} timed ones; both stop early
     * when {@code budget} is spent (slow code), which the result says.
     */
    Result measure(Query query, int warmUp, Duration budget) {
        long warmDeadline = System.nanoTime() + budget.toNanos() / 4;
        for (int i = 0; i < warmUp && System.nanoTime() < warmDeadline; i++) {
            Answer answer = get(query.path().apply(1_000_000 + i));
            if (!answer.ok()) {
                // printed, not counted: the timed samples decide the result
                System.out.printf("  ERROR %s (warm-up): %s%n", query.name(), answer.describe());
            }
        }
        long deadline = System.nanoTime() + budget.toNanos();
        List<Double> times = new ArrayList<>();
        String firstError = null;
        int errors = 0;
        int done = 0;
        for (int i = 0; i < query.samples(); i++) {
            if (System.nanoTime() > deadline) {
                break;
            }
            Answer answer = get(query.path().apply(i));
            done++;
            if (answer.ok()) {
                times.add(answer.millis());
            } else {
                errors++;
                if (errors <= 3) {
                    System.out.printf("  ERROR %s: %s after %.0f ms%n", query.name(), answer.describe(), answer.millis());
                }
                if (firstError == null) {
                    firstError = answer.describe();
                }
            }
        }
        double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        boolean budgetHit = done < query.samples();
        Result result = new Result(query.name(), query.ratioTarget(), sorted.length, errors, pct(sorted, 50), pct(sorted, 90),
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1], firstError, budgetHit);
        System.out.printf("  %-44s n=%3d errors=%3d  p50 %9.1f ms  p90 %9.1f ms  max %9.1f ms%s%n", query.name(),
                result.ok(), result.errors(), result.p50(), result.p90(), result.max(),
                budgetHit ? "  (time budget of " + budget.toSeconds() + " s spent after " + done + " requests)" : "");
        return result;
    }

    static double pct(double[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
