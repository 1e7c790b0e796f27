package io.precis.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.assertj.core.api.SoftAssertions;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page of {@code precis report}, opened from a file in headless Chromium as a reader would open
 * it: Chromium's screenshot shows every chart in its series' colors, each in its own section, and
 * the DOM after loading has the sections, headings and charts of the page that was written.
 *
 * <p>The build runs {@code src/test/scripts/ensure-chromium.sh} first, which finds chromium,
 * chromium-browser or google-chrome on PATH or installs Debian's chromium. The screenshot is copied
 * to {@code target/report-chromium.png} (the page beside it as {@code .html}) for a human to look
 * at.
 */
class ReportChromiumIT {
  private static final List<String> BROWSERS =
      List.of("chromium", "chromium-browser", "google-chrome");
  private static final int WIDTH = 1280;
  private static final int HEIGHT = 2400;
  private static final long TIMEOUT_SECONDS = 60;

  /** The sections of the page, top to bottom. */
  private static final List<String> SECTIONS =
      List.of("headline", "spend", "savings", "tiers", "documents");

  /** The sections with a chart, and the id of its SVG. */
  private static final Map<String, String> CHARTS = new LinkedHashMap<>();

  static {
    CHARTS.put("spend", "spend-chart");
    CHARTS.put("savings", "savings-chart");
    CHARTS.put("tiers", "tier-chart");
  }

  private static final ReportData DATA = ReportFixtures.eightWeeks();
  private static final String PAGE = HtmlReport.render(DATA);
  private static final Document SOURCE = Jsoup.parse(PAGE);

  @TempDir static Path directory;

  private static BufferedImage screenshot;
  private static int[] pixels;
  private static Document dom;

  /** Writes the page, has Chromium lay it out, and keeps its screenshot and DOM. */
  @BeforeAll
  static void openThePageInChromium() throws Exception {
    Path page = directory.resolve("report.html");
    Files.writeString(page, PAGE, StandardCharsets.UTF_8);
    Path png = directory.resolve("report.png");
    Path out = directory.resolve("chromium.out");
    Path err = directory.resolve("chromium.err");
    List<String> command =
        List.of(
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--disable-dev-shm-usage",
            "--force-color-profile=srgb",
            "--force-device-scale-factor=1",
            "--no-first-run",
            "--user-data-dir=" + Files.createDirectory(directory.resolve("profile")),
            "--window-size=" + WIDTH + "," + HEIGHT,
            "--screenshot=" + png,
            "--dump-dom",
            page.toUri().toString());
    Process process =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!finished) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    String stderr = read(err);
    String why = String.join(" ", command) + "\nChromium's stderr:\n" + stderr;
    assertThat(finished).as("Chromium finished within %d s: %s", TIMEOUT_SECONDS, why).isTrue();
    assertThat(process.exitValue()).as("Chromium's exit code: %s", why).isZero();
    assertThat(png).as("Chromium's screenshot: %s", why).isNotEmptyFile();

    Path keep =
        Path.of(System.getProperty("precis.reportScreenshot", "target/report-chromium.png"));
    Files.createDirectories(keep.toAbsolutePath().getParent());
    Files.copy(png, keep, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(
        page,
        keep.resolveSibling(keep.getFileName().toString().replaceFirst("\\.png$", "") + ".html"),
        StandardCopyOption.REPLACE_EXISTING);
    System.out.println("Screenshot of the report page in Chromium: " + keep.toAbsolutePath());

    screenshot = ImageIO.read(png.toFile());
    assertThat(screenshot).as("the screenshot decodes as an image: %s", why).isNotNull();
    assertThat(new int[] {screenshot.getWidth(), screenshot.getHeight()})
        .as("the screenshot's size: %s", why)
        .containsExactly(WIDTH, HEIGHT);
    pixels = screenshot.getRGB(0, 0, WIDTH, HEIGHT, null, 0, WIDTH);
    dom = Jsoup.parse(read(out));
    assertThat(dom.select("main")).as("the DOM Chromium dumped: %s", why).hasSize(1);
  }

