package org.shelters.platform.web;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.shelters.platform.domain.FieldError;
import java.util.regex.Pattern;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Bounds on what a request body may carry, checked while it is read, before any command code
 * runs: a decimal has at most {@value #MAX_INTEGER_DIGITS} digits before the point and
 * {@value #MAX_DECIMALS} after it (so {@code 1e9999999} or {@code 1e-7000} cost nothing and
 * every accepted amount fits MongoDB's Decimal128), and text has at most {@value #MAX_TEXT}
 * characters and no control characters other than tab and line breaks (so {@code "\u0000"} is
 * refused rather than stored as an empty string), a date is {@code yyyy-MM-dd} with a
 * four-digit year, as the event schemas require, and a date-time is text (never a number, which
 * Jackson would otherwise read as seconds since 1970). The JSON Schemas of the events set the tighter,
 * per-field limits, checked before anything is stored.
 */
public final class BoundedInput {

    public static final int MAX_INTEGER_DIGITS = 15;
    public static final int MAX_DECIMALS = 6;
    public static final int MAX_TEXT = 10_000;

    /**
     * Out-of-bounds values of the body being read on this thread. Values out of bounds do not stop
     * the read: each is recorded with its path and replaced by a harmless placeholder, so one
     * answer names every such field ({@link BoundedBodies} refuses the body once it is read).
     */
    private static final ThreadLocal<List<FieldError>> FOUND = ThreadLocal.withInitial(ArrayList::new);

    private BoundedInput() {
    }

    /** Starts collecting for a new body. */
    static void reset() {
        FOUND.get().clear();
    }

    /** What the body read so far broke, and clears it. */
    static List<FieldError> drain() {
        List<FieldError> found = List.copyOf(FOUND.get());
        FOUND.get().clear();
        return found;
    }

    private static <T> T outOfBounds(JsonParser parser, String expectation, T placeholder) {
        FOUND.get().add(new FieldError(path(parser), expectation));
        return placeholder;
    }

    /** {@code /commitments/0/quantity} -> {@code commitments[0].quantity}, as the other errors name fields. */
    static String path(JsonParser parser) {
        String pointer = parser.streamReadContext().pathAsPointer().toString();
        StringBuilder field = new StringBuilder();
        for (String segment : pointer.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.chars().allMatch(Character::isDigit)) {
                field.append('[').append(segment).append(']');
            } else {
                field.append(field.length() == 0 ? "" : ".").append(segment.replace("~1", "/").replace("~0", "~"));
            }
        }
        return field.length() == 0 ? "body" : field.toString();
    }

    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("bounded-input");
        module.addDeserializer(BigDecimal.class, new DecimalDeserializer());
        module.addDeserializer(String.class, new TextDeserializer());
        module.addDeserializer(LocalDate.class, new DateDeserializer());
        module.addDeserializer(Instant.class, new InstantTextDeserializer());
        return module;
    }

    /** A value out of bounds; {@code expectation} is what the client is told about the field. */
    public static final class OutOfBounds extends MismatchedInputException {

        private final String expectation;

        OutOfBounds(JsonParser parser, String expectation, Class<?> target) {
            super(parser, expectation, target);
            this.expectation = expectation;
        }

        public String expectation() {
            return expectation;
        }
    }

    /** Whether {@code value} is within the decimal bounds. */
    public static boolean withinBounds(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        int decimals = Math.max(stripped.scale(), 0);
        long integerDigits = (long) stripped.precision() - stripped.scale();
        return decimals <= MAX_DECIMALS && integerDigits <= MAX_INTEGER_DIGITS;
    }

    static final class DecimalDeserializer extends ValueDeserializer<BigDecimal> {
        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context) {
            JsonToken token = parser.currentToken();
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                throw new OutOfBounds(parser, "must be a number", BigDecimal.class);
            }
            BigDecimal value = parser.getDecimalValue();
            if (!withinBounds(value)) {
                return outOfBounds(parser, "must be a number with at most " + MAX_INTEGER_DIGITS
                        + " digits before the decimal point and " + MAX_DECIMALS + " after it", BigDecimal.ZERO);
            }
            return value;
        }
    }

    private static final Pattern DATE = Pattern.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
    private static final String DATE_EXPECTATION = "must be a date YYYY-MM-DD between 0001-01-01 and 9999-12-31";
    /** Never seen by a command: the body is refused once it is read. */
    private static final LocalDate PLACEHOLDER_DATE = LocalDate.of(2000, 1, 1);

    /** Dates as the event schemas state them: {@code yyyy-MM-dd}, so no 5-digit or negative years. */
    static final class DateDeserializer extends ValueDeserializer<LocalDate> {
        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) {
            String text = parser.currentToken() == JsonToken.VALUE_STRING ? parser.getString() : null;
            if (text == null) {
                throw new OutOfBounds(parser, DATE_EXPECTATION, LocalDate.class);
            }
            if (!DATE.matcher(text).matches()) {
                return outOfBounds(parser, DATE_EXPECTATION, PLACEHOLDER_DATE);
            }
            try {
                LocalDate date = LocalDate.parse(text);
                if (date.getYear() < 1) {
                    throw new DateTimeException("year 0");
                }
                return date;
            } catch (DateTimeException notADate) {
                return outOfBounds(parser, DATE_EXPECTATION, PLACEHOLDER_DATE);
            }
        }
    }

    /**
     * A date-time only from text such as {@code 2026-01-31T09:30:00Z}: Jackson alone reads a number
     * as seconds since 1970, so {@code "dispatchedAt": 5} would record a dispatch in January 1970.
     */
    static final class InstantTextDeserializer extends ValueDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw new OutOfBounds(parser, "must be a date-time such as 2026-01-31T09:30:00Z", Instant.class);
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }

    static final class TextDeserializer extends ValueDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw new OutOfBounds(parser, "must be text", String.class);
            }
            String text = parser.getString();
            if (text.length() > MAX_TEXT) {
                return outOfBounds(parser, "must be at most " + MAX_TEXT + " characters", "x");
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                    return outOfBounds(parser, "must not contain control characters", "x");
                }
            }
            return text;
        }
    }
}
