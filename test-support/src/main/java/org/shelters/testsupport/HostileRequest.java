package org.shelters.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request that a service must refuse with a problem+json 4xx.
 *
 * @param operation the OpenAPI operation it targets, e.g. {@code POST /api/agreements/{agreementId}/sign}
 * @param variant   what makes it hostile, e.g. {@code budget.amount = 1e9999999}
 * @param path      the raw request target, possibly malformed (so it is sent over a raw socket when {@code raw})
 * @param body      null for no body at all
 */
record HostileRequest(String operation, String variant, String method, String path, Map<String, String> headers,
                      byte[] body, boolean raw) {

    HostileRequest {
        headers = Map.copyOf(new LinkedHashMap<>(headers));
    }

    HostileRequest withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HostileRequest(operation, variant, method, path, more, body, raw);
    }

    /** For a report: the request line, its headers and the start of its body. */
    String describe() {
        String text = body == null ? "<no body>" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8)
                + (body.length > 300 ? "... (" + body.length + " bytes)" : "");
        String target = path.length() > 160 ? path.substring(0, 160) + "..." : path;
        return method + " " + target + " " + headers + " " + text;
    }
}
