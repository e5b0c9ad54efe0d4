package org.speechforum.e2e;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The explorer page in a real headless Chromium (Debian's chromium and chromium-driver packages, which
 * .ci/run installs): search, open an entity, open a thread, and keep screenshots under target/.
 */
class ExplorerPageTest {

    private final RunningPipeline pipeline = RunningPipeline.get();
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() throws Exception {
        pipeline.seed();
        ChromeOptions options = new ChromeOptions()
                .setBinary(Path.of("/usr/bin/chromium").toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--window-size=1280,900",
                        "--user-data-dir=" + Files.createTempDirectory("explorer-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void searchOpenAnEntityAndOpenAThread() throws Exception {
        browser.get(pipeline.query("/").toString());
        WebElement box = wait.until(ExpectedConditions.elementToBeClickable(By.id("q")));
        box.sendKeys("Lenin");
        browser.findElement(By.cssSelector("#search-form button")).click();

        WebElement mark = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".hit mark")));
        assertThat(mark.getText()).isEqualToIgnoringCase("Lenin");
        screenshot("explorer-search");

        // The seed's comments mention Lenin, dated only approximately ("1 year ago"): the weekly chart leaves them
        // out and the page says how many, and the documents list marks their dates with "≈".
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a[data-entity='Q1394']"))).click();
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".entity-name")));
        assertThat(name.getText()).isEqualTo("Vladimir Lenin");
        assertThat(browser.findElement(By.cssSelector(".approximate-left-out")).getText())
                .endsWith("not in the weekly chart.");
        assertThat(browser.findElements(By.cssSelector(".entity-documents .approximate"))).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector(".entity-documents .approximate")).getText()).startsWith("≈ ");
        screenshot("explorer-entity");

        // A comment opens its whole thread: the speech at the root and the four comments under it.
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".entity-documents a"))).click();
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector(".tree .node"), 4));
        assertThat(browser.findElement(By.cssSelector(".tree > li > .node .badge")).getText()).isEqualTo("SPEECH");
        screenshot("explorer-thread");
    }

    private void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", name + ".png");
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
