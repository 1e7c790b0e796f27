package io.precis.core.model;

import io.precis.core.cost.TokenUsage;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One logical LLM call as the ledger ({@code llm_calls}) keeps it: what was asked of which model,
 * what it used, what it cost, and how it ended.
 *
 * @param callId idempotency key: a hash of the prompt, model, prompt version and parameters
 * @param requestHash 24 hex characters of a hash of the normalized request
 * @param errorCode null when {@code ok}
 * @param checkFailed the resolution check the answer failed, so that the chunk went on to the next
 *     tier ("INVENTED_NUMBER: 4,812,309 not in the source"); null when it passed or was not checked
 */
public record LlmCallRecord(
    String callId,
    String requestHash,
    JobContext job,
    String docId,
    String chunkId,
    CallStage stage,
    String provider,
    String model,
    String tier,
    String promptVersion,
    TokenUsage usage,
    long latencyMs,
    BigDecimal costUsd,
    boolean ok,
    ErrorCode errorCode,
    String errorMessage,
    int attempts,
    Instant startedAt,
    String checkFailed)
    implements Serializable {
  public LlmCallRecord {
    Objects.requireNonNull(callId, "callId is null");
    Objects.requireNonNull(requestHash, "requestHash is null");
    Objects.requireNonNull(job, "job is null");
    Objects.requireNonNull(docId, "docId is null");
    Objects.requireNonNull(stage, "stage is null");
    Objects.requireNonNull(provider, "provider is null");
    Objects.requireNonNull(model, "model is null");
    Objects.requireNonNull(tier, "tier is null");
    Objects.requireNonNull(promptVersion, "promptVersion is null");
    Objects.requireNonNull(usage, "usage is null");
    Objects.requireNonNull(costUsd, "costUsd is null");
    Objects.requireNonNull(startedAt, "startedAt is null");
    if (ok != (errorCode == null)) {
      throw new IllegalArgumentException("a call has an error code exactly when it failed");
    }
    if (requestHash.length() != 24) {
      throw new IllegalArgumentException("requestHash must be 24 characters: " + requestHash);
    }
  }

  /** This call, with the resolution check its answer failed. */
  public LlmCallRecord withCheckFailed(String check) {
    return new LlmCallRecord(
        callId,
        requestHash,
        job,
        docId,
        chunkId,
        stage,
        provider,
        model,
        tier,
        promptVersion,
        usage,
        latencyMs,
        costUsd,
        ok,
        errorCode,
        errorMessage,
        attempts,
        startedAt,
        check);
  }

  /** "OK" or "FAILED", as written to {@code llm_calls.status}. */
  public String status() {
    return ok ? "OK" : "FAILED";
  }
}
