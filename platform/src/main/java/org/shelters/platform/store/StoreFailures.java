package org.shelters.platform.store;

/**
 * Tells a store outage (the database cannot be reached: a timeout selecting a server, a broken
 * socket) from a fault of the request or the record. An outage is nobody's fault and passes: a
 * command is answered 503 with Retry-After, a consumer pauses and retries until the store is back
 * instead of dead-lettering records that did nothing wrong.
 */
public final class StoreFailures {

    private StoreFailures() {
    }

    public static boolean unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof com.mongodb.MongoTimeoutException || t instanceof com.mongodb.MongoSocketException
                    || t instanceof org.springframework.dao.DataAccessResourceFailureException) {
                return true;
            }
        }
        return false;
    }
}
