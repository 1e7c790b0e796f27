package io.precis.chunking.parse;

import io.precis.core.model.DocumentRef;
import io.precis.core.model.ErrorCode;
import java.io.Serializable;
import java.util.Objects;

/** What parsing a document gave: its text and metadata, or a failure with a reason. */
public sealed interface ParseOutcome extends Serializable {
  DocumentRef document();

  /** A parsed document. Metadata fields the format does not carry are null. */
  record Parsed(
      DocumentRef document,
      String mimeType,
      String text,
      String title,
      String author,
      String language,
      Integer pages,
      boolean truncated)
      implements ParseOutcome {
    public Parsed {
      Objects.requireNonNull(document, "document is null");
      Objects.requireNonNull(mimeType, "mimeType is null");
      Objects.requireNonNull(text, "text is null");
    }
  }

  /** A document that could not be parsed; one failure row, never an exception out of the job. */
  record Failed(DocumentRef document, String mimeType, ErrorCode code, String message)
      implements ParseOutcome {
    public Failed {
      Objects.requireNonNull(document, "document is null");
      Objects.requireNonNull(code, "code is null");
      Objects.requireNonNull(message, "message is null");
    }
  }
}
