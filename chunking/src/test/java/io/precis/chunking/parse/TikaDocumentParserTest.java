package io.precis.chunking.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.chunking.source.LocalDocumentSource;
import io.precis.core.model.DocumentRef;
import io.precis.core.model.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TikaDocumentParserTest {
  @TempDir Path directory;

  static io.precis.core.config.ParsingSettings settings(long maxCharacters) {
    return new io.precis.core.config.ParsingSettings(
        maxCharacters,
        false,
        java.time.Duration.ofSeconds(30),
        256L << 20,
        100,
        true,
        100,
        3,
        1L << 30);
  }

  private ParseOutcome parse(Path file, long maxCharacters) {
    LocalDocumentSource source = new LocalDocumentSource(List.of(file));
    DocumentRef ref = source.list().get(0);
    return new TikaDocumentParser(settings(maxCharacters)).parse(ref, source);
  }

  @Test
  void htmlGivesTextTitleAndType() throws IOException {
    Path file = directory.resolve("page.html");
    Files.writeString(
        file,
        "<html><head><title>Travel policy</title></head><body><h1>Travel</h1>"
            + "<p>Book trains for trips under four hours.</p><p>Hotels up to 150 EUR.</p></body></html>");

    ParseOutcome.Parsed parsed = (ParseOutcome.Parsed) parse(file, 100_000);

    assertThat(parsed.mimeType()).startsWith("text/html");
    assertThat(parsed.title()).isEqualTo("Travel policy");
    assertThat(parsed.text())
        .contains("Travel")
        .contains("Book trains for trips under four hours.")
        .contains("Hotels up to 150 EUR.")
        .doesNotContain("<p>")
        .doesNotContain("<title>")
        .doesNotContain("<html");
    assertThat(parsed.truncated()).isFalse();
  }

  @Test
  void latin1TextIsDecoded() throws IOException {
    Path file = directory.resolve("note.txt");
    Files.write(file, "Café crème für Müller, 12 €uro".getBytes(StandardCharsets.ISO_8859_1));

    ParseOutcome.Parsed parsed = (ParseOutcome.Parsed) parse(file, 100_000);
    assertThat(parsed.text()).contains("Café crème für Müller");
  }

  @Test
  void textBeyondTheLimitIsCutAndMarked() throws IOException {
    Path file = directory.resolve("long.txt");
    Files.writeString(file, "word ".repeat(10_000));

    ParseOutcome.Parsed parsed = (ParseOutcome.Parsed) parse(file, 1_000);
    assertThat(parsed.truncated()).isTrue();
    assertThat(parsed.text().length()).isLessThanOrEqualTo(1_000);
  }

  @Test
  void corruptPdfIsAFailureNotAnException() throws IOException {
    Path file = directory.resolve("broken.pdf");
    Files.writeString(file, "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> garbage");

    ParseOutcome outcome = parse(file, 100_000);
    assertThat(outcome).isInstanceOf(ParseOutcome.Failed.class);
    ParseOutcome.Failed failed = (ParseOutcome.Failed) outcome;
    assertThat(failed.code()).isEqualTo(ErrorCode.PARSE_FAILED);
    assertThat(failed.message()).isNotBlank();
    assertThat(failed.mimeType()).isEqualTo("application/pdf");
  }

  @Test
  void emptyFileIsAnEmptyTextFailure() throws IOException {
    Path file = directory.resolve("empty.txt");
    Files.writeString(file, "   \n ");

    ParseOutcome.Failed failed = (ParseOutcome.Failed) parse(file, 100_000);
    assertThat(failed.code()).isEqualTo(ErrorCode.EMPTY_TEXT);
  }

  @Test
  void fileRemovedAfterListingIsAReadFailure() throws IOException {
    Path file = directory.resolve("gone.txt");
    Files.writeString(file, "here now");
    LocalDocumentSource source = new LocalDocumentSource(List.of(file));
    DocumentRef ref = source.list().get(0);
    Files.delete(file);

    ParseOutcome.Failed failed =
        (ParseOutcome.Failed) new TikaDocumentParser(settings(1000)).parse(ref, source);
    assertThat(failed.code()).isEqualTo(ErrorCode.READ_FAILED);
    assertThat(failed.message()).contains("gone.txt");
  }
}
