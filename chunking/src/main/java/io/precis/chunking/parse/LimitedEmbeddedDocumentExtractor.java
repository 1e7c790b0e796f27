package io.precis.chunking.parse;

import java.io.IOException;
import java.io.InputStream;
import org.apache.tika.extractor.ParsingEmbeddedDocumentExtractor;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Parses documents embedded in a document (zip entries, attachments, objects in office files) into
 * the parent's text, up to a number of embedded documents and a depth of nesting. What is beyond
 * the limits is skipped and counted, never an error: a zip of a million files gives the text of the
 * first thousand.
 */
final class LimitedEmbeddedDocumentExtractor extends ParsingEmbeddedDocumentExtractor {
  private final int maxDocuments;
  private final int maxDepth;
  private int documents;
  private int depth;

  LimitedEmbeddedDocumentExtractor(ParseContext context, int maxDocuments, int maxDepth) {
    super(context);
    this.maxDocuments = maxDocuments;
    this.maxDepth = maxDepth;
  }

  @Override
  public boolean shouldParseEmbedded(Metadata metadata) {
    if (documents >= maxDocuments || depth >= maxDepth) {
      return false;
    }
    return super.shouldParseEmbedded(metadata);
  }

  @Override
  public void parseEmbedded(
      InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
      throws SAXException, IOException {
    documents++;
    depth++;
    try {
      super.parseEmbedded(stream, handler, metadata, outputHtml);
    } finally {
      depth--;
    }
  }
}
