package io.precis.chunking.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.core.config.SourceSettings;
import io.precis.core.errors.PrecisException;
import io.precis.core.model.DocumentRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DocumentSourcesTest {
  private static final S3TestServer S3 = S3TestServer.shared();

  @RegisterExtension final AwsSystemCredentials credentials = new AwsSystemCredentials();
  @TempDir Path directory;

  @Test
  void localOnlyAndS3OnlyInputsGetTheirOwnSource() {
    try (DocumentSource local = DocumentSources.of(List.of(directory.toString()), S3.settings());
        DocumentSource s3 = DocumentSources.of(List.of("s3://bucket/docs"), S3.settings())) {
      assertThat(local).isInstanceOf(LocalDocumentSource.class);
      assertThat(s3).isInstanceOf(S3DocumentSource.class).hasToString("s3://bucket/docs");
    }
  }

  @Test
  void mixedInputsListInTheOrderGivenAndOpenEachDocumentFromItsStore() throws Exception {
    String bucket = S3.createBucket();
    S3.put(bucket, "docs/remote.txt", bytes("remote"));
    S3.put(bucket, "docs/remote.pdf", bytes("remote pdf"));
    Files.writeString(directory.resolve("local.txt"), "local");
    Files.writeString(directory.resolve("local.pdf"), "local pdf");
    SourceSettings onlyText = S3.settings(List.of("*.txt"), List.of());
    String s3Input = "s3://" + bucket + "/docs/";

    try (DocumentSource source =
            DocumentSources.of(List.of(directory.toString(), s3Input), onlyText);
        DocumentSource reversed =
            DocumentSources.of(List.of(s3Input, directory.toString()), onlyText)) {
      List<DocumentRef> refs = source.list();

      assertThat(refs)
          .extracting(DocumentRef::uri)
          .containsExactly(
              directory.resolve("local.txt").toUri().toString(),
              "s3://" + bucket + "/docs/remote.txt");
      assertThat(read(source, refs.get(0))).isEqualTo("local");
      assertThat(read(source, refs.get(1))).isEqualTo("remote");
      assertThat(reversed.list()).containsExactly(refs.get(1), refs.get(0));

      DocumentSource copy = S3DocumentSourceOpenTest.roundTrip(source);
      try (copy) {
        assertThat(read(copy, refs.get(0))).isEqualTo("local");
        assertThat(read(copy, refs.get(1))).isEqualTo("remote");
      }
    }
  }

  @Test
  void sameTreeOnDiskAndInABucketGivesTheSameDocumentsAndBytes() throws IOException {
    writeTree(directory);
    String bucket = S3.createBucket();
    List<String> uploaded = S3.uploadFolder(directory, bucket, "corpus/");
    assertThat(uploaded).contains("corpus/.hidden/secret.pdf", "corpus/drafts/draft.pdf");
    SourceSettings settings = S3.settings(List.of("**.pdf", "**.txt"), List.of("drafts/**"));

    try (DocumentSource local = DocumentSources.of(List.of(directory.toString()), settings);
        DocumentSource s3 = DocumentSources.of(List.of("s3://" + bucket + "/corpus"), settings)) {
      List<DocumentRef> onDisk = local.list();
      List<DocumentRef> inBucket = s3.list();

      String diskRoot = directory.toUri().toString();
      String bucketRoot = "s3://" + bucket + "/corpus/";
      List<String> expected = List.of("a.pdf", "nested/b.pdf", "nested/deeper/c.txt", "z.txt");
      assertThat(relativePaths(onDisk, diskRoot)).containsExactlyElementsOf(expected);
      assertThat(relativePaths(inBucket, bucketRoot)).containsExactlyElementsOf(expected);
      for (int i = 0; i < expected.size(); i++) {
        assertThat(inBucket.get(i).bytes()).isEqualTo(onDisk.get(i).bytes());
        assertThat(readBytes(s3, inBucket.get(i))).isEqualTo(readBytes(local, onDisk.get(i)));
      }
    }
  }

  @Test
  void hadoopSchemesAreRejectedWithTheSpellingToUse() {
    assertThatThrownBy(() -> DocumentSources.of(List.of("s3a://bucket/docs"), S3.settings()))
        .isInstanceOf(PrecisException.class)
        .hasMessage(
            "Input 's3a://bucket/docs' uses the Hadoop scheme s3a://, but precis reads S3 itself."
                + " Write it as s3://bucket/docs.");
    assertThatThrownBy(
            () -> DocumentSources.of(List.of(directory.toString(), "S3N://b/x"), S3.settings()))
        .isInstanceOf(PrecisException.class)
        .hasMessage(
            "Input 'S3N://b/x' uses the Hadoop scheme S3N://, but precis reads S3 itself. Write it"
                + " as s3://b/x.");
  }

  @Test
  void noInputsIsAnError() {
    assertThatThrownBy(() -> DocumentSources.of(List.of(), S3.settings()))
        .isInstanceOf(PrecisException.class)
        .hasMessage("No input given. Pass one or more files or folders with --input PATH.");
  }

  /** A tree with documents at several depths, a hidden folder, and a subtree to exclude. */
  private static void writeTree(Path root) throws IOException {
    write(root.resolve("a.pdf"), "%PDF a");
    write(root.resolve("z.txt"), "zed");
    write(root.resolve("image.png"), "not taken");
    write(root.resolve("nested/b.pdf"), "%PDF b ".repeat(1_000));
    write(root.resolve("nested/deeper/c.txt"), "see");
    write(root.resolve("drafts/draft.pdf"), "excluded");
    write(root.resolve(".hidden/secret.pdf"), "hidden");
  }

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private static List<String> relativePaths(List<DocumentRef> refs, String root) {
    return refs.stream()
        .map(DocumentRef::uri)
        .peek(uri -> assertThat(uri).startsWith(root))
        .map(uri -> uri.substring(root.length()))
        .toList();
  }

  private static String read(DocumentSource source, DocumentRef ref) throws IOException {
    return new String(readBytes(source, ref), StandardCharsets.UTF_8);
  }

  private static byte[] readBytes(DocumentSource source, DocumentRef ref) throws IOException {
    try (InputStream stream = source.open(ref)) {
      return stream.readAllBytes();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void inputsOfOtherSchemesAreRefusedAndFileUrisAreLocalPaths(@TempDir Path folder)
      throws IOException {
    SourceSettings settings = new SourceSettings(List.of(), List.of(), "", "us-east-1", false);
    assertThatThrownBy(() -> DocumentSources.of(List.of("https://u:pw@example.com/d"), settings))
        .isInstanceOf(PrecisException.class)
        .hasMessage(
            "Input https://<redacted>@example.com/d is not a local path or an s3://bucket/prefix"
                + " location, the two kinds precis reads. Copy the documents to a folder or a"
                + " bucket and pass that to --input.");
    Files.writeString(folder.resolve("a.txt"), "a");
    assertThat(DocumentSources.of(List.of(folder.toUri().toString()), settings).list()).hasSize(1);
  }
}