  @Test
  void theScreenshotHasTheWindowsSizeAndIsNotOfOneColor() {
    assertThat(screenshot.getWidth()).isEqualTo(WIDTH);
    assertThat(screenshot.getHeight()).isEqualTo(HEIGHT);
    Set<Integer> colors = new HashSet<>();
    for (int y = 0; y < HEIGHT; y += 2) {
      for (int x = 0; x < WIDTH; x += 2) {
        colors.add(rgb(x, y));
      }
    }
    // Antialiased text and chart edges give many shades.
    assertThat(colors).hasSizeGreaterThan(100);
    assertThat(colors).contains(cssColor("body"), cssColor("section"));
  }

  @Test
  void theDomAfterLoadingHasTheSectionsHeadingsAndChartsOfThePage() {
    assertThat(dom.title()).isEqualTo(SOURCE.title()).startsWith("precis report, ");
    assertThat(dom.select("main > section").eachAttr("id")).containsExactlyElementsOf(SECTIONS);
    assertThat(dom.select("main > section > h2").eachText())
        .containsExactly(
            "Spend per feature over time",
            "Savings by technique",
            "Tier mix",
            "Costliest documents");
    for (Map.Entry<String, String> chart : CHARTS.entrySet()) {
      Element svg = dom.selectFirst("section#" + chart.getKey() + " > svg#" + chart.getValue());
      Element written = SOURCE.selectFirst("svg#" + chart.getValue());
      assertThat(svg).as(chart.getValue()).isNotNull();
      assertThat(svg.attr("viewBox")).as(chart.getValue()).isEqualTo(written.attr("viewBox"));
      for (String shape : List.of("rect", "text", "line", "title")) {
        assertThat(svg.select(shape))
            .as("%s in %s", shape, chart.getValue())
            .hasSameSizeAs(written.select(shape));
      }
      assertThat(svg.select("rect")).as(chart.getValue()).hasSizeGreaterThan(5);
    }
    assertThat(dom.select("svg")).hasSize(CHARTS.size());
    assertThat(dom.select("section#documents tbody tr")).hasSize(10);
  }

  /**
   * The sections are boxes of the section background on the page background, so the rows holding
   * that color make up one band per section, in the order of the page; each band holds text.
   */
  @Test
  void eachSectionIsABoxWithTextAndThePageEndsWithinTheWindow() {
    List<int[]> bands = sectionBands();
    assertThat(bands).as("bands of rows %s", describe(bands)).hasSameSizeAs(SECTIONS);
    for (int i = 0; i < SECTIONS.size(); i++) {
      assertThat(darkPixels(bands.get(i)[0], bands.get(i)[1]))
          .as("dark (text) pixels in section %s", SECTIONS.get(i))
          .isGreaterThan(500);
    }
    // The footer's text under the last section, then nothing but the page's background.
    int background = cssColor("body");
    int end = bands.get(bands.size() - 1)[1];
    long footer = (long) (HEIGHT - end) * WIDTH - pixelsOf(background, end, HEIGHT);
    assertThat(footer).as("pixels of the footer's text under the last section").isGreaterThan(1000);
    for (int y = HEIGHT - 100; y < HEIGHT; y++) {
      for (int x = 0; x < WIDTH; x++) {
        if (rgb(x, y) != background) {
          fail(
              "the page does not end within the %dx%d window: pixel (%d, %d) is %06x",
              WIDTH, HEIGHT, x, y, rgb(x, y));
        }
      }
    }
  }

  /**
   * In each chart's section, the color of each series covers about the area of that color's bars in
   * the chart's SVG: the bars are drawn, at about their size (the chart is scaled down slightly to
   * fit its section), in the colors the SVG gives them.
   */
  @Test
  void everyChartsSeriesColorsCoverAboutTheAreaOfTheirBarsInTheirOwnSection() {
    List<int[]> bands = sectionBands();
    assertThat(bands).as("bands of rows %s", describe(bands)).hasSameSizeAs(SECTIONS);
    List<String> report = new ArrayList<>();
    SoftAssertions softly = new SoftAssertions();
    for (Map.Entry<String, String> chart : CHARTS.entrySet()) {
      int[] band = bands.get(SECTIONS.indexOf(chart.getKey()));
      Map<Integer, Double> areas = barAreas(SOURCE.selectFirst("svg#" + chart.getValue()));
      assertThat(areas).as("series colors of %s", chart.getValue()).hasSizeGreaterThan(1);
      for (Map.Entry<Integer, Double> area : areas.entrySet()) {
        long count = pixelsOf(area.getKey(), band[0], band[1]);
        report.add(
            String.format(
                "%s #%06x: %d pixels for %.0f of bars",
                chart.getValue(), area.getKey(), count, area.getValue()));
        softly
            .assertThat(count)
            .as("pixels of #%06x in section %s", area.getKey(), chart.getKey())
            .isGreaterThan(300)
            .isBetween(Math.round(0.7 * area.getValue()), Math.round(1.1 * area.getValue()) + 600);
      }
    }
    System.out.println(String.join("\n", report));
    softly.assertAll();
  }

