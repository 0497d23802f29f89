package org.shelters.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.shelters.platform.domain.FieldError;
import org.shelters.platform.domain.Refusal;

/** For domain tests: the fields an INVALID refusal names, or a failure when the command was not refused. */
public final class FieldsAtFault {

    private FieldsAtFault() {
    }

    public static List<String> of(Runnable command) {
        try {
            command.run();
        } catch (Refusal e) {
            assertThat(e.kind()).isEqualTo(Refusal.Kind.INVALID);
            return e.errors().stream().map(FieldError::field).toList();
        }
        throw new AssertionError("expected the command to be refused");
    }
}
