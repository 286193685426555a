package io.firebreak.alerting;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Takes the console's screenshot for the docs from a running {@code firebreak demo --keep}:
 * {@code ConsoleScreenshot URL TOKEN OUT.png [WIDTHxHEIGHT]} (a tool, not a test; see docs/console.md).
 */
final class ConsoleScreenshot {

    private ConsoleScreenshot() {
    }

    public static void main(String[] args) throws Exception {
        WebDriver browser = ConsoleBrowserIT.chromium();
        try {
            String[] size = (args.length > 3 ? args[3] : "1100x1000").split("x");
            browser.manage().window().setSize(new Dimension(Integer.parseInt(size[0]), Integer.parseInt(size[1])));
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            browser.get(args[0]);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token"))).sendKeys(args[1]);
            browser.findElement(By.id("signin")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-kind=room]")));
            Thread.sleep(2000);
            Files.write(Path.of(args[2]), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
        }
    }
}
