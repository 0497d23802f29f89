package org.shelters.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.shelters.reporting.Programme.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.agreements.TrainingTopic;
import org.shelters.events.logistics.RejectionReason;
import org.shelters.events.shelters.Corridor;
import org.shelters.platform.domain.ProgrammeCalendar;
import org.shelters.reporting.agreements.AgreementDoc;
import org.shelters.reporting.agreements.AgreementFulfilment;
import org.shelters.reporting.programme.ProgrammeSummary;
import org.shelters.reporting.read.ReportFilter;
import org.shelters.reporting.read.ReportReader;
import org.shelters.reporting.read.ReportSnapshot;
import org.shelters.reporting.shelters.ShelterDoc;
import org.shelters.reporting.shelters.ShelterOverview;
import org.shelters.testsupport.TestInfrastructure;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard in a real headless Chromium, signed in for real: a second reporting instance is an
 * OAuth client of the real identity server (run from its jar as a child JVM), the browser is sent
 * to its login form, signs in as {@code analyst} and is shown the figures the API returns, in both
 * languages; it signs out (the session ends here and at the identity server), {@code partner-1}
 * then signs in and sees its own shelter only, and {@code donor} the programme-level panels only.
 */
class DashboardIT extends ReportingIT {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void theDashboardRendersTheApiFiguresInChartsAndTablesInBothLanguages() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "needs Debian chromium and chromium-driver");
        assertThat(IdentityServerProcess.JAR).as("the identity server's jar (the reactor builds it first; alone: "
                + "./mvnw -o -q -pl identity-server package -DskipTests)").exists();
        String donor = id("donor");
        String shelterId = id("shelter");
        String agreementId = id("agreement");
        String shipmentId = id("shipment");
        LocalDate today = today();
        Instant dispatchedAt = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        programme.send(shelter(shelterId, "Albergue Dashboard", "MX-OAX", Corridor.SOUTHERN_BORDER, 60));
        programme.send(signed(agreementId, shelterId, donor, "PHASE-1", terms(today.minusDays(90), today.plusDays(10), "25000",
                line("L1", SupplyCategory.MEDICINES, "200"), line("L2", SupplyCategory.HYGIENE_PRODUCTS, "80"))));
        programme.send(training(agreementId, shelterId, TrainingTopic.MIGRANT_RIGHTS, today.minusDays(3), 9, 6));
        for (int day = 6; day >= 0; day--) {
            programme.send(arrivals(shelterId, today.minusDays(day), 1, 40 + day * 5, 12, 18, 4, 6, day == 0 ? 75 : 50));
        }
        programme.send(dispatched(shipmentId, agreementId, shelterId, dispatchedAt,
                shipmentLine("S1", "L1", SupplyCategory.MEDICINES, "120")));
        programme.send(delivered(shipmentId, agreementId, shelterId, dispatchedAt, dispatchedAt.plus(30, ChronoUnit.HOURS),
                deliveredLine("S1", "L1", SupplyCategory.MEDICINES, "120", "110", "10", RejectionReason.EXPIRED)));
        programme.send(planned(id("shipment"), agreementId, shelterId, today.plusDays(3),
                shipmentLine("S1", "L2", SupplyCategory.HYGIENE_PRODUCTS, "30")));
        MapProgramme map = MapProgramme.send(programme, today);
        programme.flush();
        // the suite's issuer may answer its keys slowly on a loaded machine: the first check is then a 503, retried
        await().atMost(Duration.ofSeconds(30)).ignoreExceptionsMatching(e -> String.valueOf(e.getMessage())
                .contains("issuer-unavailable")).until(() -> get("/api/reports/programme?groupBy=state&donor=" + donor)
                .get("data").get("totals").get("quantities").get(0).get("accepted").decimalValue().intValue() == 110
                && get("/api/reports/shelters/" + shelterId).get("data").get("arrivals").get("last7Days").get("days").asInt() == 7
                && get("/api/reports/agreements/" + agreementId + "/fulfilment").get("data").get("lines").get(1)
                        .path("planned").asInt() == 30);
        JsonNode totals = get("/api/reports/programme?groupBy=state&donor=" + donor).get("data").get("totals");
        JsonNode delivery = get("/api/reports/delivery-performance?donor=" + donor).get("data");
        JsonNode alerts = get("/api/reports/alerts?donor=" + donor);
        int arrivalsInTrend = get("/api/reports/arrivals-trend?donor=" + donor).get("data").valueStream()
                .mapToInt(d -> d.get("arrivals").asInt()).sum();

        int reportingPort = IdentityServerProcess.freePort();
        int identityPort = IdentityServerProcess.freePort();
        String base = "http://localhost:" + reportingPort;
        try (IdentityServerProcess identity = IdentityServerProcess.start(identityPort, List.of(
                "--spring.security.oauth2.authorizationserver.client.dashboard.registration.redirect-uris="
                        + base + "/login/oauth2/code/shelters",
                "--spring.security.oauth2.authorizationserver.client.dashboard.registration.post-logout-redirect-uris="
                        + base + "/dashboard/",
                "--identity.demo.partner-shelters.partner-1=" + shelterId));
             ConfigurableApplicationContext dashboard = dashboardInstance(reportingPort, identity)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> caughtUp(dashboard, donor, shelterId, agreementId)
                    && map.caughtUp(dashboard));
            inTheBrowser(base, identity, donor, shelterId, totals, delivery, alerts, arrivalsInTrend, map);
        }
    }

    /**
     * A reporting instance of its own (own database and consumer group, so it folds the events
     * itself) whose resource server and OAuth client both point at the real identity server.
     */
    private static ConfigurableApplicationContext dashboardInstance(int port, IdentityServerProcess identity) {
        String database = "dashboard_" + UUID.randomUUID().toString().replace("-", "");
        // command-line arguments: they outrank application.yml, as a deployment's environment would
        return new SpringApplicationBuilder(ReportingApplication.class).run(
                "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + TestInfrastructure.get().kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + TestInfrastructure.get().mongoUri() + "/" + database,
                "--spring.mongodb.database=" + database,
                "--platform.consumer.group-id=" + database,
                // the client's provider endpoints are derived from the same issuer property
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + identity.issuer(),
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + identity.issuer() + "/oauth2/jwks");
    }

    /** Whether the dashboard's own instance shows what the test's instance shows (the same checks). */
    private static boolean caughtUp(ConfigurableApplicationContext dashboard, String donor, String shelterId,
                                    String agreementId) {
        ReportSnapshot snapshot = dashboard.getBean(ReportReader.class).snapshot();
        ReportFilter byDonor = new ReportFilter(null, null, donor, null, null, null, null, ProgrammeCalendar.DEFAULT_ZONE);
        ShelterDoc shelter = snapshot.shelters().get(shelterId);
        AgreementDoc agreement = snapshot.agreements().get(agreementId);
        return shelter != null && agreement != null
                && ProgrammeSummary.view(snapshot, byDonor, ProgrammeSummary.GroupBy.STATE).totals().quantity("unit").accepted().intValue() == 110
                && ShelterOverview.view(shelter, snapshot, ReportFilter.NONE).arrivals().last7Days().days() == 7
                && AgreementFulfilment.view(agreement, snapshot).lines().get(1).planned().intValue() == 30;
    }

    /** Waits until the browser is at {@code prefix}; if it never is, says where it is. */
    private static void awaitPage(WebDriver driver, String prefix) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().startsWith(prefix));
        } catch (org.openqa.selenium.TimeoutException e) {
            String page = driver.getPageSource();
            throw new AssertionError("expected the browser at " + prefix + ", it is at " + driver.getCurrentUrl() + ": "
                    + page.substring(0, Math.min(page.length(), 1500)), e);
        }
    }

    private static void signIn(WebDriver driver, IdentityServerProcess identity, String user) {
        awaitPage(driver, identity.issuer() + "/login");
        driver.findElement(By.name("username")).sendKeys(user);
        driver.findElement(By.name("password")).sendKeys(user + "-demo");
        driver.findElement(By.cssSelector("button[type=submit]")).click();
    }

    private static void inTheBrowser(String base, IdentityServerProcess identity, String donor, String shelterId,
                                     JsonNode totals, JsonNode delivery, JsonNode alerts, int arrivalsInTrend,
                                     MapProgramme map) throws IOException {
        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,2400", "--user-data-dir=" + profile);
        // the browser's console, to fail on errors and CSP refusals
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        try {
            // no session: a printed link in Spanish with filters, through the sign-in and back
            String link = base + "/dashboard/?lang=es&donor=" + map.donor + "&state=" + MapProgramme.SELECTED;
            driver.get(link);
            signIn(driver, identity, "analyst");
            awaitReady(driver, base);
            assertThat(driver.getCurrentUrl()).as("back at the link, query and all").isEqualTo(link);
            theLinkInSpanish(driver, map);
            Files.write(Path.of("target", "dashboard-es.png"),
                    ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            assertNoConsoleErrors(driver, List.of());

            driver.get(base + "/dashboard/index.html?lang=en&donor=" + donor);
            awaitReady(driver, base);
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("signed-in")).isDisplayed());
            assertThat(driver.findElement(By.id("user-name")).getText()).isEqualTo("analyst");
            assertThat(driver.findElement(By.id("user-roles")).getText()).isEqualTo("ANALYST");

            assertThat(((JavascriptExecutor) driver).executeScript("return typeof echarts")).isEqualTo("object");
            assertThat(figure(driver, "kpi-shelters")).isEqualTo(totals.get("shelters").asString());
            assertThat(figure(driver, "kpi-delivered")).as("per unit, never one number over units").isEqualTo("110 unit");
            assertThat(driver.findElement(By.id("kpi-delivered")).getText()).isEqualTo("110 unit");
            assertThat(driver.findElement(By.id("kpi-budget")).getText()).isEqualTo("25,000 USD");
            assertThat(driver.findElement(By.id("kpi-people")).getText())
                    .isEqualTo(String.format(java.util.Locale.US, "%,d", totals.get("peopleReceived").asInt()));
            assertThat(driver.findElement(By.id("kpi-trainings")).getText()).isEqualTo("1");
            assertThat(driver.findElement(By.id("kpi-fulfilment")).getText())
                    .isEqualTo(totals.get("fulfilmentPercent").decimalValue().stripTrailingZeros().toPlainString() + " %");
            assertThat(driver.findElement(By.id("arrivals-total")).getText()).isEqualTo(String.valueOf(arrivalsInTrend));
            assertThat(driver.findElement(By.id("delivery-median")).getText())
                    .isEqualTo(delivery.get("overall").get("medianHours").decimalValue().stripTrailingZeros().toPlainString());

            WebElement medicines = driver.findElement(By.cssSelector(
                    "#table-fulfilment tr[data-shelter='" + shelterId + "'][data-category='MEDICINES']"));
            assertThat(medicines.findElement(By.cssSelector("td[data-field='accepted']")).getText()).isEqualTo("110");
            assertThat(medicines.findElement(By.cssSelector("td[data-field='fulfilmentPercent']")).getText()).isEqualTo("55 %");
            assertThat(medicines.findElement(By.cssSelector("td[data-field='planned']")).getText()).isEqualTo("0");
            WebElement hygiene = driver.findElement(By.cssSelector(
                    "#table-fulfilment tr[data-shelter='" + shelterId + "'][data-category='HYGIENE_PRODUCTS']"));
            assertThat(hygiene.findElement(By.cssSelector("td[data-field='planned']")).getText())
                    .as("the pipeline: planned, not yet in transit").isEqualTo("30");
            assertThat(hygiene.findElement(By.cssSelector("td[data-field='inTransit']")).getText()).isEqualTo("0");
            assertThat(driver.findElement(By.cssSelector("#table-fulfilment th [data-i18n='planned']")).getText())
                    .isEqualTo("Planned (pipeline)");
            WebElement overCapacity = driver.findElement(By.cssSelector("#table-alerts tr[data-type='OVER_CAPACITY']"));
            assertThat(overCapacity.findElements(By.tagName("td")).get(2).getText()).as("state by name").isEqualTo("Oaxaca");
            assertThat(overCapacity.findElements(By.tagName("td")).get(3).getText())
                    .startsWith("Overnight occupancy 75 on ").endsWith(" exceeds capacity 60");
            assertThat(driver.findElement(By.id("arrivals-partial")).getAttribute("data-date"))
                    .as("today's arrivals are drawn as a partial day").isEqualTo(today().toString());

            List<String> alertTypes = driver.findElements(By.cssSelector("#table-alerts tbody tr")).stream()
                    .map(r -> r.getAttribute("data-type")).toList();
            assertThat(alertTypes).hasSize(alerts.get("total").asInt()).contains("OVER_CAPACITY", "AGREEMENT_EXPIRING");

            for (String chart : List.of("chart-programme", "chart-fulfilment", "chart-arrivals", "chart-delivery", "chart-alerts")) {
                assertThat(driver.findElements(By.cssSelector("#" + chart + " canvas"))).as(chart).isNotEmpty();
            }
            // kept for people reviewing a CI run
            Files.write(Path.of("target", "dashboard.png"),
                    ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            assertThat(driver.findElement(By.cssSelector("#panel-programme h2")).getText()).isEqualTo("Programme totals");
            driver.findElement(By.id("lang-es")).click();
            assertThat(driver.findElement(By.cssSelector("#panel-programme h2")).getText()).isEqualTo("Totales del programa");
            assertThat(driver.findElement(By.cssSelector("#table-fulfilment th [data-i18n='planned']")).getText())
                    .isEqualTo("Planificado (en preparación)");
            assertThat(driver.findElement(By.id("kpi-budget")).getText()).isEqualTo("25,000 USD");
            assertThat(driver.getCurrentUrl()).as("the address says the language shown").contains("lang=es");
            assertThat(driver.findElement(By.cssSelector("#table-alerts tr[data-type='OVER_CAPACITY'] td.detail")).getText())
                    .startsWith("Ocupación nocturna de 75 el ");
            assertNoConsoleErrors(driver, List.of());

            // sign out: a POST with the session's CSRF token; the session ends here and at the identity server
            driver.findElement(By.id("logout")).click();
            awaitPage(driver, identity.issuer() + "/login");
            driver.get(base + "/dashboard/");
            awaitPage(driver, identity.issuer() + "/login");

            // a shelter partner sees its own shelter and nothing of the others the programme has
            signIn(driver, identity, "partner-1");
            awaitReady(driver, base);
            List<String> rowsOf = driver.findElements(By.cssSelector("#table-fulfilment tbody tr")).stream()
                    .map(r -> r.getAttribute("data-shelter")).distinct().toList();
            assertThat(rowsOf).containsExactly(shelterId);
            assertThat(driver.findElements(By.cssSelector("#table-alerts tbody tr")).stream()
                    .map(r -> r.getAttribute("data-shelter")).distinct().toList()).containsExactly(shelterId);
            assertThat(figure(driver, "kpi-shelters")).isEqualTo("1");
            assertThat(driver.findElement(By.id("user-name")).getText()).isEqualTo("partner-1");

            // a donor: programme-level panels, the per-shelter ones say they are not for its role, no window filter
            driver.findElement(By.id("logout")).click();
            awaitPage(driver, identity.issuer() + "/login");
            driver.get(base + "/dashboard/");
            signIn(driver, identity, "donor");
            awaitReady(driver, base);
            for (String panel : List.of("panel-programme", "panel-arrivals", "panel-delivery")) {
                assertThat(driver.findElement(By.id(panel)).getAttribute("data-available")).as(panel).isEqualTo("true");
            }
            for (String panel : List.of("panel-fulfilment", "panel-alerts")) {
                assertThat(driver.findElement(By.id(panel)).getAttribute("data-available")).as(panel).isEqualTo("false");
                assertThat(driver.findElements(By.cssSelector("#" + panel + " tbody tr"))).as(panel).isEmpty();
            }
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !d.findElement(By.cssSelector("input[name=from]"))
                    .isDisplayed());
            assertThat(driver.findElements(By.cssSelector("#map circle.mark"))).as("a donor reads the map").isNotEmpty();
            // the per-shelter answers a donor may not read are refused (403), which the browser logs; nothing else
            assertNoConsoleErrors(driver, List.of("/api/reports/shelters", "/api/reports/alerts"));
        } finally {
            driver.quit();
            FileSystemUtils.deleteRecursively(profile);
        }
    }

    /** Waits until the dashboard has loaded every answer it may read. */
    private static void awaitReady(WebDriver driver, String base) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().startsWith(base + "/dashboard/")
                && "true".equals(d.findElement(By.id("status")).getAttribute("data-ready")));
    }

    /**
     * The printed link {@code /dashboard/?lang=es&donor=…&state=MX-SLP}: Spanish throughout, the
     * state filter set and named, the map of the whole programme (the donor's three states, the
     * biggest circle where most people were received, the chosen state outlined), the table sorts
     * by a header (click and keyboard), an alert said in Spanish from its fields, today's arrivals
     * drawn as a partial day, a same-day delivery with a visible bar.
     */
    private static void theLinkInSpanish(WebDriver driver, MapProgramme map) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("es");
        assertThat(driver.findElement(By.cssSelector("#panel-programme h2")).getText()).isEqualTo("Totales del programa");
        assertThat(driver.findElement(By.cssSelector("#panel-map h2")).getText()).isEqualTo("Albergues por estado");
        assertThat(driver.findElement(By.cssSelector("#filters button[type=submit]")).getText()).isEqualTo("Aplicar");
        assertThat(driver.findElement(By.cssSelector("#table-fulfilment th [data-i18n='planned']")).getText())
                .isEqualTo("Planificado (en preparación)");
        WebElement state = driver.findElement(By.cssSelector("#filters select[name=state]"));
        assertThat(state.getAttribute("value")).as("the filter control keeps the link's state").isEqualTo(MapProgramme.SELECTED);
        assertThat(js.executeScript("return arguments[0].selectedOptions[0].textContent", state)).isEqualTo("San Luis Potosí");
        assertThat(driver.findElement(By.id("kpi-shelters")).getAttribute("data-value")).as("the state filter applies").isEqualTo("1");

        // the map: one circle per state with a shelter, area by people received
        List<WebElement> marks = driver.findElements(By.cssSelector("#map circle.mark"));
        assertThat(marks).extracting(m -> m.getAttribute("data-state"))
                .containsExactlyInAnyOrderElementsOf(map.peopleByState.keySet());
        WebElement biggest = marks.stream().max(java.util.Comparator.comparingDouble(m -> Double.parseDouble(m.getAttribute("r"))))
                .orElseThrow();
        assertThat(biggest.getAttribute("data-state")).isEqualTo(MapProgramme.MOST_PEOPLE);
        assertThat(biggest.getAttribute("data-people")).isEqualTo(String.valueOf(map.peopleByState.get(MapProgramme.MOST_PEOPLE)));
        assertThat(biggest.findElement(By.tagName("title")).getAttribute("textContent")).startsWith("Chiapas: 200 personas recibidas");
        assertThat(driver.findElement(By.cssSelector("#map g.tile.selected")).getAttribute("data-state")).isEqualTo(MapProgramme.SELECTED);
        assertThat(driver.findElements(By.cssSelector("#map g.tile"))).hasSize(32);
        List<WebElement> mapRows = driver.findElements(By.cssSelector("#table-map tbody tr"));
        assertThat(mapRows).hasSize(3);
        assertThat(mapRows.get(0).findElement(By.tagName("td")).getAttribute("textContent")).isEqualTo("Chiapas");

        // the table: the state by name, the long name whole, sorted by a header
        List<WebElement> rows = driver.findElements(By.cssSelector("#table-fulfilment tbody tr"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).findElement(By.cssSelector("td[data-field='state']")).getText()).isEqualTo("San Luis Potosí");
        assertThat(rows.get(0).findElement(By.cssSelector("td[data-field='shelter']")).getText()).isEqualTo(MapProgramme.LONG_NAME);
        assertThat(committedColumn(driver)).as("by shelter, then category").containsExactly("100", "50");
        WebElement committed = driver.findElement(By.cssSelector("#table-fulfilment button[data-sort='committed']"));
        committed.click();
        assertThat(committedColumn(driver)).containsExactly("50", "100");
        assertThat(committed.findElement(By.xpath("..")).getAttribute("aria-sort")).isEqualTo("ascending");
        committed.sendKeys(org.openqa.selenium.Keys.ENTER);
        assertThat(committedColumn(driver)).as("the keyboard sorts too").containsExactly("100", "50");
        assertThat(committed.findElement(By.xpath("..")).getAttribute("aria-sort")).isEqualTo("descending");
        assertThat(driver.findElement(By.id("page-info")).getText()).isEqualTo("Página 1 de 1 · 2 filas");

        WebElement overCapacity = driver.findElement(By.cssSelector("#table-alerts tr[data-type='OVER_CAPACITY']"));
        List<WebElement> cells = overCapacity.findElements(By.tagName("td"));
        assertThat(cells.get(0).getText()).isEqualTo("Sobrecupo");
        assertThat(cells.get(2).getText()).isEqualTo("San Luis Potosí");
        assertThat(cells.get(3).getText()).startsWith("Ocupación nocturna de 30 el ").endsWith("supera la capacidad de 20");

        WebElement partial = driver.findElement(By.id("arrivals-partial"));
        assertThat(partial.isDisplayed()).isTrue();
        assertThat(partial.getText()).startsWith("El último día (").contains("es parcial");
        assertThat(js.executeScript("var o = echarts.getInstanceByDom(document.getElementById('chart-arrivals')).getOption();"
                + "var d = o.series[0].data; var last = d[d.length - 1];"
                + "return [o.xAxis[0].data[d.length - 1], !!(last && last.itemStyle && last.itemStyle.decal)];"))
                .isEqualTo(List.of(today() + "\n(día parcial)", true));
        assertThat(js.executeScript("var o = echarts.getInstanceByDom(document.getElementById('chart-delivery')).getOption();"
                + "return [o.series[0].barMinHeight > 0, o.series[0].data[0] < 1];"))
                .as("a same-day delivery keeps a visible bar").isEqualTo(List.of(true, true));
    }

    private static List<String> committedColumn(WebDriver driver) {
        return driver.findElements(By.cssSelector("#table-fulfilment tbody td[data-field='committed']")).stream()
                .map(WebElement::getText).toList();
    }

    /**
     * No error in the browser's console since the last look: no SEVERE entry (a failed script, a
     * refused load, a CSP violation) other than the refusals of the given paths the page expects.
     */
    private static void assertNoConsoleErrors(WebDriver driver, List<String> expectedRefusals) {
        List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()
                        || e.getMessage().contains("Content Security Policy"))
                .map(LogEntry::getMessage)
                .filter(m -> expectedRefusals.stream().noneMatch(path -> m.contains(path) && m.contains("403")))
                .toList();
        assertThat(errors).as("browser console errors").isEmpty();
    }

    /**
     * A second donor's programme for the map: three shelters in three states, most people in
     * Chiapas, the selected state's shelter over capacity today and with a same-day delivery.
     */
    record MapProgramme(String donor, Map<String, Long> peopleByState, List<String> shelters) {

        static final String SELECTED = "MX-SLP";
        static final String MOST_PEOPLE = "MX-CHP";
        static final String LONG_NAME = "Casa del Migrante y Comedor Comunitario «Hermanos en el Camino» de San Luis Potosí";

        static MapProgramme send(Programme programme, LocalDate today) {
            String donor = id("donor-map");
            String chiapas = id("shelter-chp");
            String sanLuis = id("shelter-slp");
            String sonora = id("shelter-son");
            programme.send(shelter(chiapas, "Albergue Frontera Sur", "MX-CHP", Corridor.SOUTHERN_BORDER, 400));
            programme.send(shelter(sanLuis, LONG_NAME, SELECTED, Corridor.CENTRE, 20));
            programme.send(shelter(sonora, "Albergue Sonora", "MX-SON", Corridor.NORTHERN_BORDER, 50));
            Map<String, int[]> arrivals = Map.of(chiapas, new int[] {80, 90, 30}, sanLuis, new int[] {20, 25, 10},
                    sonora, new int[] {0, 6, 0});
            for (String shelter : List.of(chiapas, sanLuis, sonora)) {
                String agreement = id("agreement");
                programme.send(signed(agreement, shelter, donor, "PHASE-1", terms(today.minusDays(30), today.plusDays(200),
                        "1000", line("L1", SupplyCategory.MEDICINES, "100"), line("L2", SupplyCategory.HYGIENE_PRODUCTS, "50"))));
                int[] days = arrivals.get(shelter);
                for (int i = 0; i < days.length; i++) {
                    if (days[i] > 0) {
                        int occupancy = shelter.equals(sanLuis) && i == days.length - 1 ? 30 : days[i];
                        programme.send(Programme.arrivals(shelter, today.minusDays(days.length - 1 - i), 1, days[i],
                                2, 2, 1, 1, occupancy));
                    }
                }
                if (shelter.equals(sanLuis)) {
                    // dispatched and received within the hour: a lead time of 0 days
                    String shipment = id("shipment");
                    Instant out = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
                    programme.send(dispatched(shipment, agreement, shelter, out, shipmentLine("S1", "L1", SupplyCategory.MEDICINES, "40")));
                    programme.send(delivered(shipment, agreement, shelter, out, out.plus(20, ChronoUnit.MINUTES),
                            deliveredLine("S1", "L1", SupplyCategory.MEDICINES, "40", "40", "0", null)));
                }
            }
            return new MapProgramme(donor, Map.of("MX-CHP", 200L, SELECTED, 55L, "MX-SON", 6L), List.of(chiapas, sanLuis, sonora));
        }

        /** Whether the dashboard's instance has folded all of it (people per state, the delivery). */
        boolean caughtUp(ConfigurableApplicationContext dashboard) {
            ReportSnapshot snapshot = dashboard.getBean(ReportReader.class).snapshot();
            ReportFilter byDonor = new ReportFilter(null, null, donor, null, null, null, null, ProgrammeCalendar.DEFAULT_ZONE);
            ProgrammeSummary.View view = ProgrammeSummary.view(snapshot, byDonor, ProgrammeSummary.GroupBy.STATE);
            Map<String, Long> people = new java.util.HashMap<>();
            view.rows().forEach(r -> people.put(r.key(), r.peopleReceived()));
            return people.equals(peopleByState)
                    && snapshot.shipmentsOf(shelters.get(1)).stream().anyMatch(s -> s.delivered());
        }
    }

    private static String figure(WebDriver driver, String id) {
        return driver.findElement(By.id(id)).getAttribute("data-value");
    }
}
