package io.precis.chunking.source;

import io.precis.core.model.DocumentRef;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Local and S3 inputs of one job as one source: lists each source in turn, and opens a document
 * with the source for its URI's scheme (file: or s3:).
 */
final class CompositeDocumentSource implements DocumentSource {
  private static final long serialVersionUID = 1L;

  private final DocumentSource first;
  private final DocumentSource second;

  /** One of them a {@link LocalDocumentSource}, the other an {@link S3DocumentSource}. */
  CompositeDocumentSource(DocumentSource first, DocumentSource second) {
    this.first = Objects.requireNonNull(first, "first is null");
    this.second = Objects.requireNonNull(second, "second is null");
  }

  @Override
  public List<DocumentRef> list() {
    List<DocumentRef> documents = new ArrayList<>(first.list());
    documents.addAll(second.list());
    return documents.stream().distinct().toList();
  }

  @Override
  public InputStream open(DocumentRef document) throws IOException {
    boolean s3 = S3Location.isS3(document.uri());
    boolean firstIsS3 = first instanceof S3DocumentSource;
    return (s3 == firstIsS3 ? first : second).open(document);
  }

  @Override
  public void close() {
    try {
      first.close();
    } finally {
      second.close();
    }
  }

  @Override
  public String toString() {
    return first + ", " + second;
  }
}
