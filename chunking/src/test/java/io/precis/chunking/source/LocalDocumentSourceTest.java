package io.precis.chunking.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
