package io.precis.jobs.summarize;

import io.precis.core.model.JobContext;
import java.time.Duration;

/** What a summarize-corpus run did, for the console report and the tests. */
public record JobResult(
    JobContext job,
    String status,
    long documents,
    long documentsFailed,
    long documentsSkipped,
    long documentSummaries,
    JobCosts costs,
    String warehouse,
    Duration wallTime) {}
