package io.precis.chunking.parse;

import io.precis.chunking.source.DocumentSource;
import io.precis.core.config.ParsingSettings;
import io.precis.core.model.DocumentRef;
import io.precis.core.model.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.PagedText;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;

/**
 * Parses any format Tika knows into structured plain text (see {@link StructuredTextHandler}), in
 * this JVM, within the limits of {@link ParsingSettings}: characters, bytes, embedded documents and
 * their nesting. A document Tika cannot parse becomes a {@link ParseOutcome.Failed}, never an
 * exception. This guards against bad documents but not against hostile ones (a parser that hangs or
 * exhausts the heap): {@link IsolatedDocumentParser} runs this class in a separate JVM for that.
 */
public final class TikaDocumentParser implements DocumentParser {
  private final Parser parser = new AutoDetectParser();
  private final ParsingSettings settings;

  public TikaDocumentParser(ParsingSettings settings) {
    this.settings = settings;
  }

  /**
   * The failure of a document larger than parsing.max-bytes, refused before anything is read; null
   * for one that may be parsed.
   */
  static ParseOutcome tooLarge(DocumentRef document, ParsingSettings settings) {
    if (document.bytes() <= settings.maxBytes()) {
      return null;
    }
    return new ParseOutcome.Failed(
        document,
        "application/octet-stream",
        ErrorCode.TOO_LARGE,
        "the document has "
            + document.bytes()
            + " bytes, more than parsing.max-bytes ("
            + settings.maxBytes()
            + ")");
  }

  @Override
  public ParseOutcome parse(DocumentRef document, DocumentSource source) {
    ParseOutcome refused = tooLarge(document, settings);
    if (refused != null) {
      return refused;
    }
    Path local = localPath(document);
    try (InputStream stream =
        local != null ? TikaInputStream.get(local) : TikaInputStream.get(source.open(document))) {
      return parse(document, stream);
    } catch (IOException e) {
      return new ParseOutcome.Failed(
          document, "application/octet-stream", ErrorCode.READ_FAILED, describe(e));
    }
  }

  /** Parses a stream of the document; the caller closes the stream. */
  ParseOutcome parse(DocumentRef document, InputStream stream) {
    Metadata metadata = new Metadata();
    metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName(document.uri()));
    StructuredTextHandler text = new StructuredTextHandler(settings.maxCharacters());
    ParseContext context = new ParseContext();
    if (settings.includeEmbedded()) {
      context.set(Parser.class, parser);
      context.set(
          EmbeddedDocumentExtractor.class,
          new LimitedEmbeddedDocumentExtractor(
              context, settings.maxEmbedded(), settings.maxEmbeddedDepth()));
    }
    try {
      parser.parse(stream, new BodyContentHandler(text), metadata, context);
    } catch (Exception e) {
      if (!WriteLimitReachedException.isWriteLimitReached(e)) {
        return failure(document, metadata, e);
      }
    } catch (StackOverflowError e) {
      return new ParseOutcome.Failed(
          document,
          mimeType(metadata),
          ErrorCode.PARSE_FAILED,
          "the document nests too deeply for the parser (StackOverflowError)");
    } catch (LinkageError e) {
      return failure(document, metadata, e);
    }
    String body = text.text();
    if (body.isBlank()) {
      return new ParseOutcome.Failed(
          document, mimeType(metadata), ErrorCode.EMPTY_TEXT, "the document holds no text");
    }
    return new ParseOutcome.Parsed(
        document,
        mimeType(metadata),
        body,
        metadata.get(TikaCoreProperties.TITLE),
        metadata.get(TikaCoreProperties.CREATOR),
        language(metadata),
        metadata.getInt(PagedText.N_PAGES),
        text.truncated());
  }

  /** The language the document declares (Dublin Core, or an HTML page's lang), if any. */
  private static String language(Metadata metadata) {
    String declared = metadata.get(TikaCoreProperties.LANGUAGE);
    if (declared == null) {
      declared = metadata.get(org.apache.tika.metadata.HttpHeaders.CONTENT_LANGUAGE);
    }
    return declared == null || declared.isBlank() ? null : declared.strip();
  }

  private static ParseOutcome failure(DocumentRef document, Metadata metadata, Throwable e) {
    if (causedBy(e, ZeroByteFileException.class)) {
      return new ParseOutcome.Failed(
          document, mimeType(metadata), ErrorCode.EMPTY_TEXT, "the document is empty (0 bytes)");
    }
    if (causedBy(e, EncryptedDocumentException.class)) {
      return new ParseOutcome.Failed(
          document, mimeType(metadata), ErrorCode.ENCRYPTED, "the document is encrypted");
    }
    return new ParseOutcome.Failed(
        document, mimeType(metadata), ErrorCode.PARSE_FAILED, describe(rootCause(e)));
  }

  /** The file behind a file: URI, or null for any other source. */
  static Path localPath(DocumentRef document) {
    if (!document.uri().startsWith("file:")) {
      return null;
    }
    Path path = Path.of(URI.create(document.uri()));
    return Files.isRegularFile(path) ? path : null;
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  static String describe(Throwable e) {
    String message = e.getMessage();
    String text = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    text = text.replaceAll("\\s+", " ");
    return text.length() > 500 ? text.substring(0, 500) + "..." : text;
  }

  private static String mimeType(Metadata metadata) {
    String type = metadata.get(Metadata.CONTENT_TYPE);
    return type == null ? "application/octet-stream" : type;
  }

  private static String fileName(String uri) {
    int slash = uri.lastIndexOf('/');
    return slash < 0 ? uri : uri.substring(slash + 1);
  }
}
