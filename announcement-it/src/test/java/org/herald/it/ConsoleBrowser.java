package org.herald.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
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
 * One headless Chromium (Debian's, through Selenium, fully offline) driving the console, for
 * browser tests: log in, open a page, wait for an element, take a screenshot into
 * target/screenshots/. Skips the test class when no chromedriver is installed.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);
    private static final String URL = System.getProperty("herald.it.url");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final WebDriver driver;

    private ConsoleBrowser(WebDriver driver) {
        this.driver = driver;
    }

    static ConsoleBrowser start() throws IOException {
        File chromedriver = new File(System.getProperty("herald.it.chromedriver",
                "/usr/bin/chromedriver"));
        Assumptions.assumeTrue(chromedriver.canExecute(), "no chromedriver at " + chromedriver
                + " (apt-get install chromium chromium-driver); browser tests skipped");
        System.setProperty("SE_OFFLINE", "true");
        Path profile = Files.createDirectories(Path.of("target", "chromium-profile"));
        ChromeOptions options = new ChromeOptions()
                .setBinary(new File("/usr/bin/chromium"))
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
                        "--disable-dev-shm-usage", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run",
                        "--window-size=1280,900",
                        "--user-data-dir=" + profile.toAbsolutePath().resolve(
                                UUID.randomUUID().toString()),
                        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver)
                .usingAnyFreePort()
                .build();
        Files.createDirectories(SCREENSHOTS);
        return new ConsoleBrowser(new ChromeDriver(service, options));
    }

    void logIn(String username, String password) {
        driver.manage().deleteAllCookies();
        driver.get(URL + "/login.html");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("submit")).click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBe(By.cssSelector(
                "#who strong"), username));
    }

    void open(String page) {
        driver.get(URL + "/" + page);
    }

    WebElement waitFor(By locator) {
        return new WebDriverWait(driver, WAIT).until(
                ExpectedConditions.visibilityOfElementLocated(locator));
    }

    String text(By locator) {
        return waitFor(locator).getText();
    }

    /** Accepts the confirmation dialog the last click opened. */
    void confirm() {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.alertIsPresent()).accept();
    }

    void screenshot(String name) {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new AssertionError("screenshot " + name + " cannot be saved", e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
