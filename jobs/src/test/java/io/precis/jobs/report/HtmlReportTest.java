package io.precis.jobs.report;

import static io.precis.jobs.report.ReportFixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;

import io.precis.jobs.report.ReportData.DailySpend;
import io.precis.jobs.report.ReportData.DocumentCost;
import io.precis.jobs.report.ReportData.Period;
import io.precis.jobs.report.ReportData.Savings;
import io.precis.jobs.report.ReportData.TierUsage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The page, parsed back with an HTML5 parser (jsoup) as a browser would parse it: its sections and
 * charts, its figures against the data's exact sums, its escaping, and that it fetches nothing.
 */
class HtmlReportTest {
  private static final ReportData DATA = ReportFixtures.eightWeeks();
  private static final String PAGE = HtmlReport.render(DATA);
  private static final Document DOM = Jsoup.parse(PAGE);

  @Test
  void theHeadlineAndTheFourSectionsAreThereEachWithItsChartOrTable() {
    assertThat(DOM.select("main > section").eachAttr("id"))
        .containsExactly("headline", "spend", "savings", "tiers", "documents");
    assertThat(DOM.select("section#spend > svg#spend-chart")).hasSize(1);
    assertThat(DOM.select("section#savings > svg#savings-chart")).hasSize(1);
    assertThat(DOM.select("section#tiers > svg#tier-chart")).hasSize(1);
    assertThat(DOM.select("section#documents > table tbody tr")).hasSize(10);
    assertThat(DOM.select("section h2").eachText())
        .containsExactly(
            "Spend per feature over time",
            "Savings by technique",
            "Tier mix",
            "Costliest documents");
    assertThat(DOM.select("header .period").text())
        .isEqualTo("2025-01-06 to 2025-03-02 (56 UTC days)");
  }

  @Test
  void theSpendChartHasOneBarPerDayAndFeatureWithSpendAndBothAxes() {
    Element chart = DOM.selectFirst("svg#spend-chart");
    long bars = DATA.dailySpend().stream().filter(s -> s.cost().signum() > 0).count();
    assertThat(chart.select("rect")).hasSize((int) bars);
    assertThat(chart.select("rect > title").first().text())
        .isEqualTo("2025-01-06 support-digest: $1.20");
    // A money axis from $0 with round steps, and a date label every week ending on the last day.
    assertThat(chart.select("text.tick[text-anchor=end]").eachText())
        .containsExactly("$0", "$1", "$2", "$3");
    List<String> dates = chart.select("text.tick[text-anchor=middle]").eachText();
    assertThat(dates).contains("Mar 2", "Feb 23", "Jan 12").hasSize(8).doesNotHaveDuplicates();
    assertThat(DOM.select("section#spend .legend li").eachText())
        .containsExactly("support-digest $87.22", "contract-review $27.75", "kb-refresh $12.50");
  }

  @Test
  void dateLabelsLeaveRoomForEachOtherAtAnyPeriodLength() {
    for (int days : new int[] {1, 2, 7, 14, 30, 56, 90, 365, 366}) {
      ReportData data =
          new ReportData(
              Period.endingOn(ReportFixtures.LAST_DAY, days),
              List.of(new DailySpend(ReportFixtures.LAST_DAY, "f", 1, usd("1"))),
              DATA.savings(),
              DATA.tiers(),
              List.of());
      Element chart = Jsoup.parse(HtmlReport.render(data)).selectFirst("svg#spend-chart");
      List<Double> positions =
          chart.select("text.tick[text-anchor=middle]").eachAttr("x").stream()
              .map(Double::valueOf)
              .sorted()
              .toList();
      assertThat(positions).as("%d days", days).isNotEmpty();
      for (int i = 1; i < positions.size(); i++) {
        assertThat(positions.get(i) - positions.get(i - 1)).as("%d days", days).isGreaterThan(60);
      }
      assertThat(positions.get(0)).as("%d days", days).isGreaterThan(70); // right of the $ labels
    }
  }

