package io.precis.jobs.report;

import static io.precis.jobs.report.ReportFixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;

import io.precis.jobs.report.ReportData.DocumentCost;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TextSummaryTest {
  @Test
  void theFiguresOfThePageInAlignedLines() {
    String summary = TextSummary.render(ReportFixtures.eightWeeks());

    assertThat(summary)
        .startsWith("precis report: 2025-01-06 to 2025-03-02 (56 UTC days)\n")
        .contains(
            "\n  jobs                                               17\n",
            "\n  cost                                          $127.47\n",
            "\n  all-premium baseline                          $912.44\n",
            "\n  saving (86.0%)                                $784.97\n",
            "\n    routing to cheaper tiers                    $674.15\n",
            "\n    cleaning (tokens removed)                   $110.82\n",
            "\n  LLM calls (11 failed)                           3,235\n",
            "\n    support-digest                               $87.22\n",
            "\n    premium (openai/gpt-4o)                      $55.00  310 calls  490,120 tokens\n",
            "\n    ...ts/2025/master-services-agreement-1.pdf    $2.75  29 calls\n");
    // Every value column ends in the same place.
    List<String> lines =
        summary.lines().skip(1).filter(l -> l.matches(".*\\S\\s{2,}\\S+$")).toList();
    assertThat(lines).extracting(String::length).containsOnly(lines.get(0).length());
  }

  @Test
  void controlCharactersInNamesAreReplaced() {
    var data = ReportFixtures.eightWeeks();
    var withEscape =
        new ReportData(
            data.period(),
            data.dailySpend(),
            data.savings(),
            data.tiers(),
            List.of(
                new DocumentCost(
                    "d",
                    Optional.of("s3://b/\u001b[31mred\u0007.pdf"),
                    Optional.empty(),
                    1,
                    1,
                    usd("1"))));
    assertThat(TextSummary.render(withEscape))
        .doesNotContain("\u001b", "\u0007")
        .contains("s3://b/?[31mred?.pdf");
  }
}
