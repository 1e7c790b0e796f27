package io.precis.chunking.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.core.config.SourceSettings;
import io.precis.core.errors.PrecisException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class S3DocumentSourceErrorsTest {
  private static final S3TestServer S3 = S3TestServer.shared();
  private static final String CREDENTIALS_FIX =
      "Check the credentials in the environment (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or"
          + " AWS_PROFILE; never in the config) and that they may list bucket '";

  private static String bucket;

  @RegisterExtension final AwsSystemCredentials credentials = new AwsSystemCredentials();

  @BeforeAll
  static void putObject() {
    bucket = S3.createBucket();
    S3.put(bucket, "docs/a.txt", "a".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void missingBucketSaysWhichAndWhatToCheck() {
    assertThatThrownBy(() -> list("s3://no-such-bucket/docs/", S3.settings()))
        .isInstanceOf(PrecisException.class)
        .hasMessage(
            "S3 bucket 'no-such-bucket' does not exist at "
                + S3.endpoint()
                + " (listing s3://no-such-bucket/docs/). Check the bucket name in --input,"
                + " source.s3.endpoint, and source.s3.path-style (most S3-compatible stores need"
                + " path-style = true).");
  }

  @Test
  void wrongSecretKeyIsADeniedListingThatPointsAtTheCredentials() {
    credentials.use(S3TestServer.IDENTITY, "not-the-secret");

    assertThatThrownBy(() -> list("s3://" + bucket + "/docs", S3.settings()))
        .isInstanceOf(PrecisException.class)
        .hasMessageStartingWith(
            "S3 denied listing s3://"
                + bucket
                + "/docs at "
                + S3.endpoint()
                + " (SignatureDoesNotMatch")
        .hasMessageEndingWith(CREDENTIALS_FIX + bucket + "'.")
        .hasMessageNotContaining("\n")
        .hasMessageNotContaining("not-the-secret");
  }

  @Test
  void unknownAccessKeyIsADeniedListingToo() {
    credentials.use("nobody", S3TestServer.CREDENTIAL);

    assertThatThrownBy(() -> list("s3://" + bucket, S3.settings()))
        .isInstanceOf(PrecisException.class)
        .hasMessageStartingWith(
            "S3 denied listing s3://" + bucket + "/ at " + S3.endpoint() + " (InvalidAccessKeyId")
        .hasMessageEndingWith(CREDENTIALS_FIX + bucket + "'.");
  }

  @Test
  void unreachableEndpointSaysWhatToCheck() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String endpoint = "http://127.0.0.1:" + closedPort;
    SourceSettings settings = new SourceSettings(List.of(), List.of(), endpoint, "us-east-1", true);

    assertThatThrownBy(() -> list("s3://" + bucket + "/docs/", settings))
        .isInstanceOf(PrecisException.class)
        .hasMessageStartingWith("Cannot list s3://" + bucket + "/docs/ at " + endpoint + " (")
        .hasMessageEndingWith(
            "). Check source.s3.endpoint, source.s3.region and source.s3.path-style, your network,"
                + " and the AWS credentials in the environment (AWS_ACCESS_KEY_ID and"
                + " AWS_SECRET_ACCESS_KEY, or AWS_PROFILE).")
        .hasMessageNotContaining("\n");
  }

  @Test
  void inputWithoutABucketIsRejectedWhenTheSourceIsMade() {
    assertThatThrownBy(() -> new S3DocumentSource(List.of("s3:///docs"), S3.settings()))
        .isInstanceOf(PrecisException.class)
        .hasMessage(
            "Input 's3:///docs' names no bucket. Write an S3 input as s3://bucket/prefix (or"
                + " s3://bucket for the whole bucket).");
  }

  @Test
  void invalidGlobIsRejectedWhenTheSourceIsMade() {
    assertThatThrownBy(
            () ->
                new S3DocumentSource(
                    List.of("s3://" + bucket), S3.settings(List.of("docs/[a"), List.of())))
        .isInstanceOf(PrecisException.class)
        .hasMessage(
            "Config key 'source.include-globs' is set to 'docs/[a' but must be a glob in java.nio"
                + " PathMatcher syntax (Missing ]). Set it to e.g. [\"**.pdf\"].");
  }

  @Test
  void listingWorksAgainOnceTheCredentialsAreRight() {
    credentials.use(S3TestServer.IDENTITY, "not-the-secret");
    assertThatThrownBy(() -> list("s3://" + bucket, S3.settings()))
        .isInstanceOf(PrecisException.class);

    credentials.use(S3TestServer.IDENTITY, S3TestServer.CREDENTIAL);
    assertThat(list("s3://" + bucket, S3.settings())).hasSize(1);
  }

  private static List<?> list(String input, SourceSettings settings) {
    try (S3DocumentSource source = new S3DocumentSource(List.of(input), settings)) {
      return source.list();
    }
  }
}
