package io.precis.chunking.source;

import java.io.Serializable;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The S3 clients of this JVM, one per store, shared by the sources that use it and closed when the
 * last of them is closed.
 *
 * <p>Why shared: Spark deserializes a fresh copy of a source for every task, and an S3 client per
 * copy would each hold a connection pool that nobody closes. Copies that are never closed (as on
 * executors) keep their store's one client open until the JVM exits.
 */
final class SharedS3Clients {
  /** What tells one store's client from another's: the S3 part of the source settings. */
  record Store(String endpoint, String region, boolean pathStyle) implements Serializable {
    Store {
      Objects.requireNonNull(endpoint, "endpoint is null");
      Objects.requireNonNull(region, "region is null");
    }

    /** The store as shown in messages. */
    String describe() {
      return endpoint.isEmpty() ? "AWS S3 (region " + region + ")" : endpoint;
    }
  }

  private static final class Shared {
    final S3Client client;
    final DefaultCredentialsProvider credentials;
    int users;

    Shared(S3Client client, DefaultCredentialsProvider credentials) {
      this.client = client;
      this.credentials = credentials;
    }
  }

  private static final Map<Store, Shared> CLIENTS = new HashMap<>();

  private SharedS3Clients() {}

  /** The store's client, created on first use; pair every call with one {@link #release}. */
  static synchronized S3Client acquire(Store store) {
    Shared shared = CLIENTS.computeIfAbsent(store, SharedS3Clients::create);
    shared.users++;
    return shared.client;
  }

  /** Gives back one use of the store's client; the last closes it. */
  static synchronized void release(Store store) {
    Shared shared = CLIENTS.get(store);
    if (shared == null || --shared.users > 0) {
      return;
    }
    CLIENTS.remove(store);
    shared.client.close();
    shared.credentials.close();
  }

  /** How many sources hold the store's client now; 0 when it is closed. For tests. */
  static synchronized int users(Store store) {
    Shared shared = CLIENTS.get(store);
    return shared == null ? 0 : shared.users;
  }

  private static Shared create(Store store) {
    // Credentials only ever come from the environment, profile or instance role: never config.
    DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
    S3ClientBuilder builder =
        S3Client.builder()
            .region(Region.of(store.region()))
            .credentialsProvider(credentials)
            .forcePathStyle(store.pathStyle());
    if (!store.endpoint().isEmpty()) {
      // Since SDK 2.30 requests ask for checksums by default (x-amz-checksum-mode on GET), which
      // S3-compatible stores such as S3Proxy and older MinIO and Ceph refuse with 501
      // NotImplemented. Ask only where the API requires it; AWS itself keeps the default.
      builder
          .endpointOverride(URI.create(store.endpoint()))
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
    return new Shared(builder.build(), credentials);
  }
}
