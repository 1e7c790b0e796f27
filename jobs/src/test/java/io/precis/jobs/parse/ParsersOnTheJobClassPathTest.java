package io.precis.jobs.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.chunking.DocumentPipeline;
import io.precis.chunking.parse.ParseOutcome;
import io.precis.chunking.source.LocalDocumentSource;
import io.precis.core.config.ConfigLoader;
import io.precis.core.config.PrecisSettings;
import io.precis.core.model.DocumentRef;
import io.precis.testkit.DemoCorpus;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tika's parsers on the class path of jobs, where Spark's dependencies meet Tika's. A library at
 * the wrong version does not fail loudly: Tika skips the parser it breaks and reads the file as
 * plain text (HTML with its markup, a .docx as zip bytes). So check what comes out, format by
 * format, on the real demo documents.
 */
class ParsersOnTheJobClassPathTest {
  @TempDir Path directory;

  @Test
  void everyDemoFormatParsesToItsTextNotItsMarkup() {
    List<Path> files = DemoCorpus.extractTo(directory);
    LocalDocumentSource source = new LocalDocumentSource(List.of(directory));
    DocumentPipeline pipeline =
        new DocumentPipeline(
            source, PrecisSettings.from(ConfigLoader.load(Optional.empty(), List.of())));

    List<DocumentRef> documents = source.list();
    assertThat(documents).hasSize(files.size());
    for (DocumentRef document : documents) {
      ParseOutcome outcome = pipeline.process(document).outcome();
      assertThat(outcome).as(document.uri()).isInstanceOf(ParseOutcome.Parsed.class);
      ParseOutcome.Parsed parsed = (ParseOutcome.Parsed) outcome;
      String text = parsed.text();
      String name = document.uri();
      if (name.endsWith(".html")) {
        assertThat(parsed.mimeType()).startsWith("text/html");
        assertThat(text).as(name).doesNotContain("<html", "<body", "<p>", "<div", "</");
        assertThat(parsed.title()).as(name).isNotBlank();
      }
      if (name.endsWith(".docx")) {
        assertThat(parsed.mimeType())
            .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(text).as(name).doesNotContain("word/document.xml").contains("Quillmoor");
      }
      if (name.endsWith(".pdf")) {
        assertThat(parsed.mimeType()).isEqualTo("application/pdf");
        assertThat(parsed.pages()).as(name).isPositive();
        assertThat(text).as(name).doesNotContain("%PDF").contains("Quillmoor");
      }
      if (name.endsWith(".docx") || name.endsWith(".pdf")) {
        assertThat(text).as(name).doesNotContain("\u0000").doesNotStartWith("PK");
      }
    }
  }
}
