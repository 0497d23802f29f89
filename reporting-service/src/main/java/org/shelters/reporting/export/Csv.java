package org.shelters.reporting.export;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** RFC 4180 CSV with the HXL conventions: ISO dates, plain numbers without thousands separators. */
final class Csv {

    private final StringBuilder out = new StringBuilder();

    Csv row(List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
        return this;
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text;
        if (value instanceof BigDecimal d) {
            text = d.stripTrailingZeros().toPlainString();
        } else if (value instanceof LocalDate d) {
            text = d.toString();
        } else {
            text = value.toString();
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
