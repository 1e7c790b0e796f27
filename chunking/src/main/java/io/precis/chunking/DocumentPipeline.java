package io.precis.chunking;

import io.precis.chunking.chunk.JtokkitTokenCounter;
import io.precis.chunking.chunk.TextChunker;
import io.precis.chunking.chunk.TokenCounter;
import io.precis.chunking.clean.BoilerplateSet;
import io.precis.chunking.clean.CleanedText;
import io.precis.chunking.clean.TextCleaner;
import io.precis.chunking.parse.DocumentParser;
import io.precis.chunking.parse.IsolatedDocumentParser;
import io.precis.chunking.parse.ParseOutcome;
import io.precis.chunking.parse.TikaDocumentParser;
import io.precis.chunking.source.DocumentSource;
import io.precis.core.config.PrecisSettings;
import io.precis.core.model.Chunk;
import io.precis.core.model.DocumentRef;
import io.precis.core.model.ErrorCode;
import java.io.Serializable;
import java.util.List;

/**
 * Takes documents from their source to chunks in two steps, so that a job can learn its corpus'
 * boilerplate in between: {@link #parse} (Tika, in a separate JVM unless {@code parsing.isolation =
 * none}), then {@link #prepare} (clean, chunk, sign). One instance per worker thread; {@link
 * #close()} stops its parsing JVM.
 */
public final class DocumentPipeline implements AutoCloseable {
  private final DocumentSource source;
  private final DocumentParser parser;
  private final TextCleaner cleaner;
  private final TokenCounter tokens;
  private final TextChunker chunker;

  public DocumentPipeline(DocumentSource source, PrecisSettings settings) {
    this.source = source;
    this.parser =
        settings.parsing().isolated()
            ? new IsolatedDocumentParser(settings.parsing())
            : new TikaDocumentParser(settings.parsing());
    this.cleaner = new TextCleaner(settings.cleaning());
    this.tokens = JtokkitTokenCounter.forEncoding(settings.chunking().encoding());
    this.chunker = new TextChunker(tokens, settings.chunking());
  }

  /** The document parsed, or why it could not be. */
  public ParseOutcome parse(DocumentRef document) {
    return parser.parse(document, source);
  }

  /**
   * A parsed document cleaned against the job's boilerplate and cut into chunks; a failure passes
   * through. A text that cleans away to nothing becomes an EMPTY_TEXT failure.
   */
  public ProcessedDocument prepare(ParseOutcome outcome, BoilerplateSet boilerplate) {
    if (!(outcome instanceof ParseOutcome.Parsed parsed)) {
      return new ProcessedDocument(outcome, List.of(), Cleaning.NONE);
    }
    CleanedText cleaned = cleaner.clean(parsed.text(), boilerplate);
    List<Chunk> chunks = chunker.chunk(parsed.document().docId(), cleaned.text());
    if (chunks.isEmpty()) {
      return new ProcessedDocument(
          new ParseOutcome.Failed(
              parsed.document(),
              parsed.mimeType(),
              ErrorCode.EMPTY_TEXT,
              "the document holds no visible text"),
          List.of(),
          Cleaning.NONE);
    }
    // What is sent is the chunks' tokens; what cleaning saved is counted on the removed lines
    // alone. Tokenizing the whole parsed text once more (tokenizing is most of chunking's time)
    // would also count the whitespace cleaning collapsed: a few percent more, left out, so the
    // saving is never overstated.
    int after = chunks.stream().mapToInt(Chunk::tokens).sum();
    int removed = cleaned.removedLines() == 0 ? 0 : tokens.count(cleaned.removedText());
    return new ProcessedDocument(
        outcome, chunks, new Cleaning(after + removed, after, cleaned.removedLines()));
  }

  /** Parse and prepare one document, with no corpus boilerplate known. */
  public ProcessedDocument process(DocumentRef document) {
    return prepare(parse(document), BoilerplateSet.empty());
  }

  @Override
  public void close() {
    if (parser instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot stop the parsing JVM", e);
      }
    }
  }

  /**
   * What cleaning took out of a document, in tokens of the chunking tokenizer.
   *
   * @param tokensBefore the tokens of the chunks plus those of the lines cleaning removed
   * @param tokensAfter the tokens of the document's chunks: what is sent
   */
  public record Cleaning(int tokensBefore, int tokensAfter, int removedLines)
      implements Serializable {
    static final Cleaning NONE = new Cleaning(0, 0, 0);

    public int removedTokens() {
      return Math.max(0, tokensBefore - tokensAfter);
    }
  }

  /** A parse outcome with the chunks of its cleaned text (none for a failure). */
  public record ProcessedDocument(ParseOutcome outcome, List<Chunk> chunks, Cleaning cleaning)
      implements Serializable {
    public ProcessedDocument {
      chunks = List.copyOf(chunks);
    }
  }
}