  @Test
  void theFiguresAreTheDatasExactSums() {
    Savings savings = DATA.savings();
    BigDecimal spend = ReportFixtures.sum(DATA.dailySpend());
    assertThat(exact("#headline-cost .value")).isEqualTo(savings.cost());
    assertThat(exact("#headline-baseline .value")).isEqualTo(savings.baseline());
    assertThat(exact("#headline-saving .value"))
        .isEqualTo(savings.baseline().subtract(savings.cost()));
    assertThat(exact("#headline-calls .value")).isEqualTo(spend);
    assertThat(DOM.select("#headline-calls .value").text()).isEqualTo("3,235");
    assertThat(DOM.select("#headline-saving .value").text()).isEqualTo("86.0%");
    assertThat(DOM.select("#headline-cost .value").text()).isEqualTo("$127.47");

    Map<String, BigDecimal> byFeature =
        DATA.dailySpend().stream()
            .collect(
                Collectors.groupingBy(
                    DailySpend::feature,
                    Collectors.reducing(BigDecimal.ZERO, DailySpend::cost, BigDecimal::add)));
    List<BigDecimal> legend =
        DOM.select("section#spend .legend .amount").eachAttr("data-usd").stream()
            .map(BigDecimal::new)
            .toList();
    assertThat(legend)
        .containsExactly(
            byFeature.get("support-digest"),
            byFeature.get("contract-review"),
            byFeature.get("kb-refresh"));
    assertThat(legend.stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualTo(spend);
    assertThat(byFeature.get("contract-review").toPlainString()).isEqualTo("27.750000001027");

    assertThat(
            DOM.select("section#tiers td[data-usd]").eachAttr("data-usd").stream()
                .map(BigDecimal::new)
                .toList())
        .containsExactly(DATA.tiers().get(0).cost(), DATA.tiers().get(1).cost());
    assertThat(
            DOM.select("section#documents td[data-usd]").eachAttr("data-usd").stream()
                .map(BigDecimal::new)
                .toList())
        .containsExactlyElementsOf(
            DATA.costliestDocuments().stream().map(DocumentCost::cost).toList());
  }

  @Test
  void theWaterfallGoesFromTheBaselineThroughEachTechniqueToTheCost() {
    Element chart = DOM.selectFirst("svg#savings-chart");
    assertThat(chart.select("text.label").eachText())
        .containsExactly(
            "All-premium baseline",
            "Routing to cheaper tiers",
            "Cleaning (tokens removed)",
            "Semantic cache",
            "Dedupe",
            "Cost paid");
    assertThat(chart.select("text.value").eachText())
        .containsExactly(
            "$912.44",
            "saves $674.15 (73.9% of baseline)",
            "saves $110.82 (12.1% of baseline)",
            "saves $0.00 (0.0% of baseline)",
            "saves $0.00 (0.0% of baseline)",
            "$127.47 (saved 86.0%)");
    // The bars chain: each starts where the one before ended, and the last one ends at the cost.
    List<Element> bars = chart.select("rect");
    double baselineEnd = right(bars.get(0));
    assertThat(right(bars.get(1))).isEqualTo(baselineEnd);
    assertThat(left(bars.get(1)))
        .isEqualTo(right(bars.get(2)), org.assertj.core.data.Offset.offset(0.11));
    assertThat(right(bars.get(5)))
        .isEqualTo(left(bars.get(2)), org.assertj.core.data.Offset.offset(0.11));
  }

  @Test
  void aTechniqueThatCostMoreThanItSavedAddsInRedAndAGapInTheColumnsShows() {
    Savings savings =
        new Savings(1, usd("2"), usd("1.5"), usd("-0.75"), usd("0.125"), usd("0"), usd("0"));
    ReportData data = new ReportData(DATA.period(), List.of(), savings, List.of(), List.of());
    Element chart = Jsoup.parse(HtmlReport.render(data)).selectFirst("svg#savings-chart");
    assertThat(chart.select("text.value").eachText())
        .contains("adds $0.7500 (50.0% of baseline)", "saves $0.1250 (8.3% of baseline)")
        .contains("saves $0.1250 (8.3% of baseline)")
        .last()
        .isEqualTo("$2.0000 (saved -33.3%)");
    assertThat(chart.select("text.label").eachText()).contains("Not attributed");
    assertThat(chart.select("rect").get(1).attr("fill")).isEqualTo("#e15759");
  }

  @Test
  void documentUrisAndFeatureNamesAreEscaped() {
    ReportData data =
        new ReportData(
            DATA.period(),
            List.of(
                new DailySpend(
                    ReportFixtures.LAST_DAY, "<img src=x onerror=alert(1)>", 1, usd("1"))),
            DATA.savings(),
            List.of(new TierUsage("cheap\"><b>", "ollama", "<i>m</i>", 1, 0, 10, 10, usd("1"))),
            DATA.costliestDocuments());
    String page = HtmlReport.render(data);
    Document dom = Jsoup.parse(page);

    assertThat(page).doesNotContain("<script", "<img", "<b>", "<i>");
    assertThat(dom.select("script, img, b, i")).isEmpty();
    assertThat(page)
        .contains(
            "s3://inbox/&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;&amp;x=&quot;1&quot;.pdf");
    assertThat(dom.select("section#documents td.uri").first().text())
        .isEqualTo(ReportFixtures.HOSTILE_URI);
    assertThat(dom.select("section#spend .legend li").first().ownText())
        .isEqualTo("<img src=x onerror=alert(1)>");
    assertThat(dom.select("section#tiers tbody td").first().text()).isEqualTo("cheap\"><b>");
    assertThat(dom.select("svg#spend-chart rect title").first().text())
        .isEqualTo("2025-03-02 <img src=x onerror=alert(1)>: $1.00");
  }

  @Test
  void aDocumentWithoutARowInDocumentsIsNamedByItsId() {
    Element last = DOM.select("section#documents tbody tr").last();
    assertThat(last.select("td.uri").text()).isEqualTo("doc_id d9");
    assertThat(last.select("td").get(2).text()).isEmpty();
  }

  @Test
  void documentBarsAreDrawnAgainstTheCostliestDocumentAndLabelledWithTheShareOfThePeriod() {
    List<Element> rows = DOM.select("section#documents tbody tr");
    // $3.50 is the costliest: a full bar, though only 2.7% of the period's $127.47.
    assertThat(rows.get(0).select("span.bar").attr("style")).isEqualTo("width:100.0%");
    assertThat(rows.get(0).select("td.share").text()).isEqualTo("2.7%");
    // $1.75 is half of it.
    assertThat(rows.get(5).select("span.bar").attr("style")).isEqualTo("width:50.0%");
    assertThat(rows.get(5).select("td.share").text()).isEqualTo("1.4%");
  }

  @Test
  void thePageFetchesNothingAndRunsNoScript() {
    assertThat(PAGE).doesNotContainIgnoringCase("http://").doesNotContainIgnoringCase("https://");
    assertThat(PAGE).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link");
    assertThat(PAGE).doesNotContainIgnoringCase("@import").doesNotContainIgnoringCase("url(");
    assertThat(PAGE).doesNotContainIgnoringCase("href").doesNotContainIgnoringCase("src=");
    assertThat(DOM.select("[src], [href], iframe, object, embed, img")).isEmpty();
    assertThat(DOM.select("style")).hasSize(1);
    assertThat(DOM.select("meta[charset]").attr("charset")).isEqualTo("utf-8");
  }

  @Test
  void theSameDataGivesTheSameBytes() {
    ReportData copy =
        new ReportData(
            DATA.period(),
            new ArrayList<>(DATA.dailySpend()),
            DATA.savings(),
            DATA.tiers(),
            DATA.costliestDocuments());
    assertThat(HtmlReport.render(copy)).isEqualTo(PAGE);
  }

  @Test
  void pastEightFeaturesTheCheapestAreGroupedAsOther() {
    List<DailySpend> spend = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      spend.add(
          new DailySpend(
              ReportFixtures.LAST_DAY,
              "feature-" + (char) ('a' + i),
              1,
              usd(String.valueOf(20 - i))));
    }
    ReportData data = new ReportData(DATA.period(), spend, DATA.savings(), DATA.tiers(), List.of());
    Document dom = Jsoup.parse(HtmlReport.render(data));
    List<String> legend = dom.select("section#spend .legend li").eachText();
    assertThat(legend).hasSize(8).startsWith("feature-a $20.00");
    assertThat(legend.get(7)).isEqualTo("other (5 features) $55.00");
    assertThat(dom.select("svg#spend-chart rect")).hasSize(8);
  }

