package io.precis.chunking.parse;

import io.precis.chunking.source.DocumentSource;
import io.precis.core.model.DocumentRef;
import io.precis.core.model.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.PagedText;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;

/**
 * Parses any format Tika knows into plain text, up to a character limit. A document Tika cannot
 * parse becomes a {@link ParseOutcome.Failed}, never an exception.
 */
public final class TikaDocumentParser implements DocumentParser {
  private final Parser parser = new AutoDetectParser();
  private final long maxCharacters;

  public TikaDocumentParser(long maxCharacters) {
    this.maxCharacters = maxCharacters;
  }

  @Override
  public ParseOutcome parse(DocumentRef document, DocumentSource source) {
    Metadata metadata = new Metadata();
    metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName(document.uri()));
    BodyContentHandler handler =
        new BodyContentHandler((int) Math.min(Integer.MAX_VALUE, maxCharacters));
    boolean truncated = false;
    try (InputStream raw = source.open(document);
        TikaInputStream stream = TikaInputStream.get(raw)) {
      ParseContext context = new ParseContext();
      context.set(Parser.class, parser);
      try {
        parser.parse(stream, handler, metadata, context);
      } catch (Exception e) {
        if (WriteLimitReachedException.isWriteLimitReached(e)) {
          truncated = true;
        } else {
          return failure(document, metadata, e);
        }
      }
    } catch (IOException e) {
      return new ParseOutcome.Failed(
          document, mimeType(metadata), ErrorCode.READ_FAILED, describe(e));
    } catch (RuntimeException | LinkageError e) {
      return failure(document, metadata, e);
    }
    String text = handler.toString();
    if (text.isBlank()) {
      return new ParseOutcome.Failed(
          document, mimeType(metadata), ErrorCode.EMPTY_TEXT, "the document holds no text");
    }
    return new ParseOutcome.Parsed(
        document,
        mimeType(metadata),
        text,
        metadata.get(TikaCoreProperties.TITLE),
        metadata.get(TikaCoreProperties.CREATOR),
        metadata.get(TikaCoreProperties.LANGUAGE),
        metadata.getInt(PagedText.N_PAGES),
        truncated);
  }

  private static ParseOutcome failure(DocumentRef document, Metadata metadata, Throwable e) {
    String message =
        e instanceof EncryptedDocumentException
            ? "the document is encrypted"
            : describe(rootCause(e));
    return new ParseOutcome.Failed(document, mimeType(metadata), ErrorCode.PARSE_FAILED, message);
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    String text = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
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
