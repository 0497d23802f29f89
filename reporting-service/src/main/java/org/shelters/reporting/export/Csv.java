package org.shelters.reporting.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * RFC 4180 CSV with the HXL conventions: ISO dates, plain numbers without thousands separators.
 *
 * <p>Text is never taken for a formula by a spreadsheet (CSV injection): a text cell that starts
 * with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return — a shelter named
 * {@code =HYPERLINK(...)} — is written with a leading single quote and in double quotes. Numbers
 * stay numbers: a negative amount we write is a {@link Number}, never text, so it is not escaped.
 *
 * <p>Rows go to {@code out} as they are given (an export streams them to the response); the
 * no-argument form collects them in memory.
 */
final class Csv {

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private final Appendable out;

    Csv() {
        this(new StringBuilder());
    }

    Csv(Appendable out) {
        this.out = out;
    }

    Csv row(List<?> cells) {
        try {
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(cell(cells.get(i)));
            }
            out.append("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Number || value instanceof LocalDate) {
            return value.toString();
        }
        String text = value.toString();
        boolean formula = !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0;
        if (formula) {
            text = "'" + text;
        }
        if (formula || text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
