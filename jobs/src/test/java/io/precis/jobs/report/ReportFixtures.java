package io.precis.jobs.report;

import io.precis.jobs.report.ReportData.DailySpend;
import io.precis.jobs.report.ReportData.DocumentCost;
import io.precis.jobs.report.ReportData.Period;
import io.precis.jobs.report.ReportData.Savings;
import io.precis.jobs.report.ReportData.TierUsage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Hand-built report data: eight weeks of three features, with amounts at the money scale. */
final class ReportFixtures {
  static final LocalDate LAST_DAY = LocalDate.of(2025, 3, 2);
  static final String HOSTILE_URI = "s3://inbox/<script>alert('pwned')</script>&x=\"1\".pdf";

  private ReportFixtures() {}

  static BigDecimal usd(String amount) {
    return new BigDecimal(amount).setScale(12);
  }

  /** 56 days; every third day without contract-review, weekends without kb-refresh. */
  static ReportData eightWeeks() {
    Period period = Period.endingOn(LAST_DAY, 56);
    List<DailySpend> spend = new ArrayList<>();
    int index = 0;
    for (LocalDate day : period.dates()) {
      spend.add(
          new DailySpend(
              day,
              "support-digest",
              40 + index,
              usd("1.2").add(usd("0.013").multiply(BigDecimal.valueOf(index)))));
      if (index % 3 != 0) {
        spend.add(
            new DailySpend(
                day,
                "contract-review",
                12,
                usd("0.75").add(usd("0.000000000001").multiply(BigDecimal.valueOf(index)))));
      }
      if (day.getDayOfWeek().getValue() < 6) {
        spend.add(new DailySpend(day, "kb-refresh", 7, usd("0.3125")));
      }
      index++;
    }
    Savings savings =
        new Savings(
            17,
            sum(spend),
            usd("912.445"),
            usd("801.625").subtract(sum(spend)),
            usd("110.82"),
            BigDecimal.ZERO.setScale(12),
            BigDecimal.ZERO.setScale(12));
    List<TierUsage> tiers =
        List.of(
            new TierUsage(
                "premium", "openai", "gpt-4o", 310, 2, 402_118, 88_002, usd("55.003310000001")),
            new TierUsage(
                "cheap",
                "ollama",
                "llama3.2:3b",
                2_914,
                9,
                3_120_554,
                801_774,
                sum(spend).subtract(usd("55.003310000001"))));
    List<DocumentCost> documents = new ArrayList<>();
    documents.add(
        new DocumentCost(
            "d0", Optional.of(HOSTILE_URI), Optional.of("SUMMARIZED"), 41, 90_210, usd("3.5")));
    for (int i = 1; i < 10; i++) {
      documents.add(
          new DocumentCost(
              "d" + i,
              Optional.of("file:///data/contracts/2025/master-services-agreement-" + i + ".pdf"),
              Optional.of(i == 4 ? "PARSED" : "SUMMARIZED"),
              30 - i,
              60_000 - i * 1_000,
              usd("3").subtract(usd("0.25").multiply(BigDecimal.valueOf(i)))));
    }
    documents.set(
        9, new DocumentCost("d9", Optional.empty(), Optional.empty(), 3, 1_200, usd("0.4")));
    return new ReportData(period, spend, savings, tiers, documents);
  }

  /** A period without a single call or job. */
  static ReportData empty() {
    BigDecimal zero = BigDecimal.ZERO.setScale(12);
    return new ReportData(
        Period.endingOn(LAST_DAY, 56),
        List.of(),
        new Savings(0, zero, zero, zero, zero, zero, zero),
        List.of(),
        List.of());
  }

  static BigDecimal sum(List<DailySpend> spend) {
    return spend.stream().map(DailySpend::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
