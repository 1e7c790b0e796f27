package io.precis.chunking.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.core.model.DocumentRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jclouds.blobstore.BlobStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.S3Object;

class S3DocumentSourceListingTest {
  private static final S3TestServer S3 = S3TestServer.shared();
  private static final int MANY = 2_500;

  /** A bucket with the same small tree used by the prefix and glob tests. */
  private static String tree;

  @RegisterExtension final AwsSystemCredentials credentials = new AwsSystemCredentials();

  @BeforeAll
  static void putTree() {
    tree = S3.createBucket();
    for (String key :
        List.of(
            "top.pdf",
            "docs/",
            "docs/a.pdf",
            "docs/notes.txt",
            "docs/.env",
            "docs/.git/config",
            "docs/sub/",
            "docs/sub/b.pdf",
            "docs/archive/2019/c.pdf",
            "docs/drafts/d.pdf",
            "docs2/e.pdf")) {
      S3.put(tree, key, key.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void listsEveryObjectOfALargeBucketOnceInKeyOrderWithSizeAndEtag() throws Exception {
    String bucket = S3.createBucket();
    BlobStore store = S3.blobStore();
    List<String> keys = new ArrayList<>();
    // Put straight into the store behind the server: 2,500 HTTP PUTs would only slow the test.
    for (int i = MANY - 1; i >= 0; i--) {
      String key = String.format("corpus/part-%02d/doc-%04d.txt", i % 7, i);
      byte[] content = ("document " + i).getBytes(StandardCharsets.UTF_8);
      store.putBlob(bucket, store.blobBuilder(key).payload(content).build());
      keys.add(key);
    }
    List<String> expected =
        keys.stream().sorted().map(key -> "s3://" + bucket + "/" + key).toList();

    List<DocumentRef> refs;
    try (S3DocumentSource source = new S3DocumentSource(List.of("s3://" + bucket), S3.settings())) {
      refs = source.list();
    }

    assertThat(refs).extracting(DocumentRef::uri).containsExactlyElementsOf(expected);
    for (DocumentRef ref : refs) {
      int i = Integer.parseInt(ref.uri().substring(ref.uri().length() - 8, ref.uri().length() - 4));
      byte[] content = ("document " + i).getBytes(StandardCharsets.UTF_8);
      assertThat(ref.bytes()).isEqualTo(content.length);
      assertThat(ref.version()).isEqualTo("etag:" + md5(content));
    }
  }

  @Test
  void prefixWithOrWithoutSlashTakesThatFolderOnlyWithoutMarkersOrHiddenNames() {
    List<String> expected = uris("docs/a.pdf", "docs/archive/2019/c.pdf", "docs/drafts/d.pdf");
    expected = new ArrayList<>(expected);
    expected.addAll(uris("docs/notes.txt", "docs/sub/b.pdf"));

    assertThat(keysOf(List.of("s3://" + tree + "/docs"))).containsExactlyElementsOf(expected);
    assertThat(keysOf(List.of("s3://" + tree + "/docs/"))).containsExactlyElementsOf(expected);
  }

  @Test
  void folderMarkersAreListedByTheServerButAreNotDocuments() {
    List<String> serverKeys =
        S3
            .client()
            .listObjectsV2(request -> request.bucket(tree).prefix("docs/"))
            .contents()
            .stream()
            .map(S3Object::key)
            .toList();
    assertThat(serverKeys).contains("docs/", "docs/sub/");

    assertThat(keysOf(List.of("s3://" + tree + "/docs/"))).noneMatch(uri -> uri.endsWith("/"));
  }

  @Test
  void emptyPrefixTakesTheWholeBucketAndAKeyTakesOneObject() {
    assertThat(keysOf(List.of("s3://" + tree)))
        .containsExactlyElementsOf(
            uris(
                "docs/a.pdf",
                "docs/archive/2019/c.pdf",
                "docs/drafts/d.pdf",
                "docs/notes.txt",
                "docs/sub/b.pdf",
                "docs2/e.pdf",
                "top.pdf"));
    assertThat(keysOf(List.of("s3://" + tree + "/docs/sub/b.pdf")))
        .containsExactlyElementsOf(uris("docs/sub/b.pdf"));
  }

  @Test
  void includeGlobsMatchKeysRelativeToThePrefix() {
    String docs = "s3://" + tree + "/docs";
    assertThat(keysOf(List.of(docs), List.of("**.pdf"), List.of()))
        .containsExactlyElementsOf(
            uris("docs/a.pdf", "docs/archive/2019/c.pdf", "docs/drafts/d.pdf", "docs/sub/b.pdf"));
    assertThat(keysOf(List.of(docs), List.of("*.pdf"), List.of()))
        .containsExactlyElementsOf(uris("docs/a.pdf"));
    assertThat(keysOf(List.of(docs), List.of("sub/*"), List.of()))
        .containsExactlyElementsOf(uris("docs/sub/b.pdf"));
  }

  @Test
  void excludeGlobsWinOverIncludeGlobs() {
    String docs = "s3://" + tree + "/docs/";
    assertThat(keysOf(List.of(docs), List.of("**.pdf"), List.of("archive/**", "drafts/**")))
        .containsExactlyElementsOf(uris("docs/a.pdf", "docs/sub/b.pdf"));
    assertThat(keysOf(List.of(docs), List.of("sub/**"), List.of("**.pdf"))).isEmpty();
  }

  @Test
  void severalInputsAreListedInTurnWithoutDuplicates() {
    assertThat(
            keysOf(List.of("s3://" + tree + "/docs2", "s3://" + tree + "/top.pdf", "s3://" + tree)))
        .startsWith(uris("docs2/e.pdf", "top.pdf").toArray(String[]::new))
        .hasSize(7)
        .doesNotHaveDuplicates();
  }

  private static List<String> keysOf(List<String> inputs) {
    return keysOf(inputs, List.of(), List.of());
  }

  private static List<String> keysOf(
      List<String> inputs, List<String> include, List<String> exclude) {
    try (S3DocumentSource source = new S3DocumentSource(inputs, S3.settings(include, exclude))) {
      return source.list().stream().map(DocumentRef::uri).toList();
    }
  }

  private static List<String> uris(String... keys) {
    return List.of(keys).stream().map(key -> "s3://" + tree + "/" + key).toList();
  }

  static String md5(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
  }
}
