package io.precis.jobs.report;

import io.precis.jobs.report.ReportData.DocumentCost;
import io.precis.jobs.report.ReportData.Savings;
import io.precis.jobs.report.ReportData.TierUsage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Renders a {@link ReportData} as one self-contained HTML page: the headline figures, then spend
 * per feature over time, savings by technique, the tier mix and the costliest documents. The CSS is
 * inline and the charts are inline SVG drawn here, so the page needs no script, no font and no
 * network, and opens from a file or an e-mail attachment. Every text from the tables is escaped.
 * The same data always gives the same bytes.
 */
public final class HtmlReport {
  private static final String STYLESHEET = "/precis/report/report.css";

  private HtmlReport() {}

  /** The page, as a string. */
  public static String render(ReportData data) {
    Savings savings = data.savings();
    ReportFormat format = ReportFormat.of(data);
    String period = data.period().first() + " to " + data.period().last();
    StringBuilder page = new StringBuilder(64 * 1024);
    page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>precis report, ")
        .append(period)
        .append("</title>\n<style>\n")
        .append(stylesheet())
        .append("</style>\n</head>\n<body>\n<main>\n")
        .append("<header><h1>LLM spend and savings</h1><p class=\"period\">")
        .append(period)
        .append(" (")
        .append(data.period().days())
        .append(data.period().days() == 1 ? " UTC day" : " UTC days")
        .append(")</p></header>\n");
    headline(page, data, format);

    section(
        page,
        "spend",
        "Spend per feature over time",
        "What the LLM calls cost on each UTC day (llm_calls.cost_usd by the day of started_at),"
            + " stacked by feature, the costliest at the bottom. "
            + format.money(data.callSpend())
            + " over "
            + ReportFormat.count(data.calls())
            + " calls in the period."
            + spendNote(data, format));
    page.append(SpendChart.render(data, format)).append("</section>\n");

    section(
        page,
        "savings",
        "Savings by technique",
        "The "
            + ReportFormat.count(savings.jobs())
            + (savings.jobs() == 1 ? " job" : " jobs")
            + " that started in the period (job_costs), summed: what the calls would have cost"
            + " with every call on the baseline tier and no cleaning, what each technique took off"
            + " that, and the cost that was paid.");
    page.append(SavingsChart.render(savings, format)).append("</section>\n");

    section(
        page,
        "tiers",
        "Tier mix",
        "Each tier and model's share of the successful calls, of their tokens (input and output)"
            + " and of their cost, in the period (llm_calls).");
    page.append(TierMixChart.render(data.tiers(), format));
    tierTable(page, data.tiers(), format);
    page.append("</section>\n");

    section(
        page,
        "documents",
        "Costliest documents",
        "The "
            + ReportQueries.COSTLIEST_DOCUMENTS
            + " documents whose calls in the period cost the most (llm_calls by doc_id, named by"
            + " documents.uri); the share is of the period's "
            + format.money(data.callSpend())
            + ", and the bars are drawn against the costliest document.");
    documentTable(page, data.costliestDocuments(), data.callSpend(), format);
    page.append("</section>\n");

    page.append("<footer>Made by <code>precis report</code>. Amounts in US dollars, rounded to ")
        .append(format.decimals())
        .append(
            " decimals; the exact amounts are in the data-usd attributes. the section 'The report'")
        .append(
            " of docs/costs.md says how each figure is computed.</footer>\n</main>\n</body>\n</html>\n");
    return page.toString();
  }

  private static void headline(StringBuilder page, ReportData data, ReportFormat format) {
    Savings savings = data.savings();
    page.append("<section id=\"headline\" class=\"cards\">\n");
    card(
        page,
        "cost",
        "Cost",
        format.money(savings.cost()),
        savings.cost(),
        ReportFormat.count(savings.jobs()) + (savings.jobs() == 1 ? " job" : " jobs"));
    card(
        page,
        "baseline",
        "All-premium baseline",
        format.money(savings.baseline()),
        savings.baseline(),
        "every call on the baseline tier");
    card(
        page,
        "saving",
        "Saving",
        savings.percent().map(ReportFormat::percent).orElse("n/a"),
        savings.total(),
        format.money(savings.total()) + " less than the baseline");
    card(
        page,
        "calls",
        "LLM calls",
        ReportFormat.count(data.calls()),
        data.callSpend(),
        ReportFormat.count(data.failedCalls()) + " failed");
    page.append("</section>\n");
  }

  private static void card(
      StringBuilder page, String id, String label, String value, BigDecimal exact, String note) {
    page.append("<div class=\"card\" id=\"headline-")
        .append(id)
        .append("\"><div class=\"label\">")
        .append(Html.escape(label))
        .append("</div><div class=\"value\" data-usd=\"")
        .append(exact.toPlainString())
        .append("\">")
        .append(Html.escape(value))
        .append("</div><div class=\"note\">")
        .append(Html.escape(note))
        .append("</div></div>\n");
  }

