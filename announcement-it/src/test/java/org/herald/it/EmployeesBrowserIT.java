package org.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.util.List;
import org.herald.tools.HeraldClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The employees page in a real browser: an admin searches, pages and opts an employee out
 * (confirmed, audited); a viewer sees the same list without any button that changes it.
 */
@ArquillianTest
class EmployeesBrowserIT {

    private static ConsoleBrowser browser;

    private final HeraldClient admin = TestData.admin();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.herald();
    }

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = ConsoleBrowser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anAdminSearchesPagesAndOptsAnEmployeeOut() {
        TestData data = new TestData(30);
        admin.importEmployees(data.csv());
        // Pages follow the employee id's byte order (the database's C collation), as sort() does.
        List<String> ids = data.employeeIds.stream().sorted().toList();
        String last = ids.get(29);
        browser.logIn("admin", System.getProperty("herald.it.admin-password"));

        browser.open("employees.html");
        search(data.department);
        int firstPage = rows().size();
        browser.driver.findElement(By.id("next")).click();
        new WebDriverWait(browser.driver, ConsoleBrowser.WAIT).until(
                ExpectedConditions.textToBe(By.id("page-label"), "Page 2"));
        WebElement row = browser.waitFor(By.cssSelector("[data-employee='" + last + "']"));
        row.findElement(By.cssSelector("button.opt-out")).click();
        browser.confirm();
        browser.waitFor(By.cssSelector("[data-employee='" + last + "'] [data-opted-in=false]"));
        browser.screenshot("employees-directory");

        assertEquals(25, firstPage);
        assertEquals(5, rows().size());
        assertTrue(browser.text(By.id("notice")).contains("is opted out"));
        JsonArray found = (JsonArray) admin.call("GET", "/employees?q=" + data.department
                + "&after=" + ids.get(28), null, null).expect(200).json();
        assertEquals(last, found.getJsonObject(0).getString("employeeId"));
        assertEquals(false, found.getJsonObject(0).getBoolean("optedIn"));
        JsonObject audited = ((JsonArray) admin.call("GET", "/audit?limit=20", null, null)
                .expect(200).json()).getValuesAs(JsonObject.class).stream()
                .filter(event -> ("employee " + last).equals(event.getString("detail", "")))
                .findFirst().orElseThrow();
        assertEquals("OPT_OUT", audited.getString("action"));
        assertEquals("admin", audited.getString("actor"));
    }

    @Test
    void aViewerSeesTheListButNothingThatChangesIt() {
        TestData data = new TestData(2);
        admin.importEmployees(data.csv());
        String viewer = "viewer-" + data.department;
        admin.createUser(viewer, "viewer-password", "HR_VIEWER").expect(201);
        browser.logIn(viewer, "viewer-password");

        browser.open("employees.html");
        search(data.department);
        List<WebElement> buttons = browser.driver.findElements(
                By.cssSelector("#employees button, #upload-card"));

        assertEquals(2, rows().size());
        assertTrue(buttons.isEmpty(), "a viewer sees no opt-in, opt-out or import control");
    }

    private static void search(String text) {
        browser.waitFor(By.cssSelector("#employees tbody tr"));
        browser.driver.findElement(By.id("search")).sendKeys(text);
        browser.driver.findElement(By.id("search-button")).click();
        new WebDriverWait(browser.driver, ConsoleBrowser.WAIT)
                .ignoring(StaleElementReferenceException.class).until(driver ->
                driver.findElements(By.cssSelector("#employees [data-employee]")).stream()
                        .allMatch(row -> row.getText().contains(text))
                && !driver.findElements(By.cssSelector("#employees [data-employee]")).isEmpty());
    }

    private static List<WebElement> rows() {
        return browser.driver.findElements(By.cssSelector("#employees [data-employee]"));
    }
}