  /** The area of the bars (the shapes with a title) of each fill color, in the SVG's units. */
  private static Map<Integer, Double> barAreas(Element svg) {
    Map<Integer, Double> areas = new LinkedHashMap<>();
    for (Element rect : svg.select("rect:has(title)")) {
      double area =
          Double.parseDouble(rect.attr("width")) * Double.parseDouble(rect.attr("height"));
      areas.merge(color(rect.attr("fill")), area, Double::sum);
    }
    return areas;
  }

  /**
   * Runs of rows, as [first, end), in which the section background shows: the page background
   * between two sections and their one-pixel borders separate them.
   */
  private static List<int[]> sectionBands() {
    int section = cssColor("section");
    List<int[]> bands = new ArrayList<>();
    int start = -1;
    for (int y = 0; y <= HEIGHT; y++) {
      boolean inside = y < HEIGHT && pixelsOf(section, y, y + 1) >= 16;
      if (inside && start < 0) {
        start = y;
      } else if (!inside && start >= 0) {
        if (y - start >= 20) {
          bands.add(new int[] {start, y});
        }
        start = -1;
      }
    }
    return bands;
  }

  private static long pixelsOf(int color, int fromRow, int toRow) {
    long count = 0;
    for (int y = fromRow; y < toRow; y++) {
      for (int x = 0; x < WIDTH; x++) {
        if (rgb(x, y) == color) {
          count++;
        }
      }
    }
    return count;
  }

  /** Pixels of text (or lines) dark on a light background. */
  private static long darkPixels(int fromRow, int toRow) {
    long count = 0;
    for (int y = fromRow; y < toRow; y++) {
      for (int x = 0; x < WIDTH; x++) {
        int rgb = rgb(x, y);
        if (Math.max(rgb >> 16, Math.max((rgb >> 8) & 0xff, rgb & 0xff)) < 0x80) {
          count++;
        }
      }
    }
    return count;
  }

  private static int rgb(int x, int y) {
    return pixels[y * WIDTH + x] & 0xffffff;
  }

  /** The background color the page's stylesheet gives to the rule for {@code selector}. */
  private static int cssColor(String selector) {
    Matcher rule =
        Pattern.compile("(?m)^" + Pattern.quote(selector) + " \\{[^}]*?background: (#[0-9a-f]+)")
            .matcher(SOURCE.select("style").html());
    if (!rule.find()) {
      throw new IllegalStateException("the stylesheet gives " + selector + " no background");
    }
    return color(rule.group(1));
  }

  /** #rgb or #rrggbb as 0xrrggbb. */
  private static int color(String hex) {
    String digits = hex.substring(1);
    if (digits.length() == 3) {
      digits = digits.replaceAll("(.)", "$1$1");
    }
    if (!hex.startsWith("#") || digits.length() != 6) {
      throw new IllegalArgumentException("not a #rrggbb color: " + hex);
    }
    return Integer.parseInt(digits, 16);
  }

  private static String describe(List<int[]> bands) {
    return bands.stream().map(b -> "[" + b[0] + ", " + b[1] + ")").toList().toString();
  }

  /** Chromium, chromium-browser or google-chrome on PATH, in this order, as the script looks. */
  private static String chromium() {
    for (String name : BROWSERS) {
      for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        Path candidate = Path.of(directory.isEmpty() ? "." : directory, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate.toString();
        }
      }
    }
    return fail(
        "None of %s is on PATH. The build installs Debian's chromium at pre-integration-test"
            + " (jobs/src/test/scripts/ensure-chromium.sh); run that script, or install chromium"
            + " yourself: sudo apt-get install -y --no-install-recommends chromium",
        BROWSERS);
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
  }
}
