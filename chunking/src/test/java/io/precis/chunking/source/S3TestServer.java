package io.precis.chunking.source;

import io.precis.core.config.SourceSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server for tests: S3Proxy in this JVM on 127.0.0.1 and a free port, over jclouds'
 * in-memory "transient" blob store, checking AWS V2/V4 signatures against {@link #IDENTITY} and
 * {@link #CREDENTIAL}. Started once per test JVM and shared; each test makes its own bucket.
 */
public final class S3TestServer {
  public static final String IDENTITY = "precis-test-identity";
  public static final String CREDENTIAL = "precis-test-credential";
  public static final String REGION = "us-east-1";

  private static S3TestServer shared;

  private final S3Proxy proxy;
  private final BlobStoreContext context;
  private final URI endpoint;
  private final S3Client client;

  private S3TestServer() throws Exception {
    context = ContextBuilder.newBuilder("transient").build(BlobStoreContext.class);
    proxy =
        S3Proxy.builder()
            .blobStore(context.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, IDENTITY, CREDENTIAL)
            .build();
    proxy.start();
    endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    // The tests' own client, to put objects; the sources under test get their credentials from
    // the AWS default chain instead (see AwsSystemCredentials).
    client =
        S3Client.builder()
            .endpointOverride(endpoint)
            .region(Region.of(REGION))
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(IDENTITY, CREDENTIAL)))
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .build();
  }

  /** The server of this JVM, started on first use and stopped when the JVM exits. */
  public static synchronized S3TestServer shared() {
    if (shared == null) {
      try {
        shared = new S3TestServer();
      } catch (Exception e) {
        throw new IllegalStateException("Cannot start S3Proxy", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
    }
    return shared;
  }

  public URI endpoint() {
    return endpoint;
  }

  /** Settings that reach this server (path-style), with these globs. */
  public SourceSettings settings(List<String> includeGlobs, List<String> excludeGlobs) {
    return new SourceSettings(includeGlobs, excludeGlobs, endpoint.toString(), REGION, true);
  }

  public SourceSettings settings() {
    return settings(List.of(), List.of());
  }

  /** A client with the server's credentials, for putting and deleting objects in tests. */
  public S3Client client() {
    return client;
  }

  /** The store behind the server, to put many objects without HTTP. */
  public BlobStore blobStore() {
    return context.getBlobStore();
  }

  /** A new empty bucket with a unique name. */
  public String createBucket() {
    String bucket = "precis-" + UUID.randomUUID().toString().substring(0, 8);
    client.createBucket(request -> request.bucket(bucket));
    return bucket;
  }

  public void put(String bucket, String key, byte[] content) {
    client.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromBytes(content));
  }

  /**
   * Uploads every file under the folder, hidden ones too, with its path relative to the folder
   * ("/"-separated) after the prefix as its key: the bucket then mirrors the folder.
   *
   * @return the keys, sorted
   */
  public List<String> uploadFolder(Path folder, String bucket, String prefix) {
    List<String> keys = new ArrayList<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        List<String> parts = new ArrayList<>();
        folder.relativize(file).forEach(part -> parts.add(part.toString()));
        String key = prefix + String.join("/", parts);
        client.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromFile(file));
        keys.add(key);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return keys;
  }

  private void stop() {
    client.close();
    try {
      proxy.stop();
    } catch (Exception e) {
      // The JVM is exiting; nothing to do.
    }
    context.close();
  }
}
