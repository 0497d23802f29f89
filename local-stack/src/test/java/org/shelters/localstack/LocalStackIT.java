package org.shelters.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.shelters.testsupport.PrometheusScrape;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole system as a newcomer runs it: the local stack (real KRaft broker, on-disk Mongo wire
 * store, the three services as child JVMs from their executable jars) with the demo programme,
 * then an end-to-end smoke test through the real plumbing, then a restart on the same data.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static LocalStack stack;
    private static LocalStack.Options options;
    private static String agreements;
    private static String logistics;
    private static String reporting;

    @BeforeAll
    static void startTheStackWithTheDemoProgramme() throws Exception {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        Path data = Files.createDirectories(Path.of("target", "e2e-" + UUID.randomUUID())).toAbsolutePath();
        LocalStack.Ports ports = new LocalStack.Ports(freePort(), freePort(), freePort(), freePort(), freePort(), freePort());
        options = new LocalStack.Options(false, true, false, data, repo, ports);
        interruptTheFirstDemoLoad();
        stack = new LocalStack(options);
        long started = System.nanoTime();
        stack.start();
        System.out.printf("[e2e] local stack up with demo in %.1f s%n", (System.nanoTime() - started) / 1e9);
        List<String> urls = stack.serviceUrls();
        agreements = urls.get(0);
        logistics = urls.get(1);
        reporting = urls.get(2);
    }

    /**
     * A newcomer's first start, stopped (as Ctrl-C does) while the demo is loading: the next start
     * must resume the demo and end with the whole programme, without --reset.
     */
    private static void interruptTheFirstDemoLoad() throws Exception {
        LocalStack first = new LocalStack(options);
        Thread starting = new Thread(() -> {
            try {
                first.start();
            } catch (Exception stopped) {
                // expected: the stack is stopped under it
            }
        }, "first-start");
        starting.start();
        String agreementsUrl = "http://localhost:" + options.ports().agreements();
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> get(agreementsUrl + "/api/shelters?size=100").path("total").asInt() >= 3);
        first.stop();
        starting.join(60_000);
        assertThat(Files.exists(options.dataDir().resolve("demo-loaded"))).as("the demo was cut off").isFalse();
        System.out.println("[e2e] first start stopped during the demo load");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    @Order(1)
    void theDemoProgrammeReachesTheReportsThroughEvents() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode shelters = get(reporting + "/api/reports/shelters?size=100");
            assertThat(shelters.path("total").asInt()).isEqualTo(12);
            assertThat(get(agreements + "/api/shelters?size=100").path("total").asInt())
                    .as("the demo resumed after the interrupted first start, nothing twice").isEqualTo(12);
            assertThat(get(logistics + "/api/shipments?size=100").path("total").asInt()).isPositive();
            assertThat(get(reporting + "/api/reports/alerts").toString()).contains("OVER_CAPACITY");
        });
    }

    @Test
    @Order(2)
    void theDashboardOpenedOnTheDemoProgrammeShowsEveryPanelFilled() throws Exception {
        Path chromedriver = Path.of("/usr/bin/chromedriver");
        Path chromium = Path.of("/usr/bin/chromium");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(chromedriver) && Files.isExecutable(chromium),
                "needs Debian chromium and chromium-driver (.ci/run installs them)");
        Path profile = Files.createTempDirectory("chromium-profile");
        org.openqa.selenium.chrome.ChromeOptions browser = new org.openqa.selenium.chrome.ChromeOptions();
        browser.setBinary(chromium.toFile());
        browser.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,2600", "--user-data-dir=" + profile);
        org.openqa.selenium.WebDriver driver = new org.openqa.selenium.chrome.ChromeDriver(
                new org.openqa.selenium.chrome.ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                        .usingAnyFreePort().build(), browser);
        try {
            driver.get(reporting + "/dashboard/index.html?lang=es");
            new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(30)).until(d ->
                    "true".equals(d.findElement(org.openqa.selenium.By.id("status")).getDomAttribute("data-ready")));
            for (String kpi : List.of("kpi-shelters", "kpi-budget", "kpi-delivered", "kpi-fulfilment", "kpi-people",
                    "kpi-trainings", "arrivals-total", "delivery-median", "delivery-p90", "delivery-rejection")) {
                String shown = driver.findElement(org.openqa.selenium.By.id(kpi)).getText();
                assertThat(shown).as(kpi).isNotBlank().isNotEqualTo("–").doesNotStartWith("0 ").isNotEqualTo("0");
            }
            for (String chart : List.of("chart-programme", "chart-fulfilment", "chart-arrivals", "chart-delivery", "chart-alerts")) {
                assertThat(driver.findElements(org.openqa.selenium.By.cssSelector("#" + chart + " canvas"))).as(chart).isNotEmpty();
            }
            assertThat(driver.findElements(org.openqa.selenium.By.cssSelector("#table-fulfilment tbody tr")).size())
                    .isGreaterThanOrEqualTo(12);
            assertThat(driver.findElements(org.openqa.selenium.By.cssSelector("#table-alerts tbody tr"))).isNotEmpty();
            Files.write(Path.of("target", "demo-dashboard.png"),
                    ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } finally {
            driver.quit();
            org.springframework.util.FileSystemUtils.deleteRecursively(profile);
        }
    }

    @Test
    @Order(3)
    void aCommandOnOneServiceReachesAConsumerInAnotherAndADuplicateDeliveryChangesNothing() throws Exception {
        String shelterId = registerShelter("Albergue Demo Prueba E2E");
        await().atMost(Duration.ofSeconds(30)).until(() -> status(reporting + "/api/reports/shelters/" + shelterId) == 200);
        JsonNode before = get(reporting + "/api/reports/shelters/" + shelterId).path("data");
        double duplicatesBefore = duplicatesCounted();

        ConsumerRecord<String, byte[]> original = firstRecord("shelters.v1", shelterId);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>("shelters.v1", original.key(), original.value())).get(10, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> duplicatesCounted() > duplicatesBefore);
        assertThat(get(reporting + "/api/reports/shelters/" + shelterId).path("data")).isEqualTo(before);
    }

    @Test
    @Order(4)
    void aPoisonRecordLandsOnTheDeadLetterTopicAndTheNextRecordIsStillProcessed() throws Exception {
        String poisonKey = "poison-" + UUID.randomUUID();
        byte[] poison = "{\"this is\": not an event".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>("shelters.v1", poisonKey, poison)).get(10, TimeUnit.SECONDS);
        }
        String next = registerShelter("Albergue Demo Después del Veneno");
        await().atMost(Duration.ofSeconds(30)).until(() -> status(reporting + "/api/reports/shelters/" + next) == 200);
        assertThat(firstRecord("shelters.v1-dlt", poisonKey).value()).isEqualTo(poison);
    }

    @Test
    @Order(5)
    void everyServiceExposesMetricsThatPassPromtool() {
        for (String service : List.of(agreements, logistics, reporting)) {
            PrometheusScrape scrape = PrometheusScrape.of(service);
            assertThat(scrape.text()).contains("outbox_backlog_events", "http_server_requests_seconds_bucket");
            if (Files.isExecutable(PrometheusScrape.PROMTOOL)) {
                scrape.assertPassesPromtool();
            }
        }
    }

    @Test
    @Order(6)
    void aServiceThatDiesIsRestartedByTheStackAndARetriedCommandCarriesOn() throws Exception {
        ServiceProcess service = stack.services().get(0);
        String key = UUID.randomUUID().toString();
        service.handle().destroyForcibly();   // SIGKILL, as the OOM killer would

        // the client retries with its Idempotency-Key until the supervisor has the service back
        String id = await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> registerShelter("Albergue Demo Tras Caida", key), created -> created != null);
        assertThat(service.restarts()).isEqualTo(1);
        assertThat(registerShelter("Albergue Demo Tras Caida", key)).as("the retry replays, nothing twice").isEqualTo(id);
        await().atMost(Duration.ofSeconds(30)).until(() -> status(reporting + "/api/reports/shelters/" + id) == 200);
    }

    @Test
    @Order(7)
    void afterARestartOnTheSameDataEverythingIsStillThereAndTheDemoIsNotLoadedTwice() throws Exception {
        int sheltersBefore = get(agreements + "/api/shelters?size=100").path("total").asInt();
        int shipmentsBefore = get(logistics + "/api/shipments?size=100").path("total").asInt();
        stack.stop();
        stack = new LocalStack(options);
        long started = System.nanoTime();
        stack.start();
        System.out.printf("[e2e] local stack restarted (no demo load) in %.1f s%n", (System.nanoTime() - started) / 1e9);
        assertThat(get(agreements + "/api/shelters?size=100").path("total").asInt()).isEqualTo(sheltersBefore);
        assertThat(get(logistics + "/api/shipments?size=100").path("total").asInt()).isEqualTo(shipmentsBefore);
        String after = registerShelter("Albergue Demo Tras Reinicio");
        await().atMost(Duration.ofSeconds(30)).until(() -> status(reporting + "/api/reports/shelters/" + after) == 200);
    }

    private static String registerShelter(String name) throws Exception {
        String body = JSON.writeValueAsString(Map.of("name", name, "state", "MX-TAB", "municipality", "Tenosique",
                "corridor", "SOUTHERN_BORDER", "capacity", 60, "services", List.of("LODGING", "FOOD"), "demo", true));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(agreements + "/api/shelters"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).path("shelterId").asString();
    }

    /** A registration with an Idempotency-Key: the new (or replayed) shelter id, or null when not answered 201. */
    private static String registerShelter(String name, String idempotencyKey) throws Exception {
        String body = JSON.writeValueAsString(Map.of("name", name, "state", "MX-TAB", "municipality", "Balancán",
                "corridor", "SOUTHERN_BORDER", "capacity", 40, "services", List.of("LODGING"), "demo", true));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(agreements + "/api/shelters"))
                .header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 201 ? JSON.readTree(response.body()).path("shelterId").asString() : null;
    }

    private static double duplicatesCounted() {
        return PrometheusScrape.of(reporting).value("events_consumed_total", Map.of("topic", "shelters.v1", "outcome", "duplicate"));
    }

    private static ConsumerRecord<String, byte[]> firstRecord(String topic, String key) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + options.ports().kafka(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(250)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + options.ports().kafka()),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + " -> " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static int status(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
