package io.precis.chunking;

import io.precis.chunking.chunk.JtokkitTokenCounter;
import io.precis.chunking.chunk.TextChunker;
import io.precis.chunking.parse.DocumentParser;
import io.precis.chunking.parse.ParseOutcome;
import io.precis.chunking.parse.TikaDocumentParser;
import io.precis.chunking.source.DocumentSource;
import io.precis.core.config.PrecisSettings;
import io.precis.core.model.Chunk;
import io.precis.core.model.DocumentRef;
import java.util.List;

/**
 * Takes one document from its source to chunks: parse, normalize, chunk. One instance per worker
 * thread; it holds a parser and a tokenizer.
 */
public final class DocumentPipeline {
  private final DocumentSource source;
  private final DocumentParser parser;
  private final TextChunker chunker;

  public DocumentPipeline(DocumentSource source, PrecisSettings settings) {
    this(
        source,
        new TikaDocumentParser(settings.parsing().maxCharacters()),
        new TextChunker(
            JtokkitTokenCounter.forEncoding(settings.chunking().encoding()), settings.chunking()));
  }

  public DocumentPipeline(DocumentSource source, DocumentParser parser, TextChunker chunker) {
    this.source = source;
    this.parser = parser;
    this.chunker = chunker;
  }

  /** The document's parse outcome and, when it parsed, its chunks in order. */
  public ProcessedDocument process(DocumentRef document) {
    ParseOutcome outcome = parser.parse(document, source);
    if (outcome instanceof ParseOutcome.Parsed parsed) {
      List<Chunk> chunks = chunker.chunk(document.docId(), parsed.text());
      if (chunks.isEmpty()) {
        // Text of only invisible characters (e.g. non-breaking spaces): nothing to summarize.
        return new ProcessedDocument(
            new ParseOutcome.Failed(
                document,
                parsed.mimeType(),
                io.precis.core.model.ErrorCode.EMPTY_TEXT,
                "the document holds no visible text"),
            List.of());
      }
      return new ProcessedDocument(outcome, chunks);
    }
    return new ProcessedDocument(outcome, List.of());
  }

  /** A parse outcome with the chunks of the parsed text (none for a failure). */
  public record ProcessedDocument(ParseOutcome outcome, List<Chunk> chunks)
      implements java.io.Serializable {
    public ProcessedDocument {
      chunks = List.copyOf(chunks);
    }
  }
}
