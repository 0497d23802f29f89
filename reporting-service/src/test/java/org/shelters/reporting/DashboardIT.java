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
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/** The dashboard in a real headless Chromium shows the figures the API returns. */
class DashboardIT extends ReportingIT {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void theDashboardRendersTheApiFiguresInChartsAndTablesInBothLanguages() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "needs Debian chromium and chromium-driver");
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
                .get("data").get("totals").get("itemsDelivered").decimalValue().intValue() == 110
                && get("/api/reports/shelters/" + shelterId).get("data").get("arrivals").get("last7Days").get("days").asInt() == 7
                && get("/api/reports/agreements/" + agreementId + "/fulfilment").get("data").get("lines").get(1)
                        .path("planned").asInt() == 30);
        JsonNode totals = get("/api/reports/programme?groupBy=state&donor=" + donor).get("data").get("totals");
        JsonNode delivery = get("/api/reports/delivery-performance?donor=" + donor).get("data");
        JsonNode alerts = get("/api/reports/alerts?donor=" + donor);
        int arrivalsInTrend = get("/api/reports/arrivals-trend?donor=" + donor).get("data").valueStream()
                .mapToInt(d -> d.get("arrivals").asInt()).sum();

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
            driver.get("http://localhost:" + port + "/dashboard/index.html?lang=en&donor=" + donor);
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d ->
                    "true".equals(d.findElement(By.id("status")).getAttribute("data-ready")));

            assertThat(((JavascriptExecutor) driver).executeScript("return typeof echarts")).isEqualTo("object");
            assertThat(figure(driver, "kpi-shelters")).isEqualTo(totals.get("shelters").asString());
            assertThat(figure(driver, "kpi-delivered")).isEqualTo("110");
            assertThat(driver.findElement(By.id("kpi-delivered")).getText()).isEqualTo("110");
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
        } finally {
            driver.quit();
            FileSystemUtils.deleteRecursively(profile);
        }
    }

    private static String figure(WebDriver driver, String id) {
        return driver.findElement(By.id(id)).getAttribute("data-value");
    }
}
