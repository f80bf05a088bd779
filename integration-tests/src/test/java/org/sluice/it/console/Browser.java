package org.sluice.it.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its chromedriver (both installed by .ci/run), with waits that follow
 * PrimeFaces' Ajax: an action is done when no Ajax request is pending and the expected text is on the page.
 */
final class Browser implements AutoCloseable {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final WebDriver driver;
    private final String base;

    Browser(String base) {
        this(base, "en-US");
    }

    /**
     * A browser whose user asks for {@code language} (a BCP 47 tag such as "ko"): its UI language and the
     * Accept-Language it sends, which headless Chromium takes from the intl.accept_languages preference.
     */
    Browser(String base, String language) {
        ChromeOptions options = new ChromeOptions();
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        options.setBinary(System.getProperty("sluice.it.chromium", "/usr/bin/chromium"));
        // --no-sandbox: CI runs the suite as root, where Chromium's sandbox cannot start.
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1400,1000",
                "--lang=" + language);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("sluice.it.chromedriver", "/usr/bin/chromedriver"))
                        .toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        // Headless Chromium sends "en-US" whatever --lang and the preference say: set Accept-Language (and
        // navigator.language) through the DevTools protocol, as a browser set to that language sends it.
        String userAgent = (String) chrome.executeScript("return navigator.userAgent;");
        chrome.executeCdpCommand(
                "Network.setUserAgentOverride", java.util.Map.of("userAgent", userAgent, "acceptLanguage", language));
        this.driver = chrome;
        this.base = base;
    }

    /** The browser's time zone, as its operating system would set it (DevTools' timezone override). */
    void timeZone(String zoneId) {
        ((ChromeDriver) driver)
                .executeCdpCommand("Emulation.setTimezoneOverride", java.util.Map.of("timezoneId", zoneId));
    }

    void open(String path) {
        driver.get(base + path);
    }

    WebElement find(String id) {
        return driver.findElement(By.id(id));
    }

    boolean present(String id) {
        return !driver.findElements(By.id(id)).isEmpty();
    }

    void type(String id, String text) {
        WebElement field = find(id);
        empty(field);
        field.sendKeys(text);
        if (!text.equals(field.getDomProperty("value"))) {
            // Keys typed while the page was still settling (focus moving, a re-render) can be lost: set it again.
            empty(field);
            field.sendKeys(text);
        }
        if (!text.equals(field.getDomProperty("value"))) {
            throw new AssertionError("typing into #" + id + " gave '" + field.getDomProperty("value") + "'");
        }
    }

    /**
     * Sets a PrimeFaces inputNumber ({@code id} is its {@code _input} field) as typing would, through AutoNumeric,
     * which keeps the field's value: clearing and typing only appends to it.
     */
    void number(String id, long value) {
        WebElement field = find(id);
        ((JavascriptExecutor) driver)
                .executeScript(
                        "AutoNumeric.getAutoNumericElement(arguments[0]).set(arguments[1]);"
                                + " arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                        field,
                        value);
        String shown = String.valueOf(field.getDomProperty("value")).replace(",", "");
        if (!shown.equals(Long.toString(value))) {
            throw new AssertionError("setting #" + id + " to " + value + " gave '" + shown + "'");
        }
    }

    /**
     * The page's serious and critical accessibility violations of WCAG 2.1 A and AA, as axe-core (injected here)
     * finds them: "serious color-contrast: Elements must meet minimum color contrast ratio thresholds (2: #a, #b)".
     */
    @SuppressWarnings("unchecked")
    List<String> seriousAccessibilityViolations() {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript(AxeScript.SOURCE);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        Object violations = js.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                + ".then(function (r) { done(r.violations"
                + ".filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })"
                + ".map(function (v) { return v.impact + ' ' + v.id + ': ' + v.help + ' (' + v.nodes.length"
                + " + ': ' + v.nodes.slice(0, 4).map(function (n) { return n.target.join(' '); }).join(', ')"
                + " + ')'; })); })"
                + ".catch(function (e) { done(['axe failed: ' + e]); });");
        return (List<String>) violations;
    }

    /** axe-core's script, from Deque's jar, read once. */
    private static final class AxeScript {
        static final String SOURCE = read();

        private static String read() {
            try (var in = Browser.class.getResourceAsStream("/axe.min.js")) {
                if (in == null) {
                    throw new IllegalStateException(
                            "axe.min.js is not on the test class path (com.deque.html.axe-core)");
                }
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** Sets the window's size, e.g. a phone's 420 px. */
    void resize(int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
    }

    /** Whether every element matching the CSS selector lies within the window's width (nothing to scroll to). */
    boolean allWithinWidth(String cssSelector) {
        return (Boolean) ((JavascriptExecutor) driver)
                .executeScript(
                        "var all = document.querySelectorAll(arguments[0]); if (all.length === 0) return false;"
                                + " for (var i = 0; i < all.length; i++) {"
                                + " if (all[i].getBoundingClientRect().right > window.innerWidth) return false; }"
                                + " return true;",
                        cssSelector);
    }

    /** Scrolls the page so that element {@code id} is in view (for a screenshot of it). */
    void scrollTo(String id) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", find(id));
    }

    /** clear() alone does not empty a PrimeFaces inputNumber (AutoNumeric puts its value back): select and delete. */
    private static void empty(WebElement field) {
        field.clear();
        if (!String.valueOf(field.getDomProperty("value")).isEmpty()) {
            field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        }
    }

    void click(String id) {
        find(id).click();
        awaitAjax();
    }

    /**
     * Picks the item labelled {@code label} in the PrimeFaces selectOneMenu {@code id}, as a user does: open the
     * menu, wait until its panel has finished sliding in (a click during the animation only highlights the item),
     * click the item, and check that the menu's hidden select now holds it.
     */
    void choose(String id, String label) {
        String panel = "PrimeFaces.escapeClientId('" + id + "_panel')";
        for (int attempt = 1; ; attempt++) {
            if (!Boolean.TRUE.equals(
                    ((JavascriptExecutor) driver).executeScript("return $(" + panel + ").is(':visible');"))) {
                find(id).click();
            }
            WebElement item =
                    await(
                            "'" + label + "' in the menu #" + id,
                            Duration.ofSeconds(10),
                            d -> d
                                    .findElements(
                                            By.cssSelector("[id='" + id + "_items'] li[data-label='" + label + "']"))
                                    .stream()
                                    .filter(WebElement::isDisplayed)
                                    .findFirst()
                                    .orElse(null));
            await(
                    "the menu #" + id + " open",
                    Duration.ofSeconds(10),
                    d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                                    .executeScript("return $(" + panel + ").is(':visible') && !$(" + panel
                                            + ").is(':animated');"))
                            ? true
                            : null);
            item.click();
            awaitAjax();
            Object chosen = ((JavascriptExecutor) driver)
                    .executeScript("return document.getElementById(arguments[0]).value;", id + "_input");
            if (item.getDomAttribute("data-value").equals(chosen)) {
                return;
            }
            if (attempt == 3) {
                throw new AssertionError("choosing '" + label + "' in #" + id + " left '" + chosen + "' selected");
            }
        }
    }

    void clickLink(String text) {
        driver.findElement(By.linkText(text)).click();
        awaitAjax();
    }

    String text(String id) {
        return await(
                "#" + id, Duration.ofSeconds(10), d -> d.findElement(By.id(id)).getText());
    }

    String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** The page's {@code <html lang>}, what screen readers pronounce it in. */
    String htmlLang() {
        return (String) ((JavascriptExecutor) driver).executeScript("return document.documentElement.lang;");
    }

    String url() {
        return driver.getCurrentUrl();
    }

    /** Waits until {@code condition} holds, or fails with {@code what} and the page's text. */
    <T> T await(String what, Duration timeout, Function<WebDriver, T> condition) {
        try {
            // The poll and Ajax updates replace elements while a condition reads them: read again.
            return new WebDriverWait(driver, timeout, Duration.ofMillis(200))
                    .ignoring(StaleElementReferenceException.class)
                    .until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            String name = "failed-" + System.currentTimeMillis();
            screenshot(name);
            try {
                Files.writeString(
                        SCREENSHOTS.resolve(name + ".html"), driver.getCurrentUrl() + "\n" + driver.getPageSource());
                StringBuilder console = new StringBuilder();
                driver.manage()
                        .logs()
                        .get(LogType.BROWSER)
                        .forEach(entry -> console.append(entry).append('\n'));
                Files.writeString(SCREENSHOTS.resolve(name + ".console.txt"), console);
            } catch (IOException ignored) {
                // the screenshot and the message remain
            }
            throw new AssertionError(
                    "waited " + timeout.toSeconds() + " s for " + what + " at " + driver.getCurrentUrl()
                            + " (see target/screenshots/" + name + ".*); the page shows:\n" + pageText(),
                    e);
        }
    }

    void awaitText(String id, String expected, Duration timeout) {
        await("'" + expected + "' in #" + id, timeout, d -> {
            var found = d.findElements(By.id(id));
            return !found.isEmpty() && found.get(0).getText().contains(expected);
        });
    }

    void awaitAjax() {
        await("the page's Ajax requests", Duration.ofSeconds(20), d -> (Boolean) ((JavascriptExecutor) d)
                .executeScript("return document.readyState === 'complete'"
                        + " && (!window.PrimeFaces || !PrimeFaces.ajax || PrimeFaces.ajax.Queue.isEmpty())"));
    }

    /** The first dataset of the Chart.js chart inside the element {@code id} (PrimeFaces' p:chart); nulls are gaps. */
    @SuppressWarnings("unchecked")
    java.util.List<Double> chartData(String id) {
        Object data = ((JavascriptExecutor) driver)
                .executeScript(
                        "var canvas = document.getElementById(arguments[0]);"
                                + "if (canvas && canvas.tagName !== 'CANVAS') { canvas = canvas.querySelector('canvas'); }"
                                + "var chart = canvas && window.Chart ? Chart.getChart(canvas) : null;"
                                + "return chart ? chart.data.datasets[0].data : [];",
                        id);
        return ((java.util.List<Object>) data)
                .stream()
                        .map(v -> v == null ? null : ((Number) v).doubleValue())
                        .toList();
    }

    /** The first dataset of every Chart.js chart on the page. */
    @SuppressWarnings("unchecked")
    java.util.List<java.util.List<Double>> allChartData() {
        Object data = ((JavascriptExecutor) driver)
                .executeScript("return Array.from(document.querySelectorAll('canvas')).map(function (c) {"
                        + "  var chart = window.Chart ? Chart.getChart(c) : null;"
                        + "  return chart ? chart.data.datasets[0].data : []; });");
        return ((java.util.List<java.util.List<Object>>) data)
                .stream()
                        .map(list -> list.stream()
                                .map(v -> v == null ? null : ((Number) v).doubleValue())
                                .toList())
                        .toList();
    }

    void upload(String inputId, Path file) {
        find(inputId).sendKeys(file.toAbsolutePath().toString());
    }

    /** Saves a screenshot as target/screenshots/{name}.png. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = SCREENSHOTS.resolve(name + ".png");
            Path taken =
                    ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(taken, shot, StandardCopyOption.REPLACE_EXISTING);
            return shot;
        } catch (IOException e) {
            throw new IllegalStateException("cannot save screenshot " + name, e);
        }
    }

    void login(String user, String password) {
        open("/login.xhtml");
        loginOnThisPage(user, password);
    }

    /** Fills in and sends the login form the browser was sent to. */
    void loginOnThisPage(String user, String password) {
        await("the login form", Duration.ofSeconds(20), d -> d.getCurrentUrl().contains("login.xhtml"));
        type("login:username", user);
        type("login:password", password);
        find("login:submit").click();
        await(
                "the login of " + user,
                Duration.ofSeconds(20),
                d -> !d.getCurrentUrl().contains("login.xhtml"));
        awaitAjax();
    }

    void logout() {
        open("/logout");
    }

    @Override
    public void close() {
        driver.quit();
    }
}
