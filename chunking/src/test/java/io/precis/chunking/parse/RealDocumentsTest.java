package io.precis.chunking.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.chunking.source.LocalDocumentSource;
import io.precis.core.config.ParsingSettings;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real fixture documents (documents/README.md), parsed in-process: each format gives its text
 * with its structure, in its own encoding, with its embedded documents.
 */
class RealDocumentsTest {
  private static TikaDocumentParser parser;
  private static Path fixtures;

  @BeforeAll
  static void setUp() throws URISyntaxException {
    parser =
        new TikaDocumentParser(
            new ParsingSettings(
                20_000_000,
                false,
                Duration.ofSeconds(60),
                512L << 20,
                100,
                true,
                1000,
                5,
                1L << 30));
    fixtures =
        Path.of(RealDocumentsTest.class.getResource("/documents/README.md").toURI()).getParent();
  }

  private static ParseOutcome.Parsed parse(String path) {
    Path file = fixtures.resolve(path);
    LocalDocumentSource source = new LocalDocumentSource(List.of(file));
    ParseOutcome outcome = parser.parse(source.list().get(0), source);
    assertThat(outcome).as(path).isInstanceOf(ParseOutcome.Parsed.class);
    return (ParseOutcome.Parsed) outcome;
  }

  @Test
  void pdfGivesPagesAndText() {
    ParseOutcome.Parsed cite = parse("pdf/latex-cite-manual.pdf");
    assertThat(cite.pages()).isEqualTo(5);
    assertThat(cite.mimeType()).isEqualTo("application/pdf");
    assertThat(cite.text()).contains("cite").doesNotContain("%PDF");
  }

  @Test
  void officeDocumentsKeepHeadingsListsAndTables() {
    ParseOutcome.Parsed docx = parse("docx/officer-example-with-table.docx");
    assertThat(docx.text().lines().filter(line -> line.startsWith("|")).count()).isPositive();
    assertThat(docx.text().lines().filter(line -> line.startsWith("#")).count()).isPositive();

    ParseOutcome.Parsed slides = parse("pptx/python-stdlib-tour.pptx");
    assertThat(slides.text()).contains("Operating System Interface");

    ParseOutcome.Parsed sheets = parse("xlsx/readxl-datasets.xlsx");
    assertThat(sheets.text()).contains("Sepal.Length").contains("mpg");
    assertThat(sheets.text().lines().filter(line -> line.startsWith("|")).count())
        .isGreaterThan(100);
  }

  @Test
  void htmlKeepsItsTableAndLosesItsMarkup() {
    ParseOutcome.Parsed array = parse("html/python-library-array-table.html");
    assertThat(array.title()).contains("array");
    assertThat(array.language()).isEqualTo("en");
    assertThat(array.text()).doesNotContain("<td", "<div", "<script");
    assertThat(array.text().lines().filter(line -> line.startsWith("| 'b'")).count()).isOne();
  }

  @Test
  void textInEveryEncodingIsDecoded() {
    assertThat(parse("txt/passwd-man-uk.utf-8.txt").text()).contains("passwd").contains("пароль");
    assertThat(parse("txt/passwd-man-de.iso-8859-1.txt").text()).contains("Passwort").contains("ä");
    assertThat(parse("txt/passwd-man-ja.shift_jis.txt").text()).contains("パスワード");
    assertThat(parse("txt/passwd-man-zh_CN.gb18030.txt").text()).contains("密码");
    assertThat(parse("txt/passwd-man-ru.utf-16le-bom.txt").text()).contains("пароль");
  }

  @Test
  void mailAndArchivesBringTheirEmbeddedDocuments() {
    ParseOutcome.Parsed mail = parse("eml/with-pdf-and-md-attachments.eml");
    // The body, and the text of both attachments (the PDF and the Markdown fixture).
    assertThat(mail.text()).contains("Apache License").contains("pip");

    ParseOutcome.Parsed zip = parse("zip/python-whatnow-bundle.zip");
    assertThat(zip.text()).contains("whatnow");
  }
}
