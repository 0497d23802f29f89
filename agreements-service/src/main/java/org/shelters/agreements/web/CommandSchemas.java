package org.shelters.agreements.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The fields the agreement commands refuse when missing ({@code Commands.validate*}), marked
 * required on the schemas of the shared-events values they carry. Those records belong to the
 * event contract (no OpenAPI annotations there), so this one place says it for the API, in the
 * order {@code Commands} checks them.
 */
@Component
public class CommandSchemas implements OpenApiCustomizer {

    static final Map<String, List<String>> REQUIRED = Map.of(
            "Period", List.of("start", "end"),
            "Money", List.of("amount", "currency"),
            "CommitmentLine", List.of("category", "itemCode", "quantity", "unit"),
            "PlannedTraining", List.of("topic", "participants"),
            "ConstructionWork", List.of("kind"));

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        REQUIRED.forEach((name, fields) -> {
            Schema<?> schema = schemas.get(name);
            if (schema != null) {
                schema.setRequired(fields);
            }
        });
    }
}
