package dev.stamp.it.seed;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Debian's headless Chromium driven by Selenium through Debian's chromedriver, both named explicitly so Selenium
 * Manager fetches nothing. HOME is a directory of the test, so Chromium's NSS database is {@code $HOME/.pki/nssdb}
 * there; NSS reads it when the browser starts, so a change of trust needs a new session.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** A fresh browser session over {@code home}, resolving {@code host} to 127.0.0.1. */
    static Browser open(Path home, Path profile, String host, Path log) {
        for (Path program : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(program)) {
                throw new AssertionError(program + " is missing: install the Debian packages chromium and chromium-driver");
            }
        }
        try {
            Files.createDirectories(home);
            Files.createDirectories(profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(log.toFile())
                .withEnvironment(Map.of("HOME", home.toString()))
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--host-resolver-rules=MAP " + host + " 127.0.0.1");
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        // Before any load: Chromium only keeps the certificates of connections it made while the Network domain was on.
        driver.executeCdpCommand("Network.enable", Map.of());
        return new Browser(driver);
    }

    /** Loads {@code url} and returns what the browser shows: the title, the page source and the visible text. */
    Page load(String url) {
        driver.get(url);
        return new Page(driver.getCurrentUrl(), driver.getTitle(), driver.getPageSource(), driver.findElement(By.tagName("body")).getText());
    }

    /**
     * The certificate chain the browser itself received for {@code origin} (Chrome DevTools Protocol
     * {@code Network.getCertificate}: the DER certificates of the connection the page was loaded over).
     */
    List<X509Certificate> certificateChain(String origin) {
        Map<String, Object> answer = driver.executeCdpCommand("Network.getCertificate", Map.of("origin", origin));
        Object names = answer.get("tableNames");
        if (!(names instanceof List<?> list) || list.isEmpty()) {
            throw new AssertionError("the browser has no certificate for " + origin + ": " + answer);
        }
        return list.stream().map(der -> Certificates.read(Base64.getDecoder().decode((String) der)).getFirst()).toList();
    }

    WebDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
    }

    /** One loaded page. */
    record Page(String url, String title, String source, String text) {}
}
