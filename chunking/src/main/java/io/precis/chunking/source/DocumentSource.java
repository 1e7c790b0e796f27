package io.precis.chunking.source;

import io.precis.core.model.DocumentRef;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Where documents come from: lists them with a version that changes when their content does, and
 * opens one for reading. Implementations are serializable so that executors can open documents;
 * {@link DocumentSources#of} builds the right one for a job's inputs.
 */
public interface DocumentSource extends java.io.Serializable, AutoCloseable {
  /**
   * Every document under the source's inputs, in a stable order.
   *
   * @throws io.precis.core.errors.PrecisException when an input does not exist or cannot be listed
   */
  List<DocumentRef> list();

  /**
   * Opens the document's content. The caller closes the stream.
   *
   * @throws IOException when the document cannot be read, for instance because it was deleted after
   *     it was listed
   */
  InputStream open(DocumentRef document) throws IOException;

  /**
   * Releases the clients this source holds (an S3 source's HTTP connections). A source that holds
   * none does nothing; a source used after it was closed opens new clients.
   */
  @Override
  default void close() {}
}
