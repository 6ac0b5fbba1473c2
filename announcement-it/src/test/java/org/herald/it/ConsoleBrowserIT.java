package org.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.herald.tools.HeraldClient;
import org.herald.tools.Http;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The HR console in a real browser (Debian's headless Chromium through Selenium), against the
 * real EAR: log in, import a file and read its report, create a campaign and watch it reach
 * 100%, a double submit making one campaign, a viewer who can change nothing. Screenshots of
 * the main pages go to target/screenshots/.
 */
@ArquillianTest
class ConsoleBrowserIT {

    private static final String URL = System.getProperty("herald.it.url");
    private static final Duration WAIT = ConsoleBrowser.WAIT;

    private static ConsoleBrowser console;
    private static WebDriver browser;

    private final HeraldClient admin = TestData.admin();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.herald();
    }

    @BeforeAll
    static void startBrowser() throws IOException {
        console = ConsoleBrowser.start();
        browser = console.driver;
    }

    @AfterAll
    static void stopBrowser() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void anAdminImportsAFileWithAnErrorAndReadsTheLineReport() throws IOException {
        TestData data = new TestData(3);
        Path csv = Files.createTempFile(Path.of("target"), "employees", ".csv");
        Files.writeString(csv, data.csv() + "bad-" + data.department + ",Broken Phone,12-34,"
                + data.department + ",true\n", StandardCharsets.UTF_8);
        logIn("admin", System.getProperty("herald.it.admin-password"));

        open("employees.html");
        browser.findElement(By.id("csv")).sendKeys(csv.toAbsolutePath().toString());
        browser.findElement(By.id("import")).click();
        waitFor(By.id("report-rejected"));
        screenshot("employees");

        assertEquals("4", text(By.id("report-rows")));
        assertEquals("3", text(By.id("report-imported")));
        assertEquals("1", text(By.id("report-rejected")));
        String rejected = text(By.id("rejected"));
        assertTrue(rejected.contains("bad-" + data.department) && rejected.contains("12-34")
                && rejected.contains("5"), rejected);
    }

    @Test
    void aCampaignFromTheFormRunsToOneHundredPercentAndADoubleSubmitMakesOne() {
        TestData data = new TestData(4);
        admin.importEmployees(data.csv());
        String name = "Console " + data.department;
        long replayedBefore = replayedCreates();
        logIn("admin", System.getProperty("herald.it.admin-password"));

        open("new.html");
        waitFor(By.id("parameter-2"));
        browser.findElement(By.id("name")).sendKeys(name);
        new Select(browser.findElement(By.id("template"))).selectByValue("hr_announcement|en_US");
        browser.findElement(By.id("parameter-2")).sendKeys("the canteen opens at noon");
        browser.findElement(By.cssSelector("input[name=audience][value=DEPARTMENTS]")).click();
        browser.findElement(By.id("departments")).sendKeys(data.department);
        assertEquals("Hello Ada Lovelace, HR has a new announcement for you: the canteen opens"
                + " at noon", text(By.id("preview")));
        screenshot("new-campaign");
        // The button disables itself on the first click, so submit twice through the DOM, as a
        // double click in a slow browser would: both requests carry the form's one key.
        ((JavascriptExecutor) browser).executeScript("const form = document.getElementById("
                + "'campaign-form'); form.requestSubmit(); form.requestSubmit();");

        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("campaign.html"));
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions
                .presenceOfElementLocated(By.cssSelector(".progress[aria-valuenow='100']")));
        waitFor(By.cssSelector("#status [data-state=FINISHED]"));
        screenshot("campaign");
        long sameName = admin.campaigns().stream().map(JsonValue::asJsonObject)
                .filter(campaign -> campaign.getString("name").equals(name)).count();

        assertEquals(1, sameName);
        assertTrue(replayedCreates() > replayedBefore, "the second submit was answered again");
        assertEquals("4", text(By.id("count-recipients")));
        assertEquals("0", text(By.id("count-QUEUED")));
        assertEquals("0", text(By.id("count-FAILED")));
        assertEquals("0", text(By.id("count-UNKNOWN")));
        open("index.html");
        waitFor(By.cssSelector("#campaigns [data-campaign]"));
        screenshot("campaigns");
    }

    @Test
    void aViewerSeesNoActionsAndTheApiRefusesTheirChanges() {
        TestData data = new TestData(1);
        admin.importEmployees(data.csv());
        JsonObject created = (JsonObject) admin.createCampaign(data.campaignJson(
                OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).toString()),
                UUID.randomUUID().toString()).expect(201).json();
        long id = created.getJsonNumber("id").longValue();
        String viewer = "viewer-" + data.department;
        admin.createUser(viewer, "viewer-password", "HR_VIEWER").expect(201);
        logIn(viewer, "viewer-password");

        open("campaign.html?id=" + id);
        waitFor(By.cssSelector("#status [data-state=SCHEDULED]"));
        List<WebElement> buttons = browser.findElements(By.cssSelector("#send-now, #cancel"));
        String nav = text(By.id("sidebar"));
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("const done ="
                + " arguments[arguments.length - 1]; fetch('api/session').then(r => r.json())"
                + ".then(s => fetch('api/campaigns/" + id + "/cancel', {method: 'POST',"
                + " headers: {'X-CSRF-Token': s.csrfToken}})).then(r => done(r.status));");
        Http.Answer basic = new HeraldClient(URL, viewer, "viewer-password").cancel(id);
        screenshot("viewer-campaign");

        assertTrue(buttons.isEmpty(), "a viewer sees no send or cancel button");
        assertTrue(!nav.contains("New campaign") && !nav.contains("Users"), nav);
        assertEquals(403L, status);
        assertEquals(403, basic.status(), basic.body());
        assertEquals("SCHEDULED", admin.campaign(id).getString("status"));
    }

    @Test
    void afterLogoutTheConsoleAndItsApiAreRefused() {
        logIn("admin", System.getProperty("herald.it.admin-password"));

        browser.findElement(By.id("logout")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("login.html"));
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("const done ="
                + " arguments[arguments.length - 1];"
                + " fetch('api/campaigns').then(r => done(r.status));");
        open("index.html");
        screenshot("login");

        assertEquals(401L, status);
        assertTrue(browser.getCurrentUrl().endsWith("/login.html"), browser.getCurrentUrl());
    }

    private long replayedCreates() {
        return ((JsonObject) admin.call("GET", "/stats/duplicates", null, null).expect(200).json())
                .getJsonNumber("idempotencyKey").longValue();
    }

    private void logIn(String username, String password) {
        console.logIn(username, password);
    }

    private static void open(String page) {
        console.open(page);
    }

    private static WebElement waitFor(By locator) {
        return console.waitFor(locator);
    }

    private static String text(By locator) {
        return console.text(locator);
    }

    private static void screenshot(String name) {
        console.screenshot(name);
    }
}