  private static void section(StringBuilder page, String id, String title, String caption) {
    page.append("<section id=\"")
        .append(id)
        .append("\">\n<h2>")
        .append(Html.escape(title))
        .append("</h2>\n<p class=\"caption\">")
        .append(Html.escape(caption))
        .append("</p>\n");
  }

  /** Why the calls and the jobs of one period can disagree, when they do. */
  private static String spendNote(ReportData data, ReportFormat format) {
    if (data.callSpend().compareTo(data.savings().cost()) == 0) {
      return "";
    }
    return " The jobs of the period (job_costs) cost "
        + format.money(data.savings().cost())
        + ": a run that failed after writing its calls has no job_costs row, and a run's calls"
        + " can fall on other days than its start.";
  }

  private static void tierTable(StringBuilder page, List<TierUsage> tiers, ReportFormat format) {
    BigDecimal total = ReportData.sum(tiers.stream().map(TierUsage::cost));
    page.append("<table class=\"numbers\">\n<thead><tr><th>Tier</th><th>Model</th>")
        .append("<th>Calls</th><th>Failed</th><th>Input tokens</th><th>Output tokens</th>")
        .append("<th>Cost</th><th>Share of cost</th></tr></thead>\n<tbody>\n");
    for (TierUsage tier : tiers) {
      page.append("<tr><td>")
          .append(Html.escape(tier.tier()))
          .append("</td><td>")
          .append(Html.escape(tier.modelKey()))
          .append("</td><td>")
          .append(ReportFormat.count(tier.calls()))
          .append("</td><td>")
          .append(ReportFormat.count(tier.failedCalls()))
          .append("</td><td>")
          .append(ReportFormat.count(tier.inputTokens()))
          .append("</td><td>")
          .append(ReportFormat.count(tier.outputTokens()))
          .append("</td><td data-usd=\"")
          .append(tier.cost().toPlainString())
          .append("\">")
          .append(format.money(tier.cost()))
          .append("</td><td>")
          .append(ReportFormat.percent(ReportFormat.share(tier.cost(), total)))
          .append("</td></tr>\n");
    }
    page.append("</tbody>\n</table>\n");
  }

  private static void documentTable(
      StringBuilder page, List<DocumentCost> documents, BigDecimal spend, ReportFormat format) {
    if (documents.isEmpty()) {
      page.append(
          "<p class=\"empty\">No document had a call that cost anything in this period.</p>\n");
      return;
    }
    page.append("<table class=\"numbers documents\">\n<thead><tr><th>#</th><th>Document</th>")
        .append("<th>Status</th><th>Calls</th><th>Tokens</th><th>Cost</th><th>Share</th>")
        .append("</tr></thead>\n<tbody>\n");
    int rank = 0;
    BigDecimal costliest =
        documents.stream().map(DocumentCost::cost).reduce(BigDecimal.ZERO, BigDecimal::max);
    for (DocumentCost document : documents) {
      BigDecimal share = ReportFormat.share(document.cost(), spend);
      page.append("<tr><td>")
          .append(++rank)
          .append("</td><td class=\"uri\" title=\"doc_id ")
          .append(Html.escape(document.docId()))
          .append("\">")
          .append(Html.escape(document.uri().orElse("doc_id " + document.docId())))
          .append("</td><td>")
          .append(Html.escape(document.status().orElse("")))
          .append("</td><td>")
          .append(ReportFormat.count(document.calls()))
          .append("</td><td>")
          .append(ReportFormat.count(document.tokens()))
          .append("</td><td data-usd=\"")
          .append(document.cost().toPlainString())
          .append("\">")
          .append(format.money(document.cost()))
          .append(
              "</td><td class=\"share\"><span class=\"track\"><span class=\"bar\" style=\"width:")
          .append(barWidth(ReportFormat.share(document.cost(), costliest)))
          .append("%\"></span></span> ")
          .append(ReportFormat.percent(share))
          .append("</td></tr>\n");
    }
    page.append("</tbody>\n</table>\n");
  }

  /** A percentage as the width of a bar, between 0 and 100. */
  private static String barWidth(BigDecimal share) {
    return share
        .max(BigDecimal.ZERO)
        .min(BigDecimal.valueOf(100))
        .setScale(1, RoundingMode.HALF_EVEN)
        .toPlainString();
  }

  private static String stylesheet() {
    try (InputStream in = HtmlReport.class.getResourceAsStream(STYLESHEET)) {
      if (in == null) {
        throw new IllegalStateException(STYLESHEET + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + STYLESHEET, e);
    }
  }
}
