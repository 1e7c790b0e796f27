package io.precis.chunking.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.core.config.SourceSettings;
import io.precis.core.errors.PrecisException;
import io.precis.core.model.DocumentRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDocumentSourceTest {
  @TempDir Path directory;

  @Test
  void walksFoldersRecursivelyInStableOrderSkippingHiddenFiles() throws IOException {
    Files.createDirectories(directory.resolve("b/nested"));
    Files.createDirectories(directory.resolve(".git"));
    Files.writeString(directory.resolve("b/nested/z.txt"), "z");
    Files.writeString(directory.resolve("a.txt"), "a");
    Files.writeString(directory.resolve(".hidden.txt"), "h");
    Files.writeString(directory.resolve(".git/config"), "c");

    List<DocumentRef> refs = new LocalDocumentSource(List.of(directory)).list();

    assertThat(refs)
        .extracting(DocumentRef::uri)
        .containsExactly(
            directory.resolve("a.txt").toUri().toString(),
            directory.resolve("b/nested/z.txt").toUri().toString());
    assertThat(refs.get(0).bytes()).isEqualTo(1);
  }

  @Test
  void versionChangesWithModificationTimeAndIdDoesNot() throws IOException {
    Path file = directory.resolve("a.txt");
    Files.writeString(file, "content");
    Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L));
    DocumentRef before = new LocalDocumentSource(List.of(file)).list().get(0);
    Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_999_000L));
    DocumentRef after = new LocalDocumentSource(List.of(file)).list().get(0);

    assertThat(before.version()).isEqualTo("size:7,mtime:1700000000000");
    assertThat(after.version()).isNotEqualTo(before.version());
    assertThat(after.docId()).isEqualTo(before.docId()).hasSize(32);
  }

  @Test
  void missingInputSaysWhichPath() {
    Path missing = directory.resolve("nope");
    assertThatThrownBy(() -> new LocalDocumentSource(List.of(missing)).list())
        .isInstanceOf(PrecisException.class)
        .hasMessageStartingWith(
            "Input path "
                + missing
                + " does not exist. Pass an existing file or folder to --input");
  }

  @Test
  void doubleStarGlobMatchesAtAnyDepthAndSingleStarOnlyAtTheTop() throws IOException {
    writeTree();

    assertThat(relativePaths(List.of("**.pdf"), List.of()))
        .containsExactly("a.pdf", "archive/2019/old.pdf", "reports/q1/b.pdf");
    assertThat(relativePaths(List.of("*.pdf"), List.of())).containsExactly("a.pdf");
    assertThat(relativePaths(List.of("reports/**", "*.txt"), List.of()))
        .containsExactly("notes.txt", "reports/q1/b.pdf", "reports/q1/data.csv");
  }

  @Test
  void excludeGlobsDropSubtreesAndWinOverIncludeGlobs() throws IOException {
    writeTree();

    assertThat(relativePaths(List.of(), List.of("archive/**")))
        .containsExactly("a.pdf", "notes.txt", "reports/q1/b.pdf", "reports/q1/data.csv");
    assertThat(relativePaths(List.of("**.pdf"), List.of("archive/**", "**/q1/**")))
        .containsExactly("a.pdf");
    assertThat(relativePaths(List.of("reports/**"), List.of("**.csv", "**.pdf"))).isEmpty();
  }

  @Test
  void hiddenFilesAndFoldersStaySkippedWhateverTheGlobs() throws IOException {
    writeTree();

    assertThat(relativePaths(List.of("**"), List.of()))
        .containsExactly(
            "a.pdf",
            "archive/2019/old.pdf",
            "notes.txt",
            "reports/q1/b.pdf",
            "reports/q1/data.csv");
    assertThat(relativePaths(List.of(".cache/**", "**.secret.pdf"), List.of())).isEmpty();
  }

  @Test
  void aSingleFileInputIsMatchedByItsFileName() throws IOException {
    writeTree();
    Path nested = directory.resolve("reports/q1/b.pdf");
    Path hidden = directory.resolve("reports/.secret.pdf");

    assertThat(list(List.of(nested), List.of("*.pdf"), List.of())).hasSize(1);
    assertThat(list(List.of(nested), List.of("reports/**"), List.of())).isEmpty();
    assertThat(list(List.of(nested), List.of(), List.of("b.*"))).isEmpty();
    assertThat(list(List.of(hidden), List.of(), List.of()))
        .as("a file named as an input is never hidden")
        .hasSize(1);
  }

  @Test
  void invalidGlobIsRejectedWhenTheSourceIsMade() {
    SourceSettings settings =
        new SourceSettings(List.of(), List.of("{a,b"), "", "us-east-1", false);

    assertThatThrownBy(() -> new LocalDocumentSource(List.of(directory), settings))
        .isInstanceOf(PrecisException.class)
        .hasMessage(
            "Config key 'source.exclude-globs' is set to '{a,b' but must be a glob in java.nio"
                + " PathMatcher syntax (Missing }). Set it to e.g. [\"**.pdf\"].");
  }

  private void writeTree() throws IOException {
    for (String path :
        List.of(
            "a.pdf",
            "notes.txt",
            "reports/q1/b.pdf",
            "reports/q1/data.csv",
            "reports/.secret.pdf",
            "archive/2019/old.pdf",
            ".cache/c.pdf")) {
      Path file = directory.resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, path);
    }
  }

  private List<String> relativePaths(List<String> include, List<String> exclude) {
    String root = directory.toUri().toString();
    return list(List.of(directory), include, exclude).stream()
        .map(ref -> ref.uri().substring(root.length()))
        .toList();
  }

  private static List<DocumentRef> list(
      List<Path> inputs, List<String> include, List<String> exclude) {
    SourceSettings settings = new SourceSettings(include, exclude, "", "us-east-1", false);
    return new LocalDocumentSource(inputs, settings).list();
  }
}
