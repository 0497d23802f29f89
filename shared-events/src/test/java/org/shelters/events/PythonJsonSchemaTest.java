package org.shelters.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The published schemas, read by a second validator: python-jsonschema, as a Python consumer of the
 * topics would use it (every schema registered under its {@code $id}, no network, formats asserted).
 * Runs with every distinct jsonschema found: the {@code python3} on the PATH and Debian's
 * {@code /usr/bin/python3} (python3-jsonschema 4.10, which cannot join a fragment-only {@code $ref}
 * to a {@code urn:} base). Skipped when no python3 with jsonschema is installed.
 */
class PythonJsonSchemaTest {

    private static final Path SCRIPT = resource("validate_events.py");
    private static final Path SCHEMAS = resource("schemas");

    /** interpreter -> its jsonschema version; one interpreter per version */
    private static Map<String, String> interpreters;

    @TempDir
    Path work;

    @BeforeAll
    static void findPythonJsonschema() {
        interpreters = new LinkedHashMap<>();
        for (String python : List.of("python3", "/usr/bin/python3")) {
            jsonschemaVersion(python).filter(version -> !interpreters.containsValue(version))
                    .ifPresent(version -> interpreters.put(python, version));
        }
        assumeTrue(!interpreters.isEmpty(),
                "no python3 with jsonschema (apt-get install python3-jsonschema): second validator skipped");
        System.out.println("[schemas] python-jsonschema found: " + interpreters);
    }

    @Test
    void everySampleEventIsValidForPythonJsonschemaToo() throws Exception {
        List<EventEnvelope<?>> samples = SampleEvents.oneOfEach();
        ArrayNode events = EventJson.mapper().createArrayNode();
        samples.forEach(event -> events.add(EventJson.mapper().readTree(EventJson.DEFAULT.write(event))));

        for (Map.Entry<String, String> python : interpreters.entrySet()) {
            List<JsonNode> results = validate(python.getKey(), events);

            assertThat(results).as("jsonschema %s", python.getValue()).hasSize(samples.size());
            assertThat(results).allSatisfy(result -> assertThat(result.path("errors").isEmpty())
                    .as("jsonschema %s on %s: %s", python.getValue(), result.path("type").asString(), result.path("errors"))
                    .isTrue());
            assertThat(results.stream().map(result -> result.path("type").asString()))
                    .containsExactlyElementsOf(samples.stream().map(EventEnvelope::type).toList());
        }
    }

    @Test
    void brokenSamplesAreViolationsForPythonJsonschemaToo() throws Exception {
        Map<String, ObjectNode> broken = new LinkedHashMap<>();
        ObjectNode foodShipment = EventSchemasTest.sample("ShipmentPlanned");
        ((ObjectNode) EventSchemasTest.data(foodShipment).get("lines").get(0)).put("category", "FOOD");
        broken.put("$.data.lines[0].category", foodShipment);
        ObjectNode reasonless = EventSchemasTest.sample("SuppliesDelivered");
        ((ObjectNode) EventSchemasTest.data(reasonless).get("lines").get(1)).remove("rejectionReason");
        broken.put("$.data.lines[1]", reasonless);
        ObjectNode dollarSign = EventSchemasTest.sample("AgreementDrafted");
        ((ObjectNode) EventSchemasTest.data(dollarSign).get("terms").get("budget")).put("currency", "US$");
        broken.put("$.data.terms.budget.currency", dollarSign);
        ObjectNode negative = EventSchemasTest.sample("ShelterArrivalsReported");
        EventSchemasTest.data(negative).put("girls", -1);
        broken.put("$.data.girls", negative);
        ObjectNode notUuid = EventSchemasTest.sample("SuppliesDispatched");
        notUuid.put("id", "evt-42");
        broken.put("$.id", notUuid);
        ArrayNode events = EventJson.mapper().createArrayNode();
        broken.values().forEach(events::add);
        List<String> paths = new ArrayList<>(broken.keySet());

        for (Map.Entry<String, String> python : interpreters.entrySet()) {
            List<JsonNode> results = validate(python.getKey(), events);

            assertThat(results).as("jsonschema %s", python.getValue()).hasSize(paths.size());
            for (int i = 0; i < paths.size(); i++) {
                String path = paths.get(i);
                assertThat(results.get(i).path("errors").valueStream().map(JsonNode::asString).toList())
                        .as("jsonschema %s on %s broken at %s", python.getValue(), results.get(i).path("type").asString(), path)
                        .isNotEmpty().allSatisfy(error -> assertThat(error).startsWith(path));
            }
        }
    }

    private List<JsonNode> validate(String python, ArrayNode events) throws IOException, InterruptedException {
        Path input = Files.writeString(work.resolve("events.json"), EventJson.mapper().writeValueAsString(events));
        Path errors = work.resolve("stderr.txt");
        Process process = new ProcessBuilder(python, SCRIPT.toString(), SCHEMAS.toString(), input.toString())
                .redirectError(errors.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", SCRIPT.getFileName()).isTrue();
        assertThat(process.exitValue()).as("exit code of %s %s; stderr: %s", python, SCRIPT.getFileName(),
                Files.readString(errors)).isZero();
        return out.lines().map(line -> EventJson.mapper().readTree(line)).toList();
    }

    private static Optional<String> jsonschemaVersion(String python) {
        try {
            Process process = new ProcessBuilder(python, "-c",
                    "import jsonschema, importlib.metadata as m; print(m.version('jsonschema'))")
                    .redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0
                    ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();   // no such interpreter
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(PythonJsonSchemaTest.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
