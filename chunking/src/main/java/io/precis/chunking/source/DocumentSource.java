package io.precis.chunking.source;

import io.precis.core.model.DocumentRef;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Where documents come from: lists them with a version that changes when their content does, and
 * opens one for reading. Implementations are serializable so that executors can open documents.
 */
public interface DocumentSource extends java.io.Serializable {
  /**
   * Every document under the source's inputs, in a stable order.
   *
   * @throws io.precis.core.errors.PrecisException when an input does not exist
   */
  List<DocumentRef> list();

  /**
   * Opens the document's content. The caller closes the stream.
   *
   * @throws IOException when the document cannot be read
   */
  InputStream open(DocumentRef document) throws IOException;
}
