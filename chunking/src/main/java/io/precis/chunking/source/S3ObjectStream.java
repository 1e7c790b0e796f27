package io.precis.chunking.source;

import java.io.FilterInputStream;
import java.io.IOException;
import software.amazon.awssdk.core.ResponseInputStream;

/**
 * The content of one S3 object as it arrives over HTTP. Closing it before the end aborts the
 * connection: a plain close would first read, and throw away, the rest of the object, which for a
 * large document whose parser stopped early is most of it.
 */
final class S3ObjectStream extends FilterInputStream {
  private final ResponseInputStream<?> response;
  private final long length;
  private long position;
  private boolean ended;

  /**
   * @param length the object's size in bytes, to know when it has all been read
   */
  S3ObjectStream(ResponseInputStream<?> response, long length) {
    super(response);
    this.response = response;
    this.length = length;
  }

  @Override
  public int read() throws IOException {
    int value = super.read();
    if (value < 0) {
      ended = true;
    } else {
      position++;
    }
    return value;
  }

  @Override
  public int read(byte[] buffer, int offset, int count) throws IOException {
    int read = super.read(buffer, offset, count);
    if (read < 0) {
      ended = true;
    } else {
      position += read;
    }
    return read;
  }

  @Override
  public long skip(long count) throws IOException {
    long skipped = super.skip(count);
    position += skipped;
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public void close() throws IOException {
    if (!ended && position < length) {
      response.abort();
    }
    super.close();
  }
}
