package io.precis.chunking;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.chunking.parse.ParseOutcome;
import io.precis.chunking.source.LocalDocumentSource;
import io.precis.core.config.ConfigLoader;
import io.precis.core.config.PrecisSettings;
import io.precis.core.model.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentPipelineTest {
  private static final PrecisSettings SETTINGS =
      PrecisSettings.from(
          ConfigLoader.load(
              Optional.empty(), List.of("chunking.max-tokens=64", "parsing.isolation=none")));

  @TempDir Path directory;

  private DocumentPipeline.ProcessedDocument process(Path file) {
    LocalDocumentSource source = new LocalDocumentSource(List.of(file));
    try (DocumentPipeline pipeline = new DocumentPipeline(source, SETTINGS)) {
      return pipeline.process(source.list().get(0));
    }
  }

  @Test
  void parsedTextBecomesChunksOfTheDocument() throws IOException {
    Path file = directory.resolve("policy.md");
    Files.writeString(
        file, "# Travel\n\n" + "Trains are booked for trips under four hours. ".repeat(30));

    DocumentPipeline.ProcessedDocument processed = process(file);

    assertThat(processed.outcome()).isInstanceOf(ParseOutcome.Parsed.class);
    assertThat(processed.chunks().size()).isGreaterThan(1);
    assertThat(processed.chunks())
        .allSatisfy(c -> assertThat(c.docId()).isEqualTo(processed.outcome().document().docId()))
        .allSatisfy(c -> assertThat(c.tokens()).isLessThanOrEqualTo(64));
  }

  @Test
  void cleaningRemovesRunningFootersAndCountsTheTokensItSaved() throws IOException {
    Path file = directory.resolve("report.txt");
    List<String> bodies =
        List.of(
            "Rotterdam handled most of the inbound containers this week.",
            "The Gothenburg hub opened its second cross-dock on Tuesday.",
            "Driver overtime fell after the new rota was introduced.",
            "Two claims for damaged pallets were settled with the insurer.",
            "The tracking portal had no outage in the period.",
            "Section 6 reports depot volumes, which the auditors checked.");
    StringBuilder text = new StringBuilder();
    for (int page = 1; page <= 6; page++) {
      text.append("Quillmoor Logistics - Confidential\n\n")
          .append(bodies.get(page - 1))
          .append("\n\n")
          .append("Page ")
          .append(page)
          .append(" of 6\n\n");
    }
    Files.writeString(file, text);

    DocumentPipeline.ProcessedDocument processed = process(file);

    String chunked =
        processed.chunks().stream().map(c -> c.text()).reduce("", (a, b) -> a + "\n" + b);
    assertThat(chunked).containsOnlyOnce("Quillmoor Logistics - Confidential");
    assertThat(chunked).containsOnlyOnce("Page 1 of 6").doesNotContain("Page 2 of 6");
    assertThat(chunked).contains("Section 6 reports depot volumes");
    assertThat(processed.cleaning().removedLines()).isEqualTo(10);
    assertThat(processed.cleaning().removedTokens()).isPositive();
    // The removed tokens are the tokens of the removed lines: five headers, five footers.
    var tokens = io.precis.chunking.chunk.JtokkitTokenCounter.forEncoding("o200k_base");
    String removed =
        ("Quillmoor Logistics - Confidential\n".repeat(5)
                + "Page 2 of 6\nPage 3 of 6\nPage 4 of 6\nPage 5 of 6\nPage 6 of 6")
            .strip();
    assertThat(processed.cleaning().removedTokens()).isLessThanOrEqualTo(tokens.count(removed) + 2);
    assertThat(processed.cleaning().removedTokens())
        .isGreaterThanOrEqualTo(tokens.count(removed) - 2);
    assertThat(processed.cleaning().tokensAfter())
        .isEqualTo(processed.chunks().stream().mapToInt(c -> c.tokens()).sum());
  }

  @Test
  void textOfOnlyInvisibleCharactersIsAnEmptyTextFailureNotASilentPartialJob() throws IOException {
    Path file = directory.resolve("blank.txt");
    Files.writeString(file, "\u00A0\u00A0\n\u00A0 \u00A0\n");

    DocumentPipeline.ProcessedDocument processed = process(file);

    assertThat(processed.chunks()).isEmpty();
    ParseOutcome.Failed failed = (ParseOutcome.Failed) processed.outcome();
    assertThat(failed.code()).isEqualTo(ErrorCode.EMPTY_TEXT);
    assertThat(failed.message()).isEqualTo("the document holds no visible text");
  }
}
