package io.precis.jobs.tables;

import io.precis.chunking.DocumentPipeline.ProcessedDocument;
import io.precis.chunking.parse.ParseOutcome;
import io.precis.core.model.DocumentStatus;
import io.precis.core.model.LlmCallRecord;
import io.precis.summarize.ChunkOutcome;
import io.precis.summarize.DocumentSummary;
import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Turns precis records into rows of the table schemas in {@link TableSchemas}, column by column.
 */
public final class Rows {
  private Rows() {}

  /**
   * The documents row of a processed document.
   *
   * @param summarized whether the document got its summary in this run
   */
  public static Row document(
      ProcessedDocument document, boolean summarized, String jobId, Instant at) {
    ParseOutcome outcome = document.outcome();
    var ref = outcome.document();
    if (outcome instanceof ParseOutcome.Parsed parsed) {
      var cleaning = document.cleaning();
      DocumentStatus status = summarized ? DocumentStatus.SUMMARIZED : DocumentStatus.PARSED;
      return RowFactory.create(
          ref.docId(),
          ref.uri(),
          ref.version(),
          ref.bytes(),
          parsed.mimeType(),
          status.name(),
          null,
          null,
          (long) parsed.text().length(),
          cleaning.tokensAfter(),
          cleaning.removedTokens(),
          cleaning.removedLines(),
          document.chunks().size(),
          parsed.title(),
          parsed.author(),
          parsed.language(),
          parsed.pages(),
          parsed.truncated(),
          jobId,
          Timestamp.from(at));
    }
    ParseOutcome.Failed failed = (ParseOutcome.Failed) outcome;
    return RowFactory.create(
        ref.docId(),
        ref.uri(),
        ref.version(),
        ref.bytes(),
        failed.mimeType(),
        DocumentStatus.FAILED.name(),
        failed.code().name(),
        failed.message(),
        null,
        null,
        null,
        null,
        0,
        null,
        null,
        null,
        null,
        false,
        jobId,
        Timestamp.from(at));
  }

  public static Row chunk(ChunkOutcome outcome, String jobId) {
    var chunk = outcome.chunk();
    return RowFactory.create(
        chunk.chunkId(),
        chunk.docId(),
        chunk.ordinal(),
        chunk.tokens(),
        chunk.textHash(),
        minHash(chunk.minHash().values()),
        outcome.resolution().name(),
        outcome.duplicateOf(),
        outcome.cacheEntryId(),
        outcome.bucket(),
        outcome.tier(),
        outcome.model(),
        outcome.summary(),
        null,
        outcome.reason(),
        jobId);
  }

  private static Integer[] minHash(int[] values) {
    if (values.length == 0) {
      return null;
    }
    Integer[] boxed = new Integer[values.length];
    for (int i = 0; i < values.length; i++) {
      boxed[i] = values[i];
    }
    return boxed;
  }

  public static Row summary(DocumentSummary summary, String jobId, Instant at) {
    return RowFactory.create(
        summary.docId(),
        summary.summary(),
        summary.models().toArray(new String[0]),
        jobId,
        Timestamp.from(at));
  }

  public static Row call(LlmCallRecord call) {
    var job = call.job();
    return RowFactory.create(
        call.callId(),
        call.requestHash(),
        job.jobId(),
        call.docId(),
        call.chunkId(),
        call.stage().name(),
        call.provider(),
        call.model(),
        call.tier(),
        call.promptVersion(),
        call.usage().inputTokens(),
        call.usage().outputTokens(),
        call.usage().cachedInputTokens(),
        call.latencyMs(),
        call.costUsd(),
        call.status(),
        call.errorCode() == null ? null : call.errorCode().name(),
        call.errorMessage(),
        call.attempts(),
        job.feature(),
        job.tenant(),
        job.userId().isEmpty() ? null : job.userId(),
        Timestamp.from(call.startedAt()),
        call.checkFailed());
  }
}
