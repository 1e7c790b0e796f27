package io.precis.chunking.parse;

import io.precis.chunking.source.DocumentSource;
import io.precis.core.model.DocumentRef;

/** Turns a document into text and metadata. Never throws for a bad document: it reports it. */
public interface DocumentParser {
  ParseOutcome parse(DocumentRef document, DocumentSource source);
}
