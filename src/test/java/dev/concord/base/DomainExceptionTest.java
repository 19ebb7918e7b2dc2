package dev.concord.base;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What pages show of an error: its details as sentences, and the ones naming a field per field. */
class DomainExceptionTest {

    private final DomainException refused = new DomainException.BadInput("The cohort was not created.", List.of(
            Map.of("line", 4, "message", "'a b' is not a usable username."),
            Map.of("field", "overlap", "message", "Overlap is 1 to 50."),
            Map.of("field", "overlap", "message", "It is a whole number."),
            "a plain note"));

    @Test
    void detailsReadAsSentences() {
        assertEquals(List.of("Line 4: 'a b' is not a usable username.", "Overlap is 1 to 50.", "It is a whole number.", "a plain note"),
                refused.sentences());
    }

    @Test
    void fieldDetailsAreGatheredPerField() {
        assertEquals(Map.of("overlap", "Overlap is 1 to 50. It is a whole number."), refused.fieldMessages());
    }
}
