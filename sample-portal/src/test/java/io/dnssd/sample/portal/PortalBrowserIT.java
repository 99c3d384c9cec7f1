package io.dnssd.sample.portal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.dnssd.boot.testsupport.AppProcesses;
import io.dnssd.boot.testsupport.HttpProbe;
import io.dnssd.boot.testsupport.LoopbackOnlyNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The demo as a user sees it: two time, two calc and one portal instance, each the
 * packaged sample in its own JVM on the default backend (multicast DNS on loopback,
 * inside a network namespace that holds only loopback), and headless Chromium driving the
 * portal's page.
 */
class PortalBrowserIT {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	@TempDir
	Path directory;

	private AppProcesses processes;

	private WebDriver browser;

	@AfterEach
	void stop() throws Exception {
		if (this.browser != null) {
			this.browser.quit();
		}
		if (this.processes != null) {
			this.processes.close();
		}
	}

	@Test
	void listsBothCalcInstancesEvaluatesAnExpressionFormatsTheTimeShowsErrorsAndSaysWhenCalcIsGone() throws Exception {
		LoopbackOnlyNetwork.require();
		requireChromium();
		this.processes = new AppProcesses(this.directory);
		this.processes.start("time-1", System.getProperty("time.jar"), "--server.port=0");
		this.processes.start("time-2", System.getProperty("time.jar"), "--server.port=0");
		Process calc1 = this.processes.start("calc-1", System.getProperty("calc.jar"), "--server.port=0");
		Process calc2 = this.processes.start("calc-2", System.getProperty("calc.jar"), "--server.port=0");
		int port = AppProcesses.freePort();
		Process portal = this.processes.start("portal", System.getProperty("portal.jar"), "--server.port=" + port);
		HttpProbe http = new HttpProbe();
		await().atMost(PATIENCE)
			.failFast("the portal exited, see " + this.processes.log("portal"), () -> !portal.isAlive())
			.until(() -> http.get("http://127.0.0.1:" + port + "/healthz") != null);

		this.browser = chromium();
		this.browser.get("http://127.0.0.1:" + port + "/");
		WebDriverWait wait = new WebDriverWait(this.browser, PATIENCE);
		// The page renders its rows anew every 2 s: an element found just before may be
		// gone.
		wait.ignoring(StaleElementReferenceException.class);
		wait.until((page) -> rows("calc").size() == 2 && rows("time").size() == 2);
		List<String> calcInstances = wait
			.until((page) -> rows("calc").stream().map((row) -> row.getAttribute("data-instance")).toList());
		assertThat(calcInstances).doesNotHaveDuplicates().allMatch((instance) -> instance.startsWith("127.0.0.1:"));
		wait.until((page) -> rows("calc").stream().allMatch((row) -> row.getText().endsWith("0.1.0-SNAPSHOT demo UP")));

		submit("expression", "(2+6)*3", "calc-form");
		wait.until((page) -> text("calc-result").equals("24"));
		String answeredBy = text("calc-instance");
		assertThat(answeredBy).startsWith("answered by calc at ");
		String instance = answeredBy.substring("answered by calc at ".length());
		assertThat(calcInstances).contains(instance);
		wait.until((page) -> this.browser
			.findElement(By.cssSelector("tr.instance[data-service=calc][data-instance='" + instance + "']"))
			.getAttribute("class")
			.contains("answered"));

		LocalTime before = LocalTime.now().withSecond(0).withNano(0);
		submit("format", "15:04", "time-form");
		wait.until((page) -> text("time-result").matches("\\d\\d:\\d\\d"));
		LocalTime shown = LocalTime.parse(text("time-result"), DateTimeFormatter.ofPattern("HH:mm"));
		assertThat(shown).isBetween(before, LocalTime.now().plusMinutes(1));
		assertThat(text("time-instance")).startsWith("answered by time at 127.0.0.1:");

		submit("expression", "2+*3", "calc-form");
		wait.until((page) -> text("calc-result").equals("Expected a number or '(' but found '*' at position 3"));
		submit("format", "hello", "time-form");
		wait.until((page) -> text("time-result").startsWith("Layout 'hello' has nothing to format"));

		calc1.destroy();
		calc2.destroy();
		assertThat(calc1.waitFor(30, TimeUnit.SECONDS) && calc2.waitFor(30, TimeUnit.SECONDS)).isTrue();
		submit("expression", "1+1", "calc-form");
		wait.until((page) -> text("calc-result").startsWith("No instance of 'calc' is registered"));
		wait.until((page) -> rows("calc").isEmpty());
	}

	private List<WebElement> rows(String service) {
		return this.browser.findElements(By.cssSelector("tr.instance[data-service=" + service + "]"));
	}

	private String text(String id) {
		return this.browser.findElement(By.id(id)).getText();
	}

	private void submit(String field, String value, String form) {
		WebElement input = this.browser.findElement(By.id(field));
		input.clear();
		input.sendKeys(value);
		this.browser.findElement(By.cssSelector("#" + form + " button")).click();
	}

	private WebDriver chromium() {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--user-data-dir=" + this.directory.resolve("chromium"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.withLogFile(this.directory.resolve("chromedriver.log").toFile())
			.build();
		return new ChromeDriver(service, options);
	}

	private static void requireChromium() {
		if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
			return;
		}
		String reason = "The browser test needs Debian's chromium and chromium-driver (apt-get install -y chromium "
				+ "chromium-driver); .ci/run installs them";
		if ("true".equals(System.getenv("CI"))) {
			fail(reason);
		}
		Assumptions.abort(reason);
	}

}