  @Test
  void aPeriodWithoutCallsRendersEmptyChartsThatSaySo() {
    Document dom = Jsoup.parse(HtmlReport.render(ReportFixtures.empty()));
    assertThat(dom.select("svg#spend-chart text.empty").text())
        .isEqualTo("No LLM calls in this period");
    assertThat(dom.select("svg#tier-chart text.empty").text())
        .isEqualTo("No LLM calls in this period");
    assertThat(dom.select("#headline-saving .value").text()).isEqualTo("n/a");
    assertThat(dom.select("section#documents p.empty").text()).startsWith("No document had a call");
  }

  @Test
  void theTierMixSplitsCallsTokensAndCostByTier() {
    Element chart = DOM.selectFirst("svg#tier-chart");
    assertThat(chart.select("text.label").eachText()).containsExactly("Calls", "Tokens", "Cost");
    assertThat(chart.select("text.value").eachText())
        .containsExactly("3,224 calls", "4,412,448 tokens", "$127.47");
    // premium: 310 of 3,224 calls; 490,120 of 4,412,448 tokens; 55.0033 of 127.47 dollars.
    assertThat(chart.select("text.inside").eachText())
        .containsExactly("9.6%", "90.4%", "11.1%", "88.9%", "43.2%", "56.8%");
    assertThat(DOM.select("section#tiers .legend li").eachText())
        .containsExactly("premium (openai/gpt-4o)", "cheap (ollama/llama3.2:3b)");
  }

  private static BigDecimal exact(String selector) {
    return new BigDecimal(DOM.selectFirst(selector).attr("data-usd"));
  }

  private static double left(Element rect) {
    return Double.parseDouble(rect.attr("x"));
  }

  private static double right(Element rect) {
    return left(rect) + Double.parseDouble(rect.attr("width"));
  }
}
