package org.shelters.reporting.export;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Who reports the IATI file and how the agreements' work is classified, under {@code reporting.iati.*}.
 *
 * @param reportingOrgRef  the reporting organisation's IATI identifier: IOM is {@code XM-DAC-47066};
 *                         it also prefixes every activity identifier
 * @param reportingOrgName the reporting organisation's name, as the narrative says it
 * @param reportingOrgType IATI OrganisationType: 40 = multilateral
 * @param sectors          DAC 5-digit sectors (vocabulary 1) with the share of each; the shares add
 *                         up to 100. Default: 72010 material relief assistance (the supplies) and
 *                         15190 migration (the training and the shelters' work), half each — set the
 *                         programme's own split
 */
@ConfigurationProperties("reporting.iati")
public record IatiSettings(String reportingOrgRef, String reportingOrgName, String reportingOrgType,
                           List<Sector> sectors) {

    public static final IatiSettings DEFAULTS = new IatiSettings(null, null, null, null);

    @ConstructorBinding
    public IatiSettings {
        reportingOrgRef = reportingOrgRef == null ? "XM-DAC-47066" : reportingOrgRef;
        reportingOrgName = reportingOrgName == null ? "International Organization for Migration (IOM)" : reportingOrgName;
        reportingOrgType = reportingOrgType == null ? "40" : reportingOrgType;
        sectors = sectors == null || sectors.isEmpty()
                ? List.of(new Sector("72010", "Material relief assistance and services", 50),
                        new Sector("15190", "Facilitation of orderly, safe, regular and responsible migration and mobility", 50))
                : List.copyOf(sectors);
        int total = sectors.stream().mapToInt(Sector::percentage).sum();
        if (total != 100) {
            throw new IllegalArgumentException("reporting.iati.sectors: the percentages add up to " + total + ", not 100");
        }
    }

    public record Sector(String code, String name, int percentage) {
    }
}
