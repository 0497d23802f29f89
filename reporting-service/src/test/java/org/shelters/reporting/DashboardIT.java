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
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
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
        programme.flush();
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/reports/programme?groupBy=state&donor=" + donor)
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
            await().atMost(Duration.ofSeconds(60)).until(() -> caughtUp(dashboard, donor, shelterId, agreementId));
            inTheBrowser(base, identity, donor, shelterId, totals, delivery, alerts, arrivalsInTrend);
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
                                     JsonNode totals, JsonNode delivery, JsonNode alerts, int arrivalsInTrend)
            throws IOException {
        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,2400", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        try {
            // no session: the dashboard sends the browser to the identity server's login form
            driver.get(base + "/dashboard/index.html?lang=en&donor=" + donor);
            signIn(driver, identity, "analyst");
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().startsWith(base + "/dashboard/")
                    && "true".equals(d.findElement(By.id("status")).getAttribute("data-ready")));
            assertThat(driver.getCurrentUrl()).as("back where the user was going").contains("donor=" + donor);
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
            assertThat(driver.findElement(By.cssSelector("#table-fulfilment th[data-i18n='planned']")).getText())
                    .isEqualTo("Planned (pipeline)");

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
            assertThat(driver.findElement(By.cssSelector("#table-fulfilment th[data-i18n='planned']")).getText())
                    .isEqualTo("Planificado (en preparación)");
            assertThat(driver.findElement(By.id("kpi-budget")).getText()).isEqualTo("25,000 USD");

            // sign out: a POST with the session's CSRF token; the session ends here and at the identity server
            driver.findElement(By.id("logout")).click();
            awaitPage(driver, identity.issuer() + "/login");
            driver.get(base + "/dashboard/");
            awaitPage(driver, identity.issuer() + "/login");

            // a shelter partner sees its own shelter and nothing of the others the programme has
            signIn(driver, identity, "partner-1");
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().startsWith(base + "/dashboard/")
                    && "true".equals(d.findElement(By.id("status")).getAttribute("data-ready")));
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
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().startsWith(base + "/dashboard/")
                    && "true".equals(d.findElement(By.id("status")).getAttribute("data-ready")));
            for (String panel : List.of("panel-programme", "panel-arrivals", "panel-delivery")) {
                assertThat(driver.findElement(By.id(panel)).getAttribute("data-available")).as(panel).isEqualTo("true");
            }
            for (String panel : List.of("panel-fulfilment", "panel-alerts")) {
                assertThat(driver.findElement(By.id(panel)).getAttribute("data-available")).as(panel).isEqualTo("false");
                assertThat(driver.findElements(By.cssSelector("#" + panel + " tbody tr"))).as(panel).isEmpty();
            }
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !d.findElement(By.cssSelector("input[name=from]"))
                    .isDisplayed());
        } finally {
            driver.quit();
            FileSystemUtils.deleteRecursively(profile);
        }
    }

    private static String figure(WebDriver driver, String id) {
        return driver.findElement(By.id(id)).getAttribute("data-value");
    }
}
