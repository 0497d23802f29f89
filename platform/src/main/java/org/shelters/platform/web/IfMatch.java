package org.shelters.platform.web;

import org.shelters.platform.domain.Refusal;
import org.shelters.platform.outbox.Stored;

/**
 * Optimistic concurrency over HTTP: a command carrying {@code If-Match} runs only against the
 * version it names. Without the header the command still runs against the version just read, and
 * the store's version guard refuses it if someone else wrote in between.
 */
public final class IfMatch {

    private IfMatch() {
    }

    public static void check(String ifMatch, Stored<?> current) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return;
        }
        String expected = current.etag();
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(expected)) {
                return;
            }
        }
        throw Refusal.conflict("version-conflict", "If-Match " + ifMatch + " does not match the current version "
                + expected + "; reload and retry");
    }
}
