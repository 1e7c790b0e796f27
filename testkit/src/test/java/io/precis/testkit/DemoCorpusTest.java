package io.precis.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCorpusTest {

  /** Pairs whose bytes are identical, as the corpus README says. */
  private static final List<List<String>> EXACT_DUPLICATES =
      List.of(
          List.of("it/security-policy.txt", "archive/2024/it-security-policy.txt"),
          List.of(
              "hr/employee-handbook-leave.md",
              "archive/intranet-export/leave-and-working-time.txt"),
          List.of(
              "legal/data-processing-terms.pdf", "sales/contract-pack/data-processing-terms.pdf"));

  /** Pairs that differ by a few words, as the corpus README says. */
  private static final List<List<String>> NEAR_DUPLICATES =
      List.of(
          List.of(
              "archive/2024/travel-expense-policy-2024.docx", "hr/travel-expense-policy-2025.docx"),
          List.of(
              "press/2025-10-07-gothenburg-hub-press-release.html",
              "press/2025-10-08-gothenburg-hub-press-release-corrected.html"),
          List.of(
              "meetings/2025-09-16-ops-leadership-minutes.md",
              "meetings/2025-09-16-ops-leadership-minutes-final.md"));

  @TempDir Path directory;

  @Test
  void extractsEveryIndexedFileInIndexOrder() throws IOException {
    List<Path> written = DemoCorpus.extractTo(directory);

    assertThat(written)
        .containsExactlyElementsOf(DemoCorpus.files().stream().map(directory::resolve).toList());
    assertThat(written).hasSizeGreaterThanOrEqualTo(18);
    for (Path file : written) {
      assertThat(file).isRegularFile();
      assertThat(Files.size(file)).as("size of %s", file).isPositive();
    }
    Set<String> extensions =
        written.stream().map(DemoCorpusTest::extension).collect(Collectors.toSet());
    assertThat(extensions).containsAll(List.of("txt", "md", "html", "docx", "pdf"));
  }

  @Test
  void binaryFormatsAreWhatTheirExtensionSays() throws IOException {
    List<Path> written = DemoCorpus.extractTo(directory);

    assertThat(written.stream().filter(p -> extension(p).equals("docx"))).hasSizeGreaterThan(1);
    assertThat(written.stream().filter(p -> extension(p).equals("pdf"))).hasSizeGreaterThan(1);
    for (Path file : written) {
      switch (extension(file)) {
        case "docx" -> {
          try (ZipFile zip = new ZipFile(file.toFile())) {
            assertThat(zip.getEntry("word/document.xml"))
                .as("word/document.xml in %s", file)
                .isNotNull();
          }
        }
        case "pdf" -> {
          byte[] head = new byte[5];
          try (var in = Files.newInputStream(file)) {
            assertThat(in.read(head)).isEqualTo(5);
          }
          assertThat(new String(head, StandardCharsets.US_ASCII))
              .as("start of %s", file)
              .isEqualTo("%PDF-");
        }
        default -> {}
      }
    }
  }

  @Test
  void exactDuplicatesHaveIdenticalBytes() throws IOException {
    DemoCorpus.extractTo(directory);

    for (List<String> pair : EXACT_DUPLICATES) {
      assertThat(Files.readAllBytes(directory.resolve(pair.get(1))))
          .as("%s is a copy of %s", pair.get(1), pair.get(0))
          .isEqualTo(Files.readAllBytes(directory.resolve(pair.get(0))));
    }
  }

  @Test
  void nearDuplicatesDifferFromTheirOriginal() throws IOException {
    DemoCorpus.extractTo(directory);

    for (List<String> pair : NEAR_DUPLICATES) {
      assertThat(Files.readAllBytes(directory.resolve(pair.get(1))))
          .as("%s is an edit of %s, not a copy", pair.get(1), pair.get(0))
          .isNotEqualTo(Files.readAllBytes(directory.resolve(pair.get(0))));
    }
  }

  @Test
  void faqHasTheSameTextAsHtmlAndDocx() throws IOException {
    DemoCorpus.extractTo(directory);

    String html = Files.readString(directory.resolve("product/quillmoor-track-faq.html"));
    String body = html.substring(html.indexOf("<body>"), html.indexOf("</body>"));
    String docx;
    try (ZipFile zip = new ZipFile(directory.resolve("sales/quillmoor-track-faq.docx").toFile())) {
      docx =
          new String(
              zip.getInputStream(zip.getEntry("word/document.xml")).readAllBytes(),
              StandardCharsets.UTF_8);
    }

    assertThat(visibleText(docx)).isEqualTo(visibleText(body)).contains("EUR 690 per month");
  }

  @Test
  void extractingAgainOverwritesChangedFiles() throws IOException {
    Path policy = DemoCorpus.extractTo(directory).get(0);
    byte[] original = Files.readAllBytes(policy);
    Files.writeString(policy, "changed");

    DemoCorpus.extractTo(directory);

    assertThat(Files.readAllBytes(policy)).isEqualTo(original);
  }

  @Test
  void indexListsExactlyTheFilesInTheResourceFolder() throws IOException, URISyntaxException {
    URL url = DemoCorpusTest.class.getResource(DemoCorpus.RESOURCE_ROOT);
    assertThat(url).as("resource folder %s", DemoCorpus.RESOURCE_ROOT).isNotNull();
    Path folder = Path.of(url.toURI());
    Set<String> onDisk;
    try (Stream<Path> walk = Files.walk(folder)) {
      onDisk =
          walk.filter(Files::isRegularFile)
              .map(p -> folder.relativize(p).toString().replace('\\', '/'))
              .filter(name -> !name.equals("README.md") && !name.equals("index.txt"))
              .collect(Collectors.toCollection(TreeSet::new));
    }

    assertThat(DemoCorpus.files()).doesNotHaveDuplicates();
    assertThat(new TreeSet<>(DemoCorpus.files())).isEqualTo(onDisk);
    String readme = Files.readString(folder.resolve("README.md"));
    assertThat(DemoCorpus.files()).allSatisfy(file -> assertThat(readme).contains(file));
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString();
    return name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
  }

  /** The text of an HTML or WordprocessingML fragment: tags dropped, whitespace collapsed. */
  private static String visibleText(String markup) {
    return markup
        .replaceAll("<[^>]*>", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
        .replaceAll("\\s+", " ")
        .strip();
  }
}
