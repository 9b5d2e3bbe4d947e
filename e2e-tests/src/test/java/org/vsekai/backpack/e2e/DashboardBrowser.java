package org.vsekai.backpack.e2e;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium for the dashboard test: Debian's {@code chromium} through Debian's {@code chromium-driver},
 * both named by path so that Selenium Manager never looks for (or downloads) a browser or driver of its own.
 */
final class DashboardBrowser {

    static final Path CHROMIUM = Path.of(System.getProperty("backpack.e2e.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("backpack.e2e.chromedriver", "/usr/bin/chromedriver"));

    private DashboardBrowser() {
    }

    static WebDriver open() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            fail("no " + CHROMIUM + " or " + DRIVER + ": apt-get install chromium chromium-driver (as .ci/run does)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1100");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString())).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
