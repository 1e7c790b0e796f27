package io.precis.chunking.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

class S3ObjectStreamTest {
  private static final byte[] CONTENT = "0123456789".getBytes(StandardCharsets.UTF_8);

  private final AtomicInteger aborts = new AtomicInteger();

  @Test
  void closingBeforeTheEndAbortsTheDownload() throws IOException {
    try (S3ObjectStream stream = stream()) {
      assertThat(stream.read()).isEqualTo('0');
      assertThat(stream.readNBytes(3)).containsExactly('1', '2', '3');
    }
    assertThat(aborts).hasValue(1);
  }

  @Test
  void closingAfterReadingEveryByteReleasesTheConnectionWithoutAborting() throws IOException {
    try (S3ObjectStream stream = stream()) {
      assertThat(stream.skip(2)).isEqualTo(2);
      assertThat(stream.readNBytes(CONTENT.length - 2)).hasSize(CONTENT.length - 2);
    }
    assertThat(aborts).hasValue(0);
  }

  @Test
  void closingAtEndOfStreamDoesNotAbort() throws IOException {
    try (S3ObjectStream stream = stream()) {
      assertThat(stream.readAllBytes()).isEqualTo(CONTENT);
    }
    assertThat(aborts).hasValue(0);
  }

  private S3ObjectStream stream() {
    AbortableInputStream body =
        AbortableInputStream.create(new ByteArrayInputStream(CONTENT), aborts::incrementAndGet);
    return new S3ObjectStream(
        new ResponseInputStream<>(GetObjectResponse.builder().build(), body), CONTENT.length);
  }
}
