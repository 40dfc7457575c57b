package dev.vigil.console.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.console.ConsoleConfig;
import dev.vigil.console.ConsoleServer;
import dev.vigil.console.auth.PasswordHasher;
import dev.vigil.console.health.HealthProbe;
import dev.vigil.embedded.TopicSpec;
import dev.vigil.embedded.junit.InfluxExtension;
import dev.vigil.embedded.junit.KafkaExtension;
import dev.vigil.events.Topics;
import dev.vigil.events.incident.Actor;
import dev.vigil.events.incident.Actor.Role;
import dev.vigil.events.incident.IncidentEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

/**
 * The browser UI in Debian's chromium against a real console on a real Kafka broker: sign-in, the
 * live alert wall (a new incident appears and is announced without a reload), keyboard acknowledge,
 * the dispatch dialog, the agency inbox and the map. Driven through the stable hooks listed at the
 * top of {@code public/js/app.js}.
 */
@EnabledIf("browserInstalled")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleUiIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension().withTopics(TopicSpec.allTopics(2));

    @RegisterExtension static final InfluxExtension INFLUX = new InfluxExtension();

    private static final String ADMIN_PASSWORD = "admin-password-1";
    private static final String PASSWORD = "a-long-password";

    private static ConsoleServer server;
    private static Records records;
    private static ApiClient admin;
    private static WebDriver browser;

    static boolean browserInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @BeforeAll
    static void start() {
        records = new Records(KAFKA.bootstrapServers());
        server =
                new ConsoleServer(
                                new ConsoleConfig(
                                        "127.0.0.1",
                                        0,
                                        Duration.ofSeconds(2),
                                        KAFKA.bootstrapServers(),
                                        INFLUX.url(),
                                        INFLUX.database(),
                                        null,
                                        null,
                                        null,
                                        null,
                                        ADMIN_PASSWORD,
                                        null,
                                        null),
                                new HealthProbe(
                                        List.of(), Duration.ofSeconds(1), Clock.systemUTC()),
                                new PasswordHasher(1024, 1, 1),
                                Clock.systemUTC())
                        .start();
        admin = new ApiClient(server.port()).signIn("admin", ADMIN_PASSWORD);
        createUser("operator", Role.OPERATOR, null);
        createUser("fire", Role.AGENCY, "fire");
        createUser("staff", Role.ENV_STAFF, null);
        records.publish(Topics.SOURCES, Records.source("S-1", 100));

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1600,1000");
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (records != null) {
            records.close();
        }
    }

    @Test
    @Order(1)
    void aWrongPasswordIsRefusedWithTheServersDetail() {
        browser.get(url("/"));
        signIn("operator", "not-the-password");
        await(() -> !text(By.id("login-error")).isBlank());
        assertThat(text(By.id("login-error"))).contains("wrong");
    }

    @Test
    @Order(2)
    void theWallListsOpenIncidentsAndShowsNewOnesLiveByPriority() {
        // GIVEN an open incident before sign-in
        records.publish(Topics.INCIDENTS, opened("inc-1", 3, Instant.now().minusSeconds(60)));
        browser.get(url("/"));
        signIn("operator", PASSWORD);
        await(() -> present(By.cssSelector("tr[data-testid=wall-row][data-incident-id=inc-1]")));
        assertThat(find(By.id("current-user")).getDomAttribute("data-role")).isEqualTo("OPERATOR");
        await(() -> "live".equals(find(By.id("stream-status")).getDomAttribute("data-status")));

        // WHEN a more urgent incident opens
        records.publish(Topics.INCIDENTS, opened("inc-2", 8, Instant.now()));

        // THEN it appears first without a reload and is announced to screen readers
        await(() -> present(By.cssSelector("tr[data-testid=wall-row][data-incident-id=inc-2]")));
        List<WebElement> rows = browser.findElements(By.cssSelector("tr[data-testid=wall-row]"));
        assertThat(rows.get(0).getDomAttribute("data-incident-id")).isEqualTo("inc-2");
        assertThat(rows.get(0).getDomAttribute("data-severity")).isEqualTo("ALARM");
        await(() -> text(By.id("live-assertive")).contains("New ALARM incident"));
        await(() -> text(By.cssSelector("[data-testid=count-OPEN]")).contains("2"));
    }

    @Test
    @Order(3)
    void keysMoveTheSelectionAndAcknowledge() {
        press("j");
        await(() -> "inc-1".equals(selectedIncident()));
        press("k");
        await(() -> "inc-2".equals(selectedIncident()));

        press("a");

        await(() -> present(By.cssSelector("[data-testid=toast-ok]")));
        await(() -> audited("incident.acknowledge", "inc-2"));
    }

    @Test
    @Order(4)
    void theDispatchDialogSendsTheChosenAgencies() {
        press("j");
        await(() -> "inc-1".equals(selectedIncident()));

        press("d");

        await(() -> present(By.cssSelector("dialog[data-testid=dispatch-dialog][open]")));
        await(() -> present(By.cssSelector("[data-testid=dispatch-agency-fire]")));
        click(By.cssSelector("[data-testid=dispatch-agency-fire]"));
        click(By.cssSelector("[data-testid=dialog-submit]"));
        // An open incident is acknowledged first; the dispatch follows once the incident job
        // (played here) has recorded the acknowledgement.
        await(() -> audited("incident.acknowledge", "inc-1"));
        records.publish(
                Topics.INCIDENTS,
                Records.incident(
                        "inc-1",
                        2,
                        IncidentEvent.Type.STATE_CHANGED,
                        IncidentEvent.State.ACKNOWLEDGED,
                        3,
                        "S-1",
                        List.of(),
                        List.of(),
                        new Actor("operator", Role.OPERATOR, null),
                        Instant.now(),
                        null));
        await(() -> !present(By.cssSelector("dialog[open]")));
        await(() -> audited("incident.dispatch", "inc-1"));
    }

    @Test
    @Order(5)
    void theMapShowsEverySourceAtItsPlace() {
        browser.get(url("/#/map"));
        await(() -> present(By.cssSelector("#map path[data-source-id=S-1]")));
        assertThat(text(By.cssSelector("[data-testid=map-legend]"))).contains("Normal");
    }

    @Test
    @Order(6)
    void anAgencySeesItsDispatchInTheInboxAndAcknowledgesIt() {
        // GIVEN inc-1 dispatched to fire (as the incident job would record it)
        records.publish(
                Topics.INCIDENTS,
                Records.incident(
                        "inc-1",
                        3,
                        IncidentEvent.Type.DISPATCHED,
                        IncidentEvent.State.DISPATCHED,
                        3,
                        "S-1",
                        List.of(),
                        List.of("fire"),
                        new Actor("operator", Role.OPERATOR, null),
                        Instant.now(),
                        "go and look"));
        click(By.id("sign-out"));
        await(() -> present(By.id("login-form")));

        signIn("fire", PASSWORD);

        By row = By.cssSelector("tr[data-testid=inbox-row][data-incident-id=inc-1]");
        await(() -> present(row));
        assertThat(browser.findElements(By.cssSelector("tr[data-testid=inbox-row]"))).hasSize(1);
        find(row).findElement(By.cssSelector("[data-testid=inbox-ACKNOWLEDGE]")).click();
        await(() -> audited("incident.acknowledge", "inc-1", "fire"));
    }

    @Test
    @Order(7)
    void theRulesEditorShowsProblemsAtTheFieldPreviewsAndReportsAConflictingEdit() {
        ApiClient staff = new ApiClient(server.port()).signIn("staff", PASSWORD);
        assertThat(staff.post("/api/rules", rule(",\"clearRatio\":0.9")).status()).isEqualTo(201);
        click(By.id("sign-out"));
        signIn("staff", PASSWORD);
        await(() -> present(By.id("alert-wall")));
        browser.get(url("/#/rules/r-ui"));
        By threshold = By.name("levels[0].threshold");
        await(() -> present(threshold));
        assertThat(find(By.id("rule-save")).isEnabled()).isFalse();

        // a percent-of-limit threshold must be positive: said at the field
        type(threshold, "-5");
        await(() -> text(By.cssSelector("[data-error-for='levels[0].threshold']")).contains("> 0"));
        assertThat(find(threshold).getDomAttribute("aria-invalid")).isEqualTo("true");

        // a valid edit is previewed before it can be saved
        type(threshold, "90");
        await(() -> text(By.cssSelector("[data-error-for='levels[0].threshold']")).isBlank());
        click(By.id("rule-preview"));
        await(() -> text(By.cssSelector("[data-testid=preview-result]")).contains("Edited"));
        await(() -> find(By.id("rule-save")).isEnabled());

        // WHEN someone else saves the rule first
        assertThat(
                        staff.put(
                                        "/api/rules/r-ui",
                                        rule(",\"clearRatio\":0.8,\"expectedVersion\":1"))
                                .status())
                .isEqualTo(200);
        click(By.id("rule-save"));

        // THEN the editor says so, and loads their version on request
        await(() -> text(By.cssSelector("[data-testid=rule-conflict]")).contains("version"));
        click(By.cssSelector("[data-testid=rule-reload]"));
        await(() -> text(By.tagName("h1")).contains("v2"));
        assertThat(find(By.id("rule-clearRatio")).getDomProperty("value")).isEqualTo("0.8");
    }

    // ---- helpers

    private static void createUser(String name, Role role, String agencyId) {
        ApiClient.Answer created =
                admin.post(
                        "/api/users",
                        "{\"username\":\""
                                + name
                                + "\",\"role\":\""
                                + role
                                + "\","
                                + (agencyId == null ? "" : "\"agencyId\":\"" + agencyId + "\",")
                                + "\"password\":\""
                                + PASSWORD
                                + "\"}");
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    }

    private static String rule(String extra) {
        return "{\"ruleId\":\"r-ui\",\"name\":\"COD at S-1\","
                + "\"scope\":{\"sourceId\":\"S-1\",\"pollutantCode\":\"w01018\"},"
                + "\"dataKind\":\"HOURLY\",\"comparator\":\"ABOVE\",\"levels\":"
                + "[{\"severity\":\"WARNING\",\"threshold\":80,\"mode\":\"PERCENT_OF_LIMIT\"},"
                + "{\"severity\":\"ALARM\",\"threshold\":100,\"mode\":\"PERCENT_OF_LIMIT\"}],"
                + "\"persistence\":{\"consecutiveReadings\":1}"
                + extra
                + "}";
    }

    private static void type(By by, String text) {
        WebElement field = find(by);
        field.clear();
        field.sendKeys(text);
    }

    private static IncidentEvent opened(String id, int priority, Instant at) {
        return Records.incident(
                id,
                1,
                IncidentEvent.Type.OPENED,
                IncidentEvent.State.OPEN,
                priority,
                "S-1",
                List.of(),
                List.of(),
                null,
                at,
                "opened " + id);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private static void signIn(String username, String password) {
        await(() -> present(By.id("login-form")));
        WebElement user = find(By.id("login-username"));
        user.clear();
        user.sendKeys(username);
        WebElement pass = find(By.id("login-password"));
        pass.clear();
        pass.sendKeys(password);
        click(By.id("login-submit"));
    }

    private static boolean audited(String action, String target) {
        return audited(action, target, null);
    }

    /** Whether the audit trail holds a successful {@code action} on {@code target}. */
    private static boolean audited(String action, String target, String username) {
        ApiClient.Answer a = admin.get("/api/audit?action=" + action + "&limit=100");
        if (a.status() != 200) {
            return false;
        }
        for (var entry : a.json()) {
            if (entry.path("target").asText().equals(target)
                    && entry.path("outcome").asText().equals("SUCCESS")
                    && (username == null || entry.path("username").asText().equals(username))) {
                return true;
            }
        }
        return false;
    }

    private static String selectedIncident() {
        List<WebElement> selected =
                browser.findElements(
                        By.cssSelector("tr[data-testid=wall-row][aria-selected=true]"));
        return selected.isEmpty() ? null : selected.get(0).getDomAttribute("data-incident-id");
    }

    private static void press(String key) {
        // Keys go to the page, not to a field: the wall's shortcuts listen on the document.
        ((JavascriptExecutor) browser).executeScript("document.activeElement.blur()");
        new Actions(browser).sendKeys(key).perform();
    }

    /**
     * Clicks an element, looking it up again when the page re-rendered it between the look-up and
     * the click (a stale element), which a live update can do at any moment.
     */
    private static void click(By by) {
        await(
                () -> {
                    find(by).click();
                    return true;
                });
    }

    private static WebElement find(By by) {
        return browser.findElement(by);
    }

    private static boolean present(By by) {
        return !browser.findElements(by).isEmpty();
    }

    private static String text(By by) {
        List<WebElement> found = browser.findElements(by);
        return found.isEmpty() ? "" : found.get(0).getDomProperty("textContent");
    }

    private static void await(Supplier<Boolean> condition) {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.get())) {
                    return;
                }
            } catch (RuntimeException retry) {
                // An element replaced while the page re-rendered: look again.
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(
                        "timed out; page text: "
                                + browser.findElement(By.tagName("body")).getText());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
