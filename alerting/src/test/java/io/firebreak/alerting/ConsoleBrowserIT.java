package io.firebreak.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.DeviceKind;
import io.firebreak.telemetry.contract.GatewayStatus;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.RiskLevel;
import io.firebreak.telemetry.kafka.Topics;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser: Debian's headless Chromium, driven by Selenium through chromium-driver,
 * signs in with an operator token, sees a held drain, taps approve twice, and the signed drain webhook
 * reaches the traffic system's (real HTTP) receiver. Needs the Debian packages {@code chromium} and
 * {@code chromium-driver} ({@code scripts/test.sh} installs them as root); without them it fails, naming them.
 */
class ConsoleBrowserIT {

    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<String> CHROMIUM = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");
    private static final List<String> DRIVER = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    private static KafkaHarness kafka;

    private RecordingReceiver receiver;
    private AlertingService service;
    private WebDriver browser;

    @BeforeAll
    static void startBroker() {
        kafka = new KafkaHarness();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @AfterEach
    void stopAll() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void shouldDeliverTheSignedWebhookWhenAnOperatorApprovesAHeldDrainInTheBrowser() throws Exception {
        // Given at most 1 hall may be drained without approval, B3 critical and its drain (2 halls) held, B2 at warning
        receiver = new RecordingReceiver();
        String site = "site-" + UUID.randomUUID().toString().substring(0, 8);
        int port = KafkaHarness.freePort();
        AlertingConfig config = AlertingConfig.defaults(kafka.kafka, Fixtures.pangyoAs(site, receiver.base()))
                .withRetries(Duration.ofSeconds(2), 4, Duration.ofMillis(100)).withSafety(Duration.ofMinutes(2), 1)
                .withOperatorApi("127.0.0.1", port).withOperatorAccess(Operators.access())
                .withConsoleUrl(java.net.URI.create("http://127.0.0.1:" + port + "/console"))
                .withGroupId(kafka.freshGroup());
        service = new AlertingService(config);
        service.start();
        kafka.produce(Fixtures.alert(site, "alr_b2", "B2-battery", RiskLevel.WARNING, RiskLevel.WATCH));
        kafka.produce(Fixtures.alert(site, "alr_b3", "B3-battery", RiskLevel.CRITICAL, RiskLevel.WARNING));
        kafka.produce(Fixtures.drain(site, "drn_console", "B3-battery", List.of("hall-1", "hall-2"), List.of("kakao", "naver")));
        // and B3's gateway reports in (B2 has sent nothing)
        publishGatewayStatus(site, "B3-battery");
        await().atMost(WAIT).until(() -> !service.pending().held().isEmpty());
        assertThat(service.pending().held()).extracting(DrainDecision::id).containsExactly("drn_console");

        // When an operator opens the console, first with a wrong token, then with hers
        browser = chromium();
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        browser.get("http://127.0.0.1:" + service.operatorPort() + "/console");
        signIn(wait, "fbo_EXAMPLE-not-a-token");
        wait.until(ExpectedConditions.textToBe(By.id("login-error"), "refused: wrong_token"));
        signIn(wait, Operators.ALICE_TOKEN);

        // Then she sees the held drain first, every room of the site, and B2's warning with its countdown
        WebElement approve = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("[data-kind=held-drain][data-id=drn_console] button.approve")));
        assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("signed in as alice");
        assertThat(browser.findElements(By.cssSelector("[data-kind=room]"))).hasSize(Fixtures.pangyo().rooms().size());
        wait.until(ExpectedConditions.textMatches(By.cssSelector("[data-kind=countdown][data-id=alr_b2] .timer"),
                java.util.regex.Pattern.compile("\\d+:\\d\\d left to act")));
        wait.until(ExpectedConditions.textMatches(By.cssSelector("[data-kind=room][data-id=B2-battery] .level"),
                java.util.regex.Pattern.compile("(?i)warning")));
        // with the time since each room's last telemetry: B3 just now, B2 none since the console started
        wait.until(ExpectedConditions.textMatches(By.cssSelector("[data-kind=room][data-id=B3-battery] .telemetry"),
                java.util.regex.Pattern.compile("last telemetry \\d+:\\d\\d ago")));
        assertThat(browser.findElement(By.cssSelector("[data-kind=room][data-id=B2-battery] .telemetry")).getText())
                .startsWith("no telemetry since");
        screenshot("console-held.png");

