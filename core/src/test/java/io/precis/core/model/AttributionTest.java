package io.precis.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributionTest {
  private static final JobContext JOB = new JobContext("job-1", "digest", "default", "ann");

  private static final Attribution RULES =
      Attribution.of(
          List.of(
              new Attribution.Rule("**/contracts/**", "contract-review", ""),
              new Attribution.Rule("acme-inbox/**", "support-digest", "acme"),
              new Attribution.Rule("**.pdf", "", "pdf-tenant")));

  @Test
  void aLocalFileMatchesByItsAbsolutePath() {
    JobContext context = RULES.contextFor(JOB, "file:///data/contracts/lease.docx");

    assertThat(context).isEqualTo(new JobContext("job-1", "contract-review", "default", "ann"));
  }

  @Test
  void anS3ObjectMatchesAsBucketSlashKey() {
    assertThat(RULES.contextFor(JOB, "s3://acme-inbox/2025/ticket 1.txt"))
        .isEqualTo(new JobContext("job-1", "support-digest", "acme", "ann"));
    // The bucket is part of the location: another bucket with the same keys is not matched.
    assertThat(RULES.contextFor(JOB, "s3://other-inbox/2025/ticket.txt")).isEqualTo(JOB);
    assertThat(RULES.contextFor(JOB, "s3://archive/legal/contracts/a.txt").feature())
        .isEqualTo("contract-review");
  }

  @Test
  void theFirstMatchingRuleWins() {
    // Both the contracts rule and the **.pdf rule match: only the first applies.
    assertThat(RULES.contextFor(JOB, "file:///data/contracts/lease.pdf"))
        .isEqualTo(new JobContext("job-1", "contract-review", "default", "ann"));
    assertThat(RULES.contextFor(JOB, "file:///data/notes/minutes.pdf"))
        .isEqualTo(new JobContext("job-1", "digest", "pdf-tenant", "ann"));
  }

  @Test
  void aDocumentNoRuleMatchesKeepsTheJobsValues() {
    assertThat(RULES.contextFor(JOB, "file:///data/notes/minutes.txt")).isSameAs(JOB);
    assertThat(Attribution.none().contextFor(JOB, "file:///data/contracts/a.pdf")).isSameAs(JOB);
  }

  @Test
  void localPathsAreMatchedDecoded() {
    String uri = Path.of("/data/legal contracts/a+b ü.pdf").toUri().toString();
    assertThat(uri).contains("%20");
    assertThat(Attribution.location(uri)).isEqualTo("/data/legal contracts/a+b ü.pdf");

    Attribution spaced =
        Attribution.of(List.of(new Attribution.Rule("/data/legal contracts/**", "legal", "")));
    assertThat(spaced.contextFor(JOB, uri).feature()).isEqualTo("legal");
    assertThat(spaced.contextFor(JOB, "file:///data/legal%20contracts/x.txt").feature())
        .isEqualTo("legal");
    // An S3 key is not URI-encoded: it is matched as it is.
    assertThat(Attribution.location("s3://bucket/a%20b.txt")).isEqualTo("bucket/a%20b.txt");
  }

  @Test
  void locationsDropTheScheme() {
    assertThat(Attribution.location("file:///data/x.pdf")).isEqualTo("/data/x.pdf");
    assertThat(Attribution.location("file:/data/x.pdf")).isEqualTo("/data/x.pdf");
    assertThat(Attribution.location("s3://bucket/key/x.pdf")).isEqualTo("bucket/key/x.pdf");
  }

  @Test
  void survivesSerializationAsSparkShipsIt() throws Exception {
    RULES.contextFor(JOB, "file:///warm/the/matchers.txt");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(RULES);
    }
    Attribution copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (Attribution) in.readObject();
    }
    assertThat(copy).isEqualTo(RULES);
    assertThat(copy.contextFor(JOB, "s3://acme-inbox/t.txt").tenant()).isEqualTo("acme");
  }
}
