package org.shelters.reporting.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shelters.platform.domain.ProgrammeCalendar;
import org.shelters.reporting.ReportingProperties;
import org.shelters.reporting.read.ReportReader;
import org.shelters.reporting.read.ReportSnapshot;
import org.shelters.reporting.report.FilterParams;
import org.shelters.reporting.shelters.DailyArrivals;
import org.shelters.reporting.shelters.ShelterDoc;
import org.springframework.mock.web.MockHttpServletResponse;

class ExportSuppressionTest {

    static final LocalDate DAY = LocalDate.parse("2026-11-20");
    static final FilterParams NO_FILTER = new FilterParams(null, null, null, null, null, null, null);

    static ExportController exportOf(ShelterDoc shelter) {
        ReportingProperties properties = new ReportingProperties(null, null, null);
        return new ExportController(new ReportReader(null, null, null), properties,
                new ProgrammeCalendar(Clock.systemUTC(), ProgrammeCalendar.DEFAULT_ZONE),
                ShelterBatches.of(ReportSnapshot.of(1, DAY, List.of(shelter), List.of(), List.of())));
    }

    static ShelterDoc shelterWith(int women, int men, int girls, int boys) {
        ShelterDoc shelter = ShelterDoc.empty("s1");
        shelter.name = "Casa";
        shelter.state = "MX-CHP";
        DailyArrivals d = new DailyArrivals();
        d.arrivals = women + men + girls + boys;
        d.women = women;
        d.men = men;
        d.girls = girls;
        d.boys = boys;
        shelter.arrivals.put(DAY.toString(), d);
        return shelter;
    }

    /** The shelters file as a client receives it, without the BOM. */
    static String sheltersCsv(ExportController export) {
        MockHttpServletResponse response = new MockHttpServletResponse();
        export.shelters(NO_FILTER, false, response);
        return new String(response.getContentAsByteArray(), StandardCharsets.UTF_8);
    }

    static String cell(String csv, String hashtag) {
        String[] lines = csv.split("\r\n");
        List<String> tags = List.of(lines[1].split(",", -1));
        return lines[2].split(",", -1)[tags.indexOf(hashtag)];
    }

    @Test
    void aSmallCountCannotBeWorkedOutFromTheTotalAndItsComplement() {
        // 3 women and girls, 97 men and boys: publishing 100 and 97 would reveal the 3
        String csv = sheltersCsv(exportOf(shelterWith(2, 90, 1, 7)));
        assertThat(cell(csv, "#reached+ind")).isEqualTo("100");
        assertThat(cell(csv, "#reached+f")).isEmpty();
        assertThat(cell(csv, "#reached+m")).as("its complement in the total is suppressed too").isEmpty();
    }

    @Test
    void countsAtOrAboveTheThresholdOnBothSidesArePublished() {
        String csv = sheltersCsv(exportOf(shelterWith(20, 40, 3, 17)));
        assertThat(cell(csv, "#reached+f")).isEqualTo("23");
        assertThat(cell(csv, "#reached+m")).isEqualTo("57");
    }
}