        // When she taps approve, and again to confirm
        approve.click();
        wait.until(ExpectedConditions.attributeContains(approve, "class", "armed"));
        approve.click();

        // Then the action is recorded under her name and the signed webhook reaches the traffic system
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "approve drn_console recorded for alice"));
        await().atMost(WAIT).until(() -> !receiver.at("/drain/naver-traffic").isEmpty());
        RecordingReceiver.Received webhook = receiver.at("/drain/naver-traffic").get(0);
        assertThat(StandardWebhooksVerifier.verify(Fixtures.NAVER_WHSEC, webhook.header("webhook-id"),
                webhook.header("webhook-timestamp"), webhook.body(), webhook.header("webhook-signature")))
                .as("Standard Webhooks signature verifies").isTrue();
        JsonNode body = PLAIN.readTree(webhook.body());
        assertThat(body.get("id").asText()).isEqualTo("drn_console");
        assertThat(kafka.actions("drn_console")).singleElement().satisfies(a -> assertThat(a.operator()).isEqualTo("alice"));
        // and the page, live, moves B3 from held to drained with a release button
        wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("[data-kind=drained][data-id=drn_console] button.release")));
        assertThat(browser.findElements(By.cssSelector("[data-kind=held-drain]"))).isEmpty();

        // When the traffic team follows the link their webhook carries: B3's incident, with the alert, the decision,
        // the delivery and her approval
        String link = body.at("/links/0/href").asText();
        assertThat(link).isEqualTo("http://127.0.0.1:" + port + "/console#incident/drn_console");
        browser.get(link);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("incident-entries"),
                "webhook to naver-traffic attempt 1: answered 200"));
        String timeline = browser.findElement(By.id("incident-entries")).getText();
        assertThat(browser.findElement(By.id("incident-title")).getText()).containsIgnoringCase("(alr_b3)");
        assertThat(timeline).contains("level warning -> critical", "drain decided: hall-1, hall-2", "alice approve drn_console");
        screenshot("console-incident.png");
    }

    /** One gateway status of {@code room} on the readings topic, as ingest writes it. */
    private static void publishGatewayStatus(String site, String room) throws Exception {
        Reading status = new Reading(DeviceAddress.of(site, room, DeviceKind.GATEWAY, "gw-" + room),
                System.currentTimeMillis(), 1L, System.currentTimeMillis(), false, new GatewayStatus(true));
        Properties props = kafka.kafka.clientProperties();
        try (KafkaProducer<String, Reading> producer = new KafkaProducer<>(props, Topics.READINGS.keySerde().serializer(),
                Topics.READINGS.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.READINGS.name(), status.source().partitionKey(), status)).get();
        }
    }

    private void signIn(WebDriverWait wait, String token) {
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        field.clear();
        field.sendKeys(token);
        browser.findElement(By.id("signin")).click();
    }

    private void screenshot(String name) throws Exception {
        Path dir = Path.of("target", "console");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /** Headless Debian Chromium, phone-sized; fails naming the packages when they are missing. */
    static WebDriver chromium() {
        String binary = CHROMIUM.stream().filter(p -> new File(p).canExecute()).findFirst().orElse(null);
        String driver = DRIVER.stream().filter(p -> new File(p).canExecute()).findFirst().orElse(null);
        if (binary == null || driver == null) {
            throw new IllegalStateException("the console's browser test needs the Debian packages chromium and chromium-driver "
                    + "(apt-get install -y chromium chromium-driver; scripts/test.sh installs them when run as root): "
                    + "found chromium=" + binary + " chromedriver=" + driver);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=430,1400", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
