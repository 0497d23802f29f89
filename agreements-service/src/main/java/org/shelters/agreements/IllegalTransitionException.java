package org.shelters.agreements;

/** The command does not fit the aggregate's current state (e.g. resuming an agreement that is not suspended); 409. */
public class IllegalTransitionException extends RuntimeException {

    public IllegalTransitionException(String reason) {
        super(reason);
    }
}
