package dev.vigil.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.alerting.channel.WebhookSigner;
import dev.vigil.alerting.channel.WebhookVerifier;
import dev.vigil.deploy.config.VigilConfig;
import dev.vigil.events.Json;
import dev.vigil.ingest.hj212.Hj212Encoder;
import dev.vigil.ingest.hj212.Hj212Time;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The command center end to end, in Debian's chromium against the whole embedded stack (Kafka,
 * influxd, the readings, detection and incident jobs on a Flink MiniCluster, the HJ 212 gateway,
 * alerting and the console), with nothing published by hand downstream of ingest: environmental
 * staff register a source and a threshold rule through the console's API, an operator watches the
 * alert wall while a data logger sends exceeding values over TCP, the incident appears live, the
 * operator acknowledges it with the keyboard and dispatches it through the dialog, the agency's
 * webhook receives it, and the agency user acknowledges it in the inbox. Screenshots of every
 * screen go to {@code target/screenshots/} for review.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleEndToEndIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** How long any one thing may take on a loaded machine; a wait ends as soon as it holds. */
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static final Duration STARTUP = Duration.ofSeconds(240);

    private static final String ADMIN_PASSWORD = "e2e-admin-password";
    private static final String PASSWORD = "e2e-user-password";

    private static final String AGENCY = "river-patrol";
    private static final String AGENCY_KEY = "e2e-river-patrol-key";
    private static final String WEBHOOK_SECRET = "e2e-river-patrol-hmac";

    private static final String SOURCE = "E2E-PAPER";
    private static final String SOURCE_NAME = "Riverside paper mill";
    private static final String RULE = "e2e-cod-realtime";
    private static final String MN = "A0E2E0000000000000000001";
    private static final String DEVICE_PASSWORD = "260522";
    private static final double COD_LIMIT = 50;

    /** Marks the operator's page; a reload would lose it. */
    private static final String MARKER = "vigil-e2e-no-reload";

    @TempDir static Path data;

    private static final List<JsonNode> webhooks = new CopyOnWriteArrayList<>();
    private static final List<WebhookVerifier.Verdict> verdicts = new CopyOnWriteArrayList<>();
    private static HttpServer receiver;
    private static EmbeddedStack stack;
    private static Api admin;
    private static WebDriver operator;
    private static WebDriver second;
    private static Path screenshots;
    private static String incidentId;

    @BeforeAll
    static void start() throws Exception {
        // A missing browser is a broken test machine, not a reason to skip the test.
        if (!Files.isExecutable(CHROMIUM)) {
            fail(
                    CHROMIUM
                            + " is missing: install Debian's package 'chromium' (apt-get install"
                            + " chromium; deploy/vigil test installs it)");
        }
        if (!Files.isExecutable(CHROMEDRIVER)) {
            fail(
                    CHROMEDRIVER
                            + " is missing: install Debian's package 'chromium-driver' (apt-get"
                            + " install chromium-driver; deploy/vigil test installs it)");
        }
        screenshots = Path.of(System.getProperty("basedir", "."), "target", "screenshots");
        Files.createDirectories(screenshots);

        startReceiver();
        Path agencies = data.resolve("agencies.json");
        Files.writeString(agencies, agenciesFile());
        stack = new EmbeddedStack(VigilConfig.load(null, settings(agencies))).start();
        awaitTrue("health 200", STARTUP, () -> healthStatus() == 200);

        admin = new Api().signIn("admin", ADMIN_PASSWORD);
        createUser("olga", "OPERATOR", null);
        createUser("estelle", "ENV_STAFF", null);
        createUser("rita", "AGENCY", AGENCY);
        Api.Answer directory = admin.get("/api/agencies");
        assertThat(directory.json().findValuesAsText("agencyId")).contains(AGENCY);

        // GIVEN environmental staff registered the paper mill's COD logger and a real-time rule
        Api staff = new Api().signIn("estelle", PASSWORD);
        Api.Answer source = staff.post("/api/sources", sourceJson());
        assertThat(source.status()).as(source.body()).isEqualTo(201);
        Api.Answer rule = staff.post("/api/rules", ruleJson());
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);

        operator = browser();
        second = browser();
    }

    @AfterAll
    static void stop() {
        for (WebDriver driver : new WebDriver[] {operator, second}) {
            if (driver != null) {
                try {
                    driver.quit();
                } catch (RuntimeException e) {
                    System.err.println("could not quit the browser: " + e);
                }
            }
        }
        if (stack != null) {
            stack.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    @Order(1)
    void aSimulatedExceedanceAppearsOnTheOperatorsWallWithoutAReload() throws Exception {
        // GIVEN the operator on the live alert wall, with nothing open yet
        operator.get(url("/"));
        signIn(operator, "olga");
        awaitTrue(operator, "the wall", () -> present(operator, By.id("alert-wall")));
        awaitTrue(operator, "a live stream", () -> "live".equals(streamStatus(operator)));
        awaitTrue(
                operator,
                "the wall's first load",
                () -> present(operator, By.cssSelector("[data-testid=wall-status][data-loaded]")));
        assertThat(operator.findElements(By.cssSelector("tr[data-testid=wall-row]"))).isEmpty();
        ((JavascriptExecutor) operator)
                .executeScript("window.vigilE2eMarker = arguments[0]", MARKER);

        // WHEN the paper mill's data logger connects and reports COD well over its permit limit,
        // every few seconds as loggers do, until the wall shows an incident
        By row = By.cssSelector("tr[data-testid=wall-row]");
        int answered = 0;
        try (DataLogger logger = new DataLogger(stack.hj212Port())) {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            double cod = 2.5 * COD_LIMIT;
            while (!present(operator, row)) {
                if (System.nanoTime() > deadline) {
                    throw timedOut(operator, "an incident on the wall after the exceedance");
                }
                if (logger.upload(Instant.now(), cod)) {
                    answered++;
                }
                cod += 1.7; // a logger's values move; the same value repeated is a flatline
                waitForOrPause(operator, row, Duration.ofSeconds(3));
            }
        }

        // THEN the incident is on the wall, at alarm, for the paper mill, in the same page
        assertThat(answered).as("uploads the gateway answered with 9014").isPositive();
        WebElement first = operator.findElement(row);
        incidentId = first.getDomAttribute("data-incident-id");
        assertThat(first.getDomAttribute("data-severity")).isEqualTo("ALARM");
        assertThat(first.getDomAttribute("data-state")).isEqualTo("OPEN");
        assertThat(first.getText()).contains(SOURCE_NAME);
        assertThat(first.findElement(By.cssSelector("[data-testid=wall-category]")).getText())
                .as("what the incident is about")
                .startsWith("Exceedance");
        assertThat(((JavascriptExecutor) operator).executeScript("return window.vigilE2eMarker"))
                .as("the page was not reloaded")
                .isEqualTo(MARKER);
        JsonNode detail = admin.get("/api/incidents/" + incidentId).json();
        assertThat(detail.path("incident").path("sourceId").asText()).isEqualTo(SOURCE);
        awaitTrue(
                operator,
                "the OPEN counter",
                () -> text(operator, By.cssSelector("[data-testid=count-OPEN]")).contains("1"));
        screenshot(operator, "01-wall-new-incident");
    }

    @Test
    @Order(2)
    void theOperatorAcknowledgesWithTheKeyboardAndDispatchesThroughTheDialog() throws Exception {
        By row = rowOf(incidentId);
        // a click on the row selects it, as an operator does before using the shortcuts
        operator.findElement(row).findElement(By.cssSelector("td.num.prio")).click();
        awaitTrue(
                operator,
                "the row selected",
                () -> "true".equals(operator.findElement(row).getDomAttribute("aria-selected")));

        new Actions(operator).sendKeys("a").perform();
        awaitTrue(operator, "ACKNOWLEDGED on the wall", () -> state(row).equals("ACKNOWLEDGED"));

        new Actions(operator).sendKeys("d").perform();
        By dialog = By.cssSelector("dialog[data-testid=dispatch-dialog][open]");
        awaitTrue(operator, "the dispatch dialog", () -> present(operator, dialog));
        By agencyBox = By.cssSelector("[data-testid=dispatch-agency-" + AGENCY + "]");
        awaitTrue(operator, "the agency in the dialog", () -> present(operator, agencyBox));
        WebElement box = operator.findElement(agencyBox);
        if (!box.isSelected()) {
            box.click();
        }
        operator.findElement(By.cssSelector("[data-testid=dispatch-note]"))
                .sendKeys("COD over the permit at the paper mill's outfall");
        operator.findElement(dialog)
                .findElement(By.cssSelector("[data-testid=dialog-submit]"))
                .click();

        awaitTrue(operator, "the dialog closed", () -> !present(operator, dialog));
        awaitTrue(operator, "DISPATCHED on the wall", () -> state(row).equals("DISPATCHED"));
        assertThat(operator.findElement(row).findElement(By.cssSelector("td.agencies")).getText())
                .contains(AGENCY);

        // AND the agency's receiver got the dispatch as a signed webhook
        awaitTrue(
                "a webhook at the agency",
                PATIENCE,
                () ->
                        webhooks.stream()
                                .anyMatch(
                                        w ->
                                                w.path("incident")
                                                                .path("incidentId")
                                                                .asText()
                                                                .equals(incidentId)
                                                        && w.path("incident")
                                                                .path("type")
                                                                .asText()
                                                                .equals("DISPATCHED")));
        assertThat(verdicts).isNotEmpty().allMatch(v -> v == WebhookVerifier.Verdict.OK);
        assertThat(webhooks).allMatch(w -> w.path("agencyId").asText().equals(AGENCY));
        screenshot(operator, "02-wall-dispatched");
    }

    @Test
    @Order(3)
    void theMapShowsTheSourceInAlarm() throws Exception {
        operator.findElement(By.cssSelector("[data-testid=nav-map]")).click();
        By marker = By.cssSelector("#map path[data-source-id=" + SOURCE + "]");
        awaitTrue(operator, "the source on the map", () -> present(operator, marker));
        awaitTrue(
                operator,
                "the source in alarm on the map",
                () -> "ALARM".equals(operator.findElement(marker).getDomAttribute("data-status")));
        assertThat(text(operator, By.cssSelector("[data-testid=map-legend]"))).contains("Alarm");
        screenshot(operator, "03-map");
    }

    @Test
    @Order(4)
    void theIncidentViewShowsTimelineEvidenceAndTheDelivery() throws Exception {
        operator.findElement(By.cssSelector("[data-testid=nav-wall]")).click();
        awaitTrue(operator, "the wall again", () -> present(operator, rowOf(incidentId)));
        operator.findElement(rowOf(incidentId)).findElement(By.cssSelector("a.src-name")).click();

        By view = By.cssSelector("#incident-view[data-incident-id='" + incidentId + "']");
        awaitTrue(
                operator,
                "the incident view",
                () ->
                        present(operator, view)
                                && "DISPATCHED"
                                        .equals(
                                                operator.findElement(view)
                                                        .getDomAttribute("data-state")));
        awaitTrue(
                operator,
                "the timeline up to the dispatch",
                () -> timeline(operator).contains("DISPATCHED"));
        assertThat(timeline(operator)).contains("OPENED", "STATE_CHANGED", "DISPATCHED");
        awaitTrue(
                operator,
                "the delivery to the agency",
                () ->
                        present(
                                operator,
                                By.cssSelector(
                                        "[data-testid=deliveries] tr[data-agency-id="
                                                + AGENCY
                                                + "][data-outcome=DELIVERED]")));
        awaitTrue(
                operator,
                "the readings chart",
                () -> present(operator, By.cssSelector("[data-testid=evidence-chart]")));
        // AND the chart spans the hours around the alert, with the permit limit in view
        Instant alertAt =
                Instant.parse(
                        admin.get("/api/incidents/" + incidentId)
                                .json()
                                .path("alerts")
                                .path(0)
                                .path("eventTime")
                                .asText());
        awaitTrue(operator, "the chart drawn", () -> chartExtent(operator) != null);
        List<Double> extent = chartExtent(operator);
        assertThat(alertAt.toEpochMilli())
                .isBetween(extent.get(0).longValue(), extent.get(1).longValue());
        assertThat(extent.get(1) - extent.get(0))
                .as("time axis span (ms)")
                .isLessThanOrEqualTo(Duration.ofHours(3).toMillis());
        assertThat(COD_LIMIT)
                .as("the limit within the value axis")
                .isBetween(extent.get(2), extent.get(3));
        screenshot(operator, "04-incident");
    }

    @Test
    @Order(5)
    void environmentalStaffPreviewAnEditOfTheRule() throws Exception {
        second.get(url("/"));
        signIn(second, "estelle");
        awaitTrue(second, "the staff's wall", () -> present(second, By.id("alert-wall")));
        second.findElement(By.cssSelector("[data-testid=nav-rules]")).click();
        By ruleRow = By.cssSelector("table#rules-table tr[data-rule-id=" + RULE + "] a");
        awaitTrue(second, "the rule in the list", () -> present(second, ruleRow));
        second.findElement(ruleRow).click();

        By alarmLevel = By.name("levels[1].threshold");
        awaitTrue(second, "the rule editor", () -> present(second, alarmLevel));
        WebElement threshold = second.findElement(alarmLevel);
        threshold.clear();
        threshold.sendKeys("120");
        second.findElement(By.id("rule-preview")).click();
        awaitTrue(
                second,
                "the 7-day preview",
                () ->
                        text(second, By.cssSelector("[data-testid=preview-result]"))
                                .contains("Edited"));
        awaitTrue(
                second,
                "save enabled after the preview",
                () -> second.findElement(By.id("rule-save")).isEnabled());
        screenshot(second, "05-rules-editor");

        second.findElement(By.id("sign-out")).click();
        awaitTrue(second, "signed out", () -> present(second, By.id("login-form")));
    }

    @Test
    @Order(6)
    void theAgencySeesTheDispatchInItsInboxAndAcknowledgesIt() throws Exception {
        signIn(second, "rita");
        By inboxRow =
                By.cssSelector("tr[data-testid=inbox-row][data-incident-id='" + incidentId + "']");
        awaitTrue(second, "the dispatch in the inbox", () -> present(second, inboxRow));
        assertThat(second.findElements(By.cssSelector("tr[data-testid=inbox-row]"))).hasSize(1);
        assertThat(second.findElement(inboxRow).getText()).contains(SOURCE_NAME);
        screenshot(second, "06-inbox");

        second.findElement(inboxRow)
                .findElement(By.cssSelector("[data-testid=inbox-ACKNOWLEDGE]"))
                .click();
        awaitTrue(
                second,
                "the acknowledgement sent",
                () -> present(second, By.cssSelector("[data-testid=toast-ok]")));

        // THEN the operator's open incident view shows it, live
        awaitTrue(
                operator,
                "AGENCY_ACKNOWLEDGED on the operator's incident view",
                () -> timeline(operator).contains("AGENCY_ACKNOWLEDGED"));
        assertThat(((JavascriptExecutor) operator).executeScript("return window.vigilE2eMarker"))
                .as("the operator's page was not reloaded")
                .isEqualTo(MARKER);
        JsonNode acknowledged = null;
        for (JsonNode event : admin.get("/api/incidents/" + incidentId).json().path("timeline")) {
            if (event.path("type").asText().equals("AGENCY_ACKNOWLEDGED")) {
                acknowledged = event;
            }
        }
        assertThat(acknowledged).as("AGENCY_ACKNOWLEDGED on the timeline").isNotNull();
        assertThat(acknowledged.path("actor").path("agencyId").asText()).isEqualTo(AGENCY);
        assertThat(acknowledged.path("actor").path("userId").asText()).isEqualTo("rita");
        screenshot(operator, "07-incident-agency-acknowledged");

        // AND the inbox no longer offers acknowledging it a second time
        awaitTrue(
                second,
                "the inbox's Acknowledge disabled after acknowledging",
                () ->
                        !second.findElement(inboxRow)
                                .findElement(By.cssSelector("[data-testid=inbox-ACKNOWLEDGE]"))
                                .isEnabled());

        // AND the agency's own view of the incident says the same
        second.findElement(inboxRow).findElement(By.cssSelector("a")).click();
        awaitTrue(
                second,
                "AGENCY_ACKNOWLEDGED on the agency's incident view",
                () -> timeline(second).contains("AGENCY_ACKNOWLEDGED"));
        // what is left to report back is offered; acknowledging twice is not
        awaitTrue(
                second,
                "the agency's actions",
                () -> present(second, By.cssSelector("[data-testid=action-ARRIVE]")));
        assertThat(second.findElements(By.cssSelector("[data-testid=action-ACKNOWLEDGE]")))
                .isEmpty();
        screenshot(second, "08-incident-agency-view");
    }

    @Test
    @Order(7)
    void neitherBrowserLoggedAScriptError() {
        for (WebDriver driver : List.of(operator, second)) {
            List<String> errors =
                    driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                            .map(LogEntry::getMessage)
                            .filter(m -> !m.contains("Failed to load resource"))
                            .toList();
            assertThat(errors).as("script errors").isEmpty();
        }
    }

    // ---- the stack and its inputs

    private static Map<String, String> settings(Path agencies) {
        return Map.ofEntries(
                Map.entry("VIGIL_DATA_DIR", data.resolve("data").toString()),
                Map.entry("VIGIL_KAFKA_EMBEDDED_PORT", "0"),
                Map.entry("VIGIL_KAFKA_EMBEDDED_CONTROLLER_PORT", "0"),
                Map.entry("VIGIL_FLINK_EMBEDDED_REST_PORT", "0"),
                Map.entry("VIGIL_FLINK_CHECKPOINT_INTERVAL", "5s"),
                Map.entry("VIGIL_INFLUXDB_EMBEDDED_PORT", "0"),
                Map.entry("VIGIL_INGEST_BIND_ADDRESS", "127.0.0.1"),
                Map.entry("VIGIL_INGEST_HJ212_PORT", "0"),
                Map.entry("VIGIL_INGEST_HTTP_PORT", "0"),
                Map.entry("VIGIL_ALERTING_BIND_ADDRESS", "127.0.0.1"),
                Map.entry("VIGIL_ALERTING_HEALTH_PORT", "0"),
                Map.entry("VIGIL_ALERTING_AGENCIES_FILE", agencies.toString()),
                Map.entry("VIGIL_CONSOLE_BIND_ADDRESS", "127.0.0.1"),
                Map.entry("VIGIL_CONSOLE_PORT", "0"),
                Map.entry("VIGIL_CONSOLE_ADMIN_PASSWORD", ADMIN_PASSWORD));
    }

    /** One agency with a signed webhook to this test's receiver, and no routing rules. */
    private static String agenciesFile() {
        return """
                {"agencies": [{"agencyId": "%s", "name": "River patrol", "apiKey": "%s",
                  "endpoints": [{"channel": "WEBHOOK", "url": "http://127.0.0.1:%d/river", "secret": "%s"}]}],
                 "rules": []}
                """
                .formatted(AGENCY, AGENCY_KEY, receiver.getAddress().getPort(), WEBHOOK_SECRET);
    }

    private static String sourceJson() {
        // Long reporting intervals: the test's pauses must not read as the logger going offline.
        return """
                {"sourceId": "%s", "name": "%s", "enterprise": "Riverside Paper Co.", "kind": "WATER",
                 "place": {"address": "12 Harbour Road", "location": {"lat": 30.2810, "lon": 120.5050},
                           "area": "Riverside", "street": "Harbour Road"},
                 "groups": ["e2e"],
                 "outlets": [{"outletId": "WS-01", "name": "Wastewater outfall", "kind": "WASTEWATER"}],
                 "devices": [{"mn": "%s", "outletId": "WS-01", "protocol": "HJ212-2017",
                              "password": "%s", "realtimeInterval": "PT5M", "minuteInterval": "PT10M"}],
                 "permitLimits": [{"outletId": "WS-01", "pollutantCode": "w01018", "limit": %s,
                                   "unit": "mg/L", "dataKind": "HOURLY"}]}
                """
                .formatted(SOURCE, SOURCE_NAME, MN, DEVICE_PASSWORD, COD_LIMIT);
    }

    private static String ruleJson() {
        return """
                {"ruleId": "%s", "name": "COD real-time at the paper mill",
                 "scope": {"sourceId": "%s", "pollutantCode": "w01018"},
                 "dataKind": "REALTIME", "comparator": "ABOVE",
                 "levels": [{"severity": "WARNING", "threshold": 80, "mode": "PERCENT_OF_LIMIT"},
                            {"severity": "ALARM", "threshold": 100, "mode": "PERCENT_OF_LIMIT"},
                            {"severity": "SEVERE", "threshold": 400, "mode": "PERCENT_OF_LIMIT"}],
                 "persistence": {"consecutiveReadings": 1}, "clearRatio": 0.9}
                """
                .formatted(RULE, SOURCE);
    }

    private static void createUser(String name, String role, String agencyId) {
        String body =
                """
                {"username": "%s", "displayName": "%s", "role": "%s", %s"password": "%s"}
                """
                        .formatted(
                                name,
                                name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1),
                                role,
                                agencyId == null ? "" : "\"agencyId\": \"" + agencyId + "\", ",
                                PASSWORD);
        Api.Answer created = admin.post("/api/users", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    /** The agency's webhook receiver: checks each request's signature as the example verifier. */
    private static void startReceiver() throws IOException {
        WebhookVerifier verifier = new WebhookVerifier(WEBHOOK_SECRET);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext(
                "/river",
                ex -> {
                    byte[] body = ex.getRequestBody().readAllBytes();
                    var headers = ex.getRequestHeaders();
                    WebhookVerifier.Verdict verdict =
                            verifier.verify(
                                    headers.getFirst(WebhookSigner.ID_HEADER),
                                    headers.getFirst(WebhookSigner.TIMESTAMP_HEADER),
                                    headers.getFirst(WebhookSigner.SIGNATURE_HEADER),
                                    body);
                    if (verdict != WebhookVerifier.Verdict.REPLAYED) {
                        verdicts.add(verdict);
                        webhooks.add(Json.mapper().readTree(body));
                    }
                    ex.sendResponseHeaders(200, -1);
                    ex.close();
                });
        receiver.start();
    }

    private static int healthStatus() {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url("/api/health")))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + stack.consolePort() + path;
    }

    /**
     * A data logger on one TCP connection to the gateway: real-time uploads (CN 2011) of COD with
     * Flag A=1, so that the gateway answers each accepted one with a 9014.
     */
    private static final class DataLogger implements AutoCloseable {
        private final int port;
        private Socket socket;

        DataLogger(int port) {
            this.port = port;
        }

        /** Sends one upload; whether the gateway answered it (an unknown device gets silence). */
        boolean upload(Instant dataTime, double cod) throws IOException {
            String qn = Hj212Time.formatMillis(dataTime);
            String segment =
                    "QN="
                            + qn
                            + ";ST=32;CN=2011;PW="
                            + DEVICE_PASSWORD
                            + ";MN="
                            + MN
                            + ";Flag=5;CP=&&DataTime="
                            + Hj212Time.formatSeconds(dataTime)
                            + ";w01018-Rtd="
                            + String.format(Locale.ROOT, "%.2f", cod)
                            + ",w01018-Flag=N&&";
            try {
                if (socket == null) {
                    socket = new Socket("127.0.0.1", port);
                    socket.setSoTimeout(5_000);
                }
                socket.getOutputStream().write(Hj212Encoder.encode(segment));
                socket.getOutputStream().flush();
                return awaitAnswer(socket.getInputStream(), qn);
            } catch (SocketTimeoutException silence) {
                return false;
            } catch (IOException e) {
                // The gateway closed the line (idle, restart): a logger dials again next time.
                close();
                return false;
            }
        }

        private static boolean awaitAnswer(InputStream in, String qn) throws IOException {
            while (true) {
                String line = readLine(in);
                if (line == null) {
                    throw new IOException("connection closed");
                }
                if (line.contains("CN=9014") && line.contains("QN=" + qn)) {
                    return true;
                }
            }
        }

        private static String readLine(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    return line.toString(StandardCharsets.UTF_8);
                }
                line.write(b);
            }
            return null;
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a line that is gone already
                }
                socket = null;
            }
        }
    }

    // ---- the browser

    private static WebDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--window-size=1600,1000");
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .build();
        // Script errors are collected and checked at the end; failed requests are the API's to
        // report (a 401 before sign-in is how the page learns it must show the sign-in form).
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.SEVERE);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
        ChromeDriver driver = new ChromeDriver(service, options);
        // Every wait below polls its own condition; no implicit waits hide in element look-ups.
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        return driver;
    }

    private static void signIn(WebDriver driver, String username) {
        awaitTrue(driver, "the sign-in form", () -> present(driver, By.id("login-form")));
        WebElement user = driver.findElement(By.id("login-username"));
        user.clear();
        user.sendKeys(username);
        WebElement pass = driver.findElement(By.id("login-password"));
        pass.clear();
        pass.sendKeys(PASSWORD);
        driver.findElement(By.id("login-submit")).click();
        awaitTrue(
                driver,
                "signed in as " + username,
                () ->
                        present(
                                driver,
                                By.cssSelector("#current-user[data-username='" + username + "']")));
    }

    private static By rowOf(String incident) {
        return By.cssSelector("tr[data-testid=wall-row][data-incident-id='" + incident + "']");
    }

    private static String state(By row) {
        List<WebElement> found = operator.findElements(row);
        return found.isEmpty() ? "" : String.valueOf(found.get(0).getDomAttribute("data-state"));
    }

    private static String streamStatus(WebDriver driver) {
        List<WebElement> found = driver.findElements(By.id("stream-status"));
        return found.isEmpty() ? "" : found.get(0).getDomAttribute("data-status");
    }

    /** The event types on the open incident view's timeline, in page order. */
    private static List<String> timeline(WebDriver driver) {
        List<String> types = new ArrayList<>();
        for (WebElement li :
                driver.findElements(
                        By.cssSelector("[data-testid=timeline] > li[data-event-type]"))) {
            types.add(li.getDomAttribute("data-event-type"));
        }
        return types;
    }

    /**
     * The evidence chart's drawn extent, {@code [time min, time max, value min, value max]}, read
     * from its ECharts instance; null before it is drawn.
     */
    private static List<Double> chartExtent(WebDriver driver) {
        Object extent =
                ((JavascriptExecutor) driver)
                        .executeScript(
                                "const el = document.querySelector('[data-testid=evidence-chart]');"
                                        + "const chart = el && window.echarts && window.echarts.getInstanceByDom(el);"
                                        + "if (!chart) return null;"
                                        + "const m = chart.getModel();"
                                        + "const x = m.getComponent('xAxis').axis.scale.getExtent();"
                                        + "const y = m.getComponent('yAxis').axis.scale.getExtent();"
                                        + "return [x[0], x[1], y[0], y[1]];");
        if (!(extent instanceof List<?> values)) {
            return null;
        }
        return values.stream().map(v -> ((Number) v).doubleValue()).toList();
    }

    private static boolean present(WebDriver driver, By by) {
        return !driver.findElements(by).isEmpty();
    }

    private static String text(WebDriver driver, By by) {
        List<WebElement> found = driver.findElements(by);
        return found.isEmpty() ? "" : String.valueOf(found.get(0).getDomProperty("textContent"));
    }

    private static void screenshot(WebDriver driver, String name) throws IOException {
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    // ---- waiting

    /**
     * Polls {@code condition} until it holds; a timeout fails with the page's text and a
     * screenshot.
     */
    private static void awaitTrue(WebDriver driver, String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.get())) {
                    return;
                }
            } catch (RuntimeException retry) {
                // An element replaced while the page re-rendered: look again.
            }
            if (System.nanoTime() > deadline) {
                throw timedOut(driver, what);
            }
            sleep();
        }
    }

    /**
     * The data logger's interval between uploads, cut short when {@code element} appears: paces the
     * input, decides nothing.
     */
    private static void waitForOrPause(WebDriver driver, By element, Duration interval) {
        long end = System.nanoTime() + interval.toNanos();
        while (System.nanoTime() < end && !present(driver, element)) {
            sleep();
        }
    }

    private static void awaitTrue(String what, Duration limit, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!Boolean.TRUE.equals(condition.get())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not reached within " + limit.toSeconds() + " s");
            }
            sleep();
        }
    }

    private static AssertionError timedOut(WebDriver driver, String what) {
        String page;
        try {
            page = driver.findElement(By.tagName("body")).getText();
            screenshot(driver, "failure-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
        } catch (RuntimeException | IOException e) {
            page = "(page not readable: " + e + ")";
        }
        return new AssertionError(
                what + ": not reached within " + PATIENCE.toSeconds() + " s; page text:\n" + page);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The console's API with one signed-in session (its cookie). */
    private static final class Api {
        private final HttpClient http =
                HttpClient.newBuilder()
                        .cookieHandler(new CookieManager())
                        .connectTimeout(Duration.ofSeconds(10))
                        .build();

        record Answer(int status, String body) {
            JsonNode json() {
                try {
                    return Json.mapper().readTree(body);
                } catch (IOException e) {
                    throw new AssertionError("not JSON: " + body, e);
                }
            }
        }

        Api signIn(String username, String password) {
            Answer a =
                    post(
                            "/api/session",
                            "{\"username\":\""
                                    + username
                                    + "\",\"password\":\""
                                    + password
                                    + "\"}");
            assertThat(a.status()).as("sign-in of " + username + ": " + a.body()).isEqualTo(200);
            return this;
        }

        Answer get(String path) {
            return send(HttpRequest.newBuilder(URI.create(url(path))).GET());
        }

        Answer post(String path, String json) {
            return send(
                    HttpRequest.newBuilder(URI.create(url(path)))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        private Answer send(HttpRequest.Builder request) {
            try {
                HttpResponse<String> r =
                        http.send(
                                request.timeout(Duration.ofSeconds(30)).build(),
                                HttpResponse.BodyHandlers.ofString());
                return new Answer(r.statusCode(), r.body());
            } catch (IOException e) {
                throw new AssertionError(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
