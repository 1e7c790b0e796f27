package io.precis.jobs.report;

import io.precis.jobs.report.ReportData.DocumentCost;
import io.precis.jobs.report.ReportData.Savings;
import io.precis.jobs.report.ReportData.TierUsage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's figures as aligned lines for a terminal: the same numbers as the page, rounded the
 * same way. Names from the tables have their control characters replaced, so that a document name
 * cannot move the cursor or recolor the terminal.
 */
public final class TextSummary {
  private static final int MAX_LABEL = 44;
  private static final int DOCUMENTS = 3;

  private TextSummary() {}

  public static String render(ReportData data) {
    Savings savings = data.savings();
    ReportFormat format = ReportFormat.of(data);
    List<String[]> rows = new ArrayList<>();
    rows.add(row("jobs", ReportFormat.count(savings.jobs())));
    rows.add(row("cost", format.money(savings.cost())));
    rows.add(row("all-premium baseline", format.money(savings.baseline())));
    rows.add(
        row(
            "saving" + savings.percent().map(p -> " (" + ReportFormat.percent(p) + ")").orElse(""),
            format.money(savings.total())));
    rows.add(row("  routing to cheaper tiers", format.money(savings.routing())));
    rows.add(row("  cleaning (tokens removed)", format.money(savings.compression())));
    rows.add(row("  semantic cache", format.money(savings.cache())));
    rows.add(row("  dedupe", format.money(savings.dedupe())));
    if (savings.unattributed().signum() != 0) {
      rows.add(row("  not attributed", format.money(savings.unattributed())));
    }
    rows.add(
        row(
            "LLM calls (" + ReportFormat.count(data.failedCalls()) + " failed)",
            ReportFormat.count(data.calls())));
    rows.add(row("spend by feature", format.money(data.callSpend())));
    for (Map.Entry<String, BigDecimal> feature : data.spendByFeature().entrySet()) {
      rows.add(row("  " + feature.getKey(), format.money(feature.getValue())));
    }
    rows.add(row("cost by tier", ""));
    for (TierUsage tier : data.tiers()) {
      rows.add(
          row(
              "  " + tier.tier() + " (" + tier.modelKey() + ")",
              format.money(tier.cost()),
              ReportFormat.count(tier.calls()) + " calls",
              ReportFormat.count(tier.tokens()) + " tokens"));
    }
    List<DocumentCost> documents = data.costliestDocuments();
    if (!documents.isEmpty()) {
      rows.add(row("costliest documents", ""));
      for (DocumentCost document : documents.subList(0, Math.min(DOCUMENTS, documents.size()))) {
        rows.add(
            row(
                "  " + leftTrimmed(document.uri().orElse("doc_id " + document.docId())),
                format.money(document.cost()),
                ReportFormat.count(document.calls()) + " calls"));
      }
    }

    int labelWidth = 0;
    int valueWidth = 0;
    for (String[] row : rows) {
      labelWidth = Math.max(labelWidth, row[0].length());
      valueWidth = Math.max(valueWidth, row[1].length());
    }
    StringBuilder out = new StringBuilder();
    out.append("precis report: ")
        .append(data.period().first())
        .append(" to ")
        .append(data.period().last())
        .append(" (")
        .append(data.period().days())
        .append(" UTC days)\n");
    for (String[] row : rows) {
      StringBuilder line =
          new StringBuilder(
              String.format(
                  Locale.ROOT, "  %-" + labelWidth + "s  %" + valueWidth + "s", row[0], row[1]));
      for (int i = 2; i < row.length; i++) {
        line.append("  ").append(row[i]);
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static String[] row(String label, String... values) {
    String[] row = new String[values.length + 1];
    row[0] =
        printable(label.length() > MAX_LABEL ? label.substring(0, MAX_LABEL - 3) + "..." : label);
    System.arraycopy(values, 0, row, 1, values.length);
    return row;
  }

  /** The end of a long URI, which names the file, rather than its start. */
  private static String leftTrimmed(String uri) {
    int room = MAX_LABEL - 2;
    return uri.length() <= room ? uri : "..." + uri.substring(uri.length() - (room - 3));
  }

  private static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return out.toString();
  }
}
