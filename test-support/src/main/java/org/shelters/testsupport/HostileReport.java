package org.shelters.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a run of {@link HostileRequests} found: requests sent per operation, and every answer
 * that breaks the edge's promise (a 5xx, a 2xx, or a 4xx that is not problem+json with
 * {@code type} and {@code status} equal to the HTTP status; no answer at all counts as not problem+json).
 *
 * @param operations every mutating operation of the OpenAPI document, e.g. {@code POST /api/agreements}
 * @param findings   the first {@value #KEPT_FINDINGS} findings in full; the counts count them all
 */
public record HostileReport(List<String> operations, Map<String, Integer> requestsByOperation, int serverErrors,
                            int successes, int nonProblem, List<Finding> findings) {

    static final int KEPT_FINDINGS = 200;

    public enum Kind { SERVER_ERROR, SUCCESS, NOT_PROBLEM }

    /** One answer that breaks the promise, with what was sent to get it. */
    public record Finding(Kind kind, String operation, String variant, String request, int status, String contentType,
                          String answer) {

        @Override
        public String toString() {
            return kind + " " + status + " [" + contentType + "] " + operation + " <" + variant + ">\n    sent: " + request
                    + "\n    got:  " + answer;
        }
    }

    public HostileReport {
        operations = List.copyOf(new TreeSet<>(operations));
        requestsByOperation = Map.copyOf(requestsByOperation);
        findings = List.copyOf(findings);
    }

    public int requests() {
        return requestsByOperation.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Documented mutating operations that no request reached. */
    public List<String> operationsWithoutRequests() {
        return operations.stream().filter(op -> requestsByOperation.getOrDefault(op, 0) == 0).toList();
    }

    /** Two runs against the same service (e.g. with other path values) as one report. */
    public HostileReport plus(HostileReport other) {
        TreeSet<String> allOperations = new TreeSet<>(operations);
        allOperations.addAll(other.operations);
        Map<String, Integer> counts = new TreeMap<>(requestsByOperation);
        other.requestsByOperation.forEach((op, n) -> counts.merge(op, n, Integer::sum));
        List<Finding> allFindings = new ArrayList<>(findings);
        other.findings.stream().limit(Math.max(0, KEPT_FINDINGS - findings.size())).forEach(allFindings::add);
        return new HostileReport(List.copyOf(allOperations), counts, serverErrors + other.serverErrors,
                successes + other.successes, nonProblem + other.nonProblem, allFindings);
    }

    /** {@code [hostile] agreements-service: requests=5000 operations=11 5xx=0 2xx=0 non-problem=0} */
    /**
     * Fails unless every mutating operation (at least {@code minOperations}) got requests, at least
     * {@code minRequests} were sent, and every answer was a problem+json 4xx.
     */
    public void assertEveryRequestRefused(int minOperations, int minRequests) {
        org.assertj.core.api.Assertions.assertThat(operations()).as("mutating operations in the OpenAPI document")
                .hasSizeGreaterThanOrEqualTo(minOperations);
        org.assertj.core.api.Assertions.assertThat(operationsWithoutRequests()).as(details()).isEmpty();
        org.assertj.core.api.Assertions.assertThat(requests()).isGreaterThanOrEqualTo(minRequests);
        org.assertj.core.api.Assertions.assertThat(serverErrors()).as(details()).isZero();
        org.assertj.core.api.Assertions.assertThat(successes()).as(details()).isZero();
        org.assertj.core.api.Assertions.assertThat(nonProblem()).as(details()).isZero();
    }

    public String summary(String service) {
        return "[hostile] " + service + ": requests=" + requests() + " operations=" + operations.size() + " 5xx="
                + serverErrors + " 2xx=" + successes + " non-problem=" + nonProblem;
    }

    /** Requests per operation, then every finding kept: what an assertion message should show. */
    public String details() {
        String perOperation = new TreeMap<>(requestsByOperation).entrySet().stream()
                .map(e -> "  " + e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n"));
        String found = findings.stream().map(Finding::toString).collect(Collectors.joining("\n"));
        return "requests per operation:\n" + perOperation + (findings.isEmpty() ? "" : "\nfindings:\n" + found);
    }
}
