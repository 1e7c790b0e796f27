package io.precis.chunking.source;

import io.precis.core.config.SourceSettings;
import io.precis.core.errors.Errors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Builds the document source for a job's {@code --input} values: {@code s3://bucket/prefix} inputs
 * are read from S3 ({@link S3DocumentSource}), anything else is a local file or folder ({@link
 * LocalDocumentSource}). Both kinds may be mixed in one job.
 */
public final class DocumentSources {
  private DocumentSources() {}

  /**
   * One source over all the inputs, with the settings' globs and S3 store. With both local and S3
   * inputs, it lists the kind named first, then the other.
   *
   * @throws io.precis.core.errors.PrecisException when there are no inputs, an input uses the
   *     Hadoop schemes s3a:// or s3n:// or a scheme precis does not read (http://...), an S3 input
   *     names no bucket, or a glob is not valid
   */
  public static DocumentSource of(List<String> inputs, SourceSettings settings) {
    Objects.requireNonNull(inputs, "inputs is null");
    Objects.requireNonNull(settings, "settings is null");
    if (inputs.isEmpty()) {
      throw Errors.noInput();
    }
    List<Path> local = new ArrayList<>();
    List<String> s3 = new ArrayList<>();
    for (String input : inputs) {
      String lower = input.toLowerCase(Locale.ROOT);
      if (lower.startsWith("s3a://") || lower.startsWith("s3n://")) {
        throw Errors.hadoopS3Scheme(input);
      }
      if (S3Location.isS3(input)) {
        s3.add(input);
      } else if (lower.matches("^[a-z][a-z0-9+.-]*://.*") && !lower.startsWith("file://")) {
        throw Errors.unsupportedInput(input);
      } else {
        local.add(
            lower.startsWith("file://") ? Path.of(java.net.URI.create(input)) : Path.of(input));
      }
    }
    if (s3.isEmpty()) {
      return new LocalDocumentSource(local, settings);
    }
    if (local.isEmpty()) {
      return new S3DocumentSource(s3, settings);
    }
    DocumentSource localSource = new LocalDocumentSource(local, settings);
    DocumentSource s3Source = new S3DocumentSource(s3, settings);
    return S3Location.isS3(inputs.get(0))
        ? new CompositeDocumentSource(s3Source, localSource)
        : new CompositeDocumentSource(localSource, s3Source);
  }
}
