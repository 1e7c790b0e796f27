package io.precis.chunking.source;

import io.precis.core.config.SourceSettings;
import io.precis.core.errors.Errors;
import io.precis.core.model.DocumentRef;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Objects in S3 or an S3-compatible store, under {@code s3://bucket/prefix} inputs. A prefix names
 * a folder: {@code s3://b/docs} and {@code s3://b/docs/} both take {@code docs/...} (not {@code
 * docs2/...}), and {@code s3://b/docs/a.pdf} takes that one object. Keys ending in "/" (folder
 * markers) are skipped, and so are hidden names, as on disk. The globs of {@link SourceSettings}
 * match each key relative to its prefix, exactly as {@link LocalDocumentSource} matches paths
 * relative to an input folder, so the same tree on disk and in a bucket yields the same documents.
 *
 * <p>A document's URI is {@code s3://bucket/key} (the key not encoded), its version {@code "etag:"}
 * and the object's ETag; {@link #open} reads only that version, and fails if the object changed
 * since it was listed. The store is reached as {@code source.s3.*} says, with credentials from the
 * AWS default chain (environment, profile, instance role). The S3 client is created on first use in
 * each JVM and shared (see {@link SharedS3Clients}); {@link #close} gives it back.
 */
public final class S3DocumentSource implements DocumentSource {
  private static final long serialVersionUID = 1L;
  private static final String ETAG_VERSION = "etag:";

  private final List<String> inputs;
  private final List<String> includeGlobs;
  private final List<String> excludeGlobs;
  private final SharedS3Clients.Store store;

  /** The client while this source holds one; null before first use, after close, on executors. */
  private transient S3Client client; // guarded by this

  /**
   * @param inputs {@code s3://bucket/prefix} locations
   * @throws io.precis.core.errors.PrecisException when an input names no bucket or a glob is not
   *     valid
   */
  public S3DocumentSource(List<String> inputs, SourceSettings settings) {
    Objects.requireNonNull(inputs, "inputs is null");
    Objects.requireNonNull(settings, "settings is null");
    inputs.forEach(S3Location::parse);
    DocumentFilter.of(settings);
    this.inputs = List.copyOf(inputs);
    this.includeGlobs = settings.includeGlobs();
    this.excludeGlobs = settings.excludeGlobs();
    this.store =
        new SharedS3Clients.Store(
            settings.s3Endpoint(), settings.s3Region(), settings.s3PathStyle());
  }

  /**
   * @throws io.precis.core.errors.PrecisException when a bucket does not exist, the listing is
   *     denied, or the store cannot be reached
   */
  @Override
  public List<DocumentRef> list() {
    if (inputs.isEmpty()) {
      throw Errors.noInput();
    }
    DocumentFilter filter = DocumentFilter.of(includeGlobs, excludeGlobs);
    List<DocumentRef> documents = new ArrayList<>();
    for (String input : inputs) {
      documents.addAll(list(S3Location.parse(input), filter));
    }
    return documents.stream().distinct().toList();
  }

  private List<DocumentRef> list(S3Location location, DocumentFilter filter) {
    ListObjectsV2Request request =
        ListObjectsV2Request.builder().bucket(location.bucket()).prefix(location.prefix()).build();
    List<DocumentRef> documents = new ArrayList<>();
    try {
      for (S3Object object : client().listObjectsV2Paginator(request).contents()) {
        if (takes(location.prefix(), object.key(), filter)) {
          documents.add(reference(location, object));
        }
      }
    } catch (NoSuchBucketException e) {
      throw Errors.s3BucketMissing(location.bucket(), location.toString(), store.describe());
    } catch (S3Exception e) {
      if (e.statusCode() == 403) {
        throw Errors.s3AccessDenied(
            location.bucket(), location.toString(), store.describe(), detail(e));
      }
      throw Errors.s3ListingFailed(location.toString(), store.describe(), detail(e));
    } catch (SdkException e) {
      throw Errors.s3ListingFailed(location.toString(), store.describe(), detail(e));
    }
    documents.sort(Comparator.comparing(DocumentRef::uri));
    return documents;
  }

  /** Whether a listed key is a document of the input with this prefix (see the class comment). */
  private static boolean takes(String prefix, String key, DocumentFilter filter) {
    if (key.endsWith("/")) {
      return false; // a folder marker, not a document
    }
    if (prefix.isEmpty() || prefix.endsWith("/")) {
      return filter.accepts(key.substring(prefix.length()));
    }
    if (key.equals(prefix)) {
      return filter.matches(key.substring(key.lastIndexOf('/') + 1));
    }
    return key.startsWith(prefix + "/") && filter.accepts(key.substring(prefix.length() + 1));
  }

  private static DocumentRef reference(S3Location location, S3Object object) {
    String etag = object.eTag() == null ? "" : object.eTag().replace("\"", "");
    return new DocumentRef(location.uri(object.key()), object.size(), ETAG_VERSION + etag);
  }

  /**
   * Streams the object; the caller closes the stream (closing it early aborts the download).
   *
   * @throws FileNotFoundException when the object no longer exists
   * @throws IOException when it changed since it was listed, or cannot be read
   */
  @Override
  public InputStream open(DocumentRef document) throws IOException {
    S3Location location = S3Location.parse(document.uri());
    String key = location.prefix();
    GetObjectRequest.Builder request =
        GetObjectRequest.builder().bucket(location.bucket()).key(key);
    String etag = etag(document);
    if (!etag.isEmpty()) {
      request.ifMatch("\"" + etag + "\"");
    }
    try {
      return new S3ObjectStream(client().getObject(request.build()), document.bytes());
    } catch (NoSuchKeyException e) {
      throw new FileNotFoundException(
          "S3 object "
              + document.uri()
              + " no longer exists: it was deleted or renamed after it was listed ("
              + detail(e)
              + ")");
    } catch (S3Exception e) {
      if (e.statusCode() == 412) {
        throw new IOException(
            "S3 object "
                + document.uri()
                + " changed after it was listed (its ETag is no longer "
                + etag
                + "); run the job again to read the new version",
            e);
      }
      throw new IOException("Cannot read S3 object " + document.uri() + ": " + detail(e), e);
    } catch (SdkException e) {
      throw new IOException("Cannot read S3 object " + document.uri() + ": " + detail(e), e);
    }
  }

  /** Gives back this source's use of the shared client; a later call takes it again. */
  @Override
  public synchronized void close() {
    if (client != null) {
      client = null;
      SharedS3Clients.release(store);
    }
  }

  @Override
  public String toString() {
    return String.join(", ", inputs);
  }

  /** The store this source reads, which names its shared client. */
  SharedS3Clients.Store store() {
    return store;
  }

  private synchronized S3Client client() {
    if (client == null) {
      client = SharedS3Clients.acquire(store);
    }
    return client;
  }

  private static String etag(DocumentRef document) {
    String version = document.version();
    return version.startsWith(ETAG_VERSION) ? version.substring(ETAG_VERSION.length()) : "";
  }

  /** The service's error code and message, or the client's message, on one line. */
  private static String detail(SdkException e) {
    if (e instanceof S3Exception s3 && s3.awsErrorDetails() != null) {
      String code = s3.awsErrorDetails().errorCode();
      String message = s3.awsErrorDetails().errorMessage();
      String text =
          (code == null ? "HTTP " + s3.statusCode() : code)
              + (message == null ? "" : ": " + message);
      return text.lines().findFirst().orElse(text);
    }
    String message = String.valueOf(e.getMessage());
    return message.lines().findFirst().orElse(message);
  }
}
