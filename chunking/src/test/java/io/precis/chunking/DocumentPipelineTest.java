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
      PrecisSettings.from(ConfigLoader.load(Optional.empty(), List.of("chunking.max-tokens=64")));

  @TempDir Path directory;

  private DocumentPipeline.ProcessedDocument process(Path file) {
    LocalDocumentSource source = new LocalDocumentSource(List.of(file));
    return new DocumentPipeline(source, SETTINGS).process(source.list().get(0));
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
