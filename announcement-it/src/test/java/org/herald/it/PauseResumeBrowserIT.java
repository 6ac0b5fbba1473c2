package org.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import org.herald.tools.Audit;
import org.herald.tools.HeraldClient;
import org.herald.tools.SimulatorClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Pause and resume in the HR console, in a real browser (Debian's headless Chromium through
 * Selenium): an HR admin pauses a slow campaign from its page (a declined confirmation changes
 * nothing), sees its deliveries held, resumes it, and the simulator counts one message for
 * every recipient. Screenshots go to target/screenshots/.
 */
@ArquillianTest
class PauseResumeBrowserIT {

    private static final Duration WAIT = ConsoleBrowser.WAIT;

    private static ConsoleBrowser console;
    private static WebDriver browser;

    private final HeraldClient admin = TestData.admin();
    private final SimulatorClient simulator =
            new SimulatorClient(System.getProperty("herald.it.simulator-url"));
    private double throughput;

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

    @BeforeEach
    void slowProvider() {
        throughput = admin.throughput();
        simulator.setRateLimit(5);
        admin.setThroughput(3);
    }

    @AfterEach
    void restoreLimits() {
        simulator.setRateLimit(0);
        admin.setThroughput(throughput);
    }

    @Test
    void anAdminPausesASlowCampaignAndResumesItAndEveryoneGetsOneMessage() {
        TestData data = new TestData(30);
        admin.importEmployees(data.csv());
        long id = admin.createCampaign(data.campaignJson(EndToEndIT.inSeconds(3600)));
        admin.sendNow(id).expect(202);
        logIn();
        open("campaign.html?id=" + id);

        clickAndAnswer(By.cssSelector("#pause-resume [data-action=pause]"), false);
        String afterDeclining = admin.campaign(id).getString("status");
        clickAndAnswer(By.cssSelector("#pause-resume [data-action=pause]"), true);
        waitFor(By.cssSelector("#status [data-state=PAUSED]"));
        Await.until("every delivery sent or held", Duration.ofSeconds(60), () -> {
            JsonObject counts = admin.campaign(id).getJsonObject("deliveries");
            return counts.getInt("QUEUED", 0) + counts.getInt("SENDING", 0) == 0;
        });
        int sentWhilePaused = atProvider(id);
        JsonObject paused = admin.campaign(id);
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBe(
                By.id("count-HELD"), Integer.toString(held(paused))));
        screenshot("campaign-paused");
        int sentBeforeResume = atProvider(id);
        clickAndAnswer(By.cssSelector("#pause-resume [data-action=resume]"), true);
        new WebDriverWait(browser, Duration.ofSeconds(120)).until(ExpectedConditions
                .visibilityOfElementLocated(By.cssSelector("#status [data-state=FINISHED]")));
        screenshot("campaign-resumed");

        assertTrue(!"PAUSED".equals(afterDeclining), "a declined confirmation paused it");
        assertTrue(held(paused) > 0, "nothing was held: " + paused);
        assertEquals(sentWhilePaused, sentBeforeResume, "a message left while paused");
        assertEquals("0", text(By.id("count-HELD")));
        assertEquals("30", text(By.id("count-recipients")));
        assertEquals(new Audit(30, 30, 0, 0, 0),
                Audit.of(data.phones, simulator.messagesPerRecipient(id)));
    }

    private void logIn() {
        console.logIn("admin", System.getProperty("herald.it.admin-password"));
    }

    /** Clicks a button that asks for confirmation, then accepts or declines the question. */
    private static void clickAndAnswer(By button, boolean accept) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.elementToBeClickable(button))
                .click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.alertIsPresent());
        if (accept) {
            browser.switchTo().alert().accept();
        } else {
            browser.switchTo().alert().dismiss();
        }
    }

    private int atProvider(long campaignId) {
        return simulator.messagesPerRecipient(campaignId).values().stream()
                .mapToInt(Integer::intValue).sum();
    }

    private static int held(JsonObject campaign) {
        return campaign.getJsonObject("deliveries").getInt("HELD", 0);
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
