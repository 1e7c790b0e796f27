package io.precis.core.errors;

import io.precis.core.util.Urls;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one place that words user-facing errors. Each message names what went wrong, why, and how to
 * fix it, in the manner of Delta Kernel's {@code DeltaErrors}.
 */
public final class Errors {
  private Errors() {}

  public static PrecisException unknownConfigKey(
      String key, String origin, Optional<String> suggestion) {
    String hint =
        suggestion
            .map(s -> "Did you mean '" + s + "'? ")
            .orElse("Remove it, or check its spelling. ");
    return new PrecisException(
        "Unknown config key '"
            + key
            + "' ("
            + origin
            + "). "
            + hint
            + "Every key is listed in docs/configuration.md.");
  }

  /**
   * @param type what the key takes: "list", "string", "number"...
   */
  public static PrecisException objectForValue(String key, String type, String origin) {
    return new PrecisException(
        "Config key '"
            + key
            + "' is written as an object ("
            + origin
            + ") but takes a "
            + type
            + ("list".equals(type) ? ": write it as " + key + " = [{ ... }, { ... }]. " : ". ")
            + "Every key is listed in docs/configuration.md.");
  }

  public static PrecisException secretInConfig(String key, String origin) {
    return new PrecisException(
        "Config key '"
            + key
            + "' ("
            + origin
            + ") would put a secret in a configuration file. API keys come only from environment"
            + " variables: set 'api-key-env' on the tier to the variable's name (e.g. api-key-env ="
            + " \"OPENAI_API_KEY\") and export the key there.");
  }

  public static PrecisException invalidConfigValue(
      String key, Object value, String requirement, String example) {
    return new PrecisException(
        "Config key '"
            + key
            + "' is set to "
            + render(value)
            + " but must be "
            + requirement
            + ". Set it to e.g. "
            + example
            + ".");
  }

  /** A glob that java.nio's PathMatcher rejects. */
  public static PrecisException invalidGlob(
      String key, String glob, java.util.regex.PatternSyntaxException e, String example) {
    return invalidConfigValue(
        key,
        glob,
        // The JDK's description quotes oddly ("Missing ']"): drop its quotes.
        "a glob in java.nio PathMatcher syntax (" + e.getDescription().replace("'", "") + ")",
        example);
  }

  public static PrecisException configSyntax(String origin, String detail) {
    return new PrecisException(
        "Cannot read configuration from "
            + origin
            + ": "
            + detail
            + ". Fix the syntax (HOCON, see docs/configuration.md).");
  }

  public static PrecisException configFileMissing(Path file) {
    return new PrecisException(
        "Config file "
            + file
            + " does not exist. Pass an existing file to --conf (examples are in conf/).");
  }

  public static PrecisException badSetArgument(String argument) {
    return new PrecisException(
        "--set expects key=value but got '"
            + argument
            + "'. Write e.g. --set chunking.max-tokens=400.");
  }

  public static PrecisException unknownTier(String tier, String key) {
    return new PrecisException(
        "Config key '"
            + key
            + "' names tier '"
            + tier
            + "', which is not defined. Define it under llm.tiers."
            + tier
            + " { provider, base-url, model } or name one of the tiers that exist.");
  }

  public static PrecisException missingPrice(String modelKey, String tier) {
    return new PrecisException(
        "No price for model '"
            + modelKey
            + "' (tier '"
            + tier
            + "'), so its calls could not be costed. Add it to the price table in your --conf file:"
            + " prices { \""
            + modelKey
            + "\" = [{ since = \"2025-01-01\", input-per-million = 0.15, cached-input-per-million ="
            + " 0.075, output-per-million = 0.60, batch-discount = 0 }] } (see conf/prices.conf).");
  }

  public static PrecisException missingApiKey(String variable, String tier) {
    return new PrecisException(
        "Environment variable "
            + variable
            + " is not set, and tier '"
            + tier
            + "' needs it for its API key (llm.tiers."
            + tier
            + ".api-key-env). Export it (export "
            + variable
            + "=...), or set llm.tiers."
            + tier
            + ".api-key-env = \"\" for a server that needs no key.");
  }

  public static PrecisException providerUnreachable(
      String tier, String provider, String baseUrl, String detail) {
    String fix =
        provider.equals("ollama")
            ? "Start Ollama (ollama serve) or set llm.tiers."
                + tier
                + ".base-url to where it runs; `./precis demo` runs without it, on simulated"
                + " models."
            : "Check llm.tiers." + tier + ".base-url and your network.";
    return new PrecisException(
        "Cannot reach "
            + provider
            + " at "
            + Urls.redact(baseUrl)
            + " for tier '"
            + tier
            + "' ("
            + detail
            + "). "
            + fix);
  }

  public static PrecisException modelNotServed(
      String tier, String provider, String model, String baseUrl, String detail) {
    String pull =
        provider.equals("ollama")
            ? "Pull it (ollama pull " + model + ") or set"
            : "Check the name, or set";
    return new PrecisException(
        "The server at "
            + Urls.redact(baseUrl)
            + " for tier '"
            + tier
            + "' does not serve model '"
            + model
            + "' ("
            + detail
            + "). "
            + pull
            + " llm.tiers."
            + tier
            + ".model to a model the server has.");
  }

  public static PrecisException missingInput(Path path) {
    return new PrecisException(
        "Input path "
            + path
            + " does not exist. Pass an existing file or folder to --input (relative paths are"
            + " read from "
            + Path.of("").toAbsolutePath()
            + ").");
  }

  public static PrecisException noInput() {
    return new PrecisException(
        "No input given. Pass one or more files or folders with --input PATH.");
  }

  public static PrecisException noDocuments(String inputs) {
    return new PrecisException(
        "No documents found under "
            + inputs
            + ". Point --input at a folder that holds files (hidden files are skipped), and check"
            + " source.include-globs and source.exclude-globs.");
  }

  public static PrecisException warehouseNotWritable(String warehouse, String detail) {
    return new PrecisException(
        "Cannot write the warehouse at "
            + Urls.redact(warehouse)
            + " ("
            + detail
            + "). Pass a writable folder to --warehouse, or a URI this Spark can write (an"
            + " s3a:// warehouse needs hadoop-aws on the class path).");
  }

  public static PrecisException unsupportedInput(String input) {
    return new PrecisException(
        "Input "
            + Urls.redact(input)
            + " is not a local path or an s3://bucket/prefix location, the two kinds precis"
            + " reads. Copy the documents to a folder or a bucket and pass that to --input.");
  }

  public static PrecisException overBudget(
      java.math.BigDecimal estimate, java.math.BigDecimal budget) {
    return new PrecisException(
        "The run is estimated at $"
            + estimate.setScale(6, java.math.RoundingMode.HALF_UP).toPlainString()
            + ", over its budget of $"
            + budget.setScale(6, java.math.RoundingMode.HALF_UP).toPlainString()
            + ", so it did not start and nothing was spent. See the estimate with `precis estimate"
            + " --input ...`; raise --budget, or narrow --input or source.include-globs.");
  }

  public static PrecisException badBudget(java.math.BigDecimal budget) {
    return new PrecisException(
        "--budget is "
            + budget.toPlainString()
            + " but must be more than 0 USD, e.g. --budget 25 (see what a run would cost with"
            + " `precis estimate --input ...`).");
  }

  public static PrecisException badQuery(String detail) {
    String firstLine = detail.lines().findFirst().orElse(detail);
    return new PrecisException(
        "The query failed: "
            + firstLine
            + ". Tables are read as delta.`<folder>`, e.g. SELECT * FROM"
            + " delta.`warehouse/job_costs`.");
  }

  public static PrecisException invalidOption(String option, Object value, String requirement) {
    return new PrecisException(
        "Option " + option + " is " + render(value) + " but must be " + requirement + ".");
  }

  public static PrecisException portInUse(int port, String option) {
    return new PrecisException(
        "Port "
            + port
            + " is already in use (is Ollama or another simulator running?). Pick another with "
            + option
            + " PORT.");
  }

  public static PrecisException hadoopS3Scheme(String input) {
    String scheme = input.substring(0, input.indexOf("://") + 3);
    return new PrecisException(
        "Input '"
            + Urls.redact(input)
            + "' uses the Hadoop scheme "
            + scheme
            + ", but precis reads S3 itself. Write it as "
            + Urls.redact("s3://" + input.substring(scheme.length()))
            + ".");
  }

  public static PrecisException invalidS3Input(String input) {
    return new PrecisException(
        "Input '"
            + Urls.redact(input)
            + "' names no bucket. Write an S3 input as s3://bucket/prefix (or s3://bucket for the"
            + " whole bucket).");
  }

  /**
   * @param endpoint where the store is, as shown to people: "AWS S3 (region ...)" or its URL
   */
  public static PrecisException s3BucketMissing(String bucket, String input, String endpoint) {
    return new PrecisException(
        "S3 bucket '"
            + bucket
            + "' does not exist at "
            + Urls.redact(endpoint)
            + " (listing "
            + input
            + "). Check the bucket name in --input, source.s3.endpoint, and source.s3.path-style"
            + " (most S3-compatible stores need path-style = true).");
  }

  public static PrecisException s3AccessDenied(
      String bucket, String input, String endpoint, String detail) {
    return new PrecisException(
        "S3 denied listing "
            + input
            + " at "
            + Urls.redact(endpoint)
            + " ("
            + oneLine(detail)
            + "). Check the credentials in the environment (AWS_ACCESS_KEY_ID and"
            + " AWS_SECRET_ACCESS_KEY, or AWS_PROFILE; never in the config) and that they may list"
            + " bucket '"
            + bucket
            + "'.");
  }

  public static PrecisException s3ListingFailed(String input, String endpoint, String detail) {
    return new PrecisException(
        "Cannot list "
            + input
            + " at "
            + Urls.redact(endpoint)
            + " ("
            + oneLine(detail)
            + "). Check source.s3.endpoint, source.s3.region and source.s3.path-style, your"
            + " network, and the AWS credentials in the environment (AWS_ACCESS_KEY_ID and"
            + " AWS_SECRET_ACCESS_KEY, or AWS_PROFILE).");
  }

  /** The first line of a detail from a library, so that a message stays on one line. */
  private static String oneLine(String detail) {
    return detail == null ? "no detail" : detail.lines().findFirst().orElse("no detail").strip();
  }

  /** A value as shown in a message: strings quoted, any password in a URL redacted. */
  private static String render(Object value) {
    return value instanceof String text ? "'" + Urls.redact(text) + "'" : String.valueOf(value);
  }

  /**
   * @param missing the tables of the report that the warehouse does not hold, e.g. [llm_calls]
   */
  public static PrecisException reportTablesMissing(
      String warehouse, java.util.List<String> missing) {
    return new PrecisException(
        "No precis tables to report on at "
            + Urls.redact(warehouse)
            + " (missing: "
            + String.join(", ", missing)
            + "). "
            + runAJobInto(warehouse));
  }

  public static PrecisException reportNotWritable(Path output, String detail) {
    return new PrecisException(
        "Cannot write the report to "
            + output.toAbsolutePath()
            + " ("
            + oneLine(detail)
            + "). Pass a file in a writable folder to --output.");
  }

  public static PrecisException noCallsToRollUp(String warehouse) {
    return new PrecisException(
        "No llm_calls table in the warehouse at "
            + Urls.redact(warehouse)
            + ", so there is no spend to roll up. "
            + runAJobInto(warehouse));
  }

  public static PrecisException noCacheEntries(String warehouse) {
    return new PrecisException(
        "No cache_entries table in the warehouse at "
            + Urls.redact(warehouse)
            + ", so there is nothing to warm: a run adds the chunk summaries it paid for to the"
            + " cache when it ends. "
            + runAJobInto(warehouse));
  }

  public static PrecisException invalidationCriteria(boolean all) {
    return new PrecisException(
        all
            ? "--all invalidates every cache entry, so it takes no --tag, --tenant, --model,"
                + " --prompt-version or --older-than. Give --all alone, or only the criteria."
            : "Say which cache entries to invalidate: --tag KEY=VALUE (e.g. --tag"
                + " source=/data/old.pdf), --tenant, --model, --prompt-version, --older-than 30d,"
                + " or --all for every entry.");
  }

  /** The fix for a warehouse without the tables a command reads. */
  private static String runAJobInto(String warehouse) {
    String shown = Urls.redact(warehouse);
    return "Run a job into it first (precis run --input DIR --warehouse "
        + shown
        + ", or precis demo --warehouse "
        + shown
        + "), or pass the folder a job wrote to --warehouse.";
  }

  /**
   * @param alert what was sent, as shown to people: "the FIRING alert of feature 'x' for day"
   * @param detail the answer's status, or the exception's class and first line
   */
  public static PrecisException webhookRejected(String url, String alert, String detail) {
    return new PrecisException(
        "The alert webhook at "
            + Urls.redact(url)
            + " did not accept "
            + alert
            + " ("
            + oneLine(detail)
            + "). The alert is not recorded, so the next precis rollup sends it again; check"
            + " alerts.webhook-url and that the receiver answers 2xx.");
  }

  /** The remote embedder's server could not be reached: refused, reset, or no such host. */
  public static PrecisException embedderUnreachable(
      String provider, String baseUrl, String detail) {
    String start =
        provider.equals("ollama")
            ? "Start Ollama (ollama serve) or set embedder.base-url to where it runs"
            : "Check embedder.base-url and your network";
    return new PrecisException(
        "Cannot reach the "
            + provider
            + " embedder at "
            + Urls.redact(baseUrl)
            + " ("
            + oneLine(detail)
            + "). "
            + start
            + "; embedder.provider = \"minilm\" embeds in-process, without a server.");
  }

  public static PrecisException embedderTimeout(
      String provider, String baseUrl, java.time.Duration timeout, int texts) {
    return new PrecisException(
        "The "
            + provider
            + " embedder at "
            + Urls.redact(baseUrl)
            + " did not answer a batch of "
            + texts
            + " texts within "
            + timeout.toSeconds()
            + " s. Raise embedder.timeout, or lower embedder.batch-size.");
  }

  public static PrecisException embedderApiKeyMissing(String variable) {
    return new PrecisException(
        "Environment variable "
            + variable
            + " is not set, and the embedder needs it for its API key (embedder.api-key-env)."
            + " Export it (export "
            + variable
            + "=...), or set embedder.api-key-env = \"\" for a server that needs no key.");
  }

  /**
   * The remote embedder answered an HTTP error.
   *
   * @param detail the server's error message, or an excerpt of its body
   * @param apiKeyEnv embedder.api-key-env, "" for none
   */
  public static PrecisException embedderRejected(
      String provider, String baseUrl, String model, String apiKeyEnv, int status, String detail) {
    String what =
        "The "
            + provider
            + " embedder at "
            + Urls.redact(baseUrl)
            + " answered HTTP "
            + status
            + " ("
            + oneLine(detail)
            + "). ";
    String fix;
    if (status == 401 || status == 403) {
      fix =
          apiKeyEnv.isEmpty()
              ? "It wants an API key: set embedder.api-key-env to the environment variable that"
                  + " holds it (e.g. \"OPENAI_API_KEY\") and export the key there."
              : "It refused the key in $"
                  + apiKeyEnv
                  + " (embedder.api-key-env): export a valid key there.";
    } else if (status == 404 && detail.toLowerCase(java.util.Locale.ROOT).contains("model")) {
      fix =
          (provider.equals("ollama")
                  ? "It does not have model '" + model + "': pull it (ollama pull " + model + ") or"
                  : "It does not serve model '" + model + "': check the name, or")
              + " set embedder.model to an embedding model it has (e.g. \""
              + (provider.equals("ollama") ? "nomic-embed-text" : "text-embedding-3-small")
              + "\").";
    } else if (status == 404 || status == 405) {
      fix =
          "Check embedder.base-url: for ollama the server root (e.g. \"http://localhost:11434\"),"
              + " for openai the API root that /embeddings follows (e.g."
              + " \"https://api.openai.com/v1\").";
    } else if (status == 413) {
      fix = "Lower embedder.batch-size.";
    } else {
      fix =
          "Check embedder.model ('"
              + model
              + "' must be an embedding model) and the server's log; embedder.provider ="
              + " \"minilm\" embeds in-process, without a server.";
    }
    return new PrecisException(what + fix);
  }

  /** The remote embedder answered 200 with something that is not one vector per text. */
  public static PrecisException embedderBadAnswer(
      String provider, String baseUrl, String model, String detail) {
    String api = provider.equals("ollama") ? "Ollama's /api/embed" : "OpenAI's /embeddings";
    return new PrecisException(
        "The "
            + provider
            + " embedder at "
            + Urls.redact(baseUrl)
            + " gave an answer precis cannot use: "
            + oneLine(detail)
            + ". Check that embedder.base-url points at a server that speaks "
            + api
            + " (or set embedder.provider to the API it speaks) and that embedder.model ('"
            + model
            + "') is an embedding model.");
  }

  /** The in-process embedder could not start: ONNX Runtime or the model failed to load. */
  public static PrecisException embedderFailedToStart(String detail) {
    return new PrecisException(
        "The in-process minilm embedder cannot start ("
            + oneLine(detail)
            + "): ONNX Runtime could not load its native library or the model on this machine."
            + " Embed on a server instead: set embedder.provider = \"ollama\" or \"openai\","
            + " with embedder.base-url and embedder.model.");
  }

  /** A cache index snapshot folder that is missing, incomplete, or not one precis wrote. */
  public static PrecisException indexSnapshotUnreadable(Path directory, String detail) {
    return new PrecisException(
        "Cannot open the cache index snapshot at "
            + directory.toAbsolutePath()
            + " ("
            + oneLine(detail)
            + "). Run precis cache-warm to publish a new snapshot, or set cache.index-path to the"
            + " folder cache-warm publishes to.");
  }

  /** A cache index snapshot whose vectors come from another embedder than the configured one. */
  public static PrecisException indexSnapshotOtherEmbedder(
      Path directory,
      String builtWith,
      int builtDimensions,
      String configured,
      int configuredDimensions) {
    return new PrecisException(
        "The cache index snapshot at "
            + directory.toAbsolutePath()
            + " holds vectors of embedder "
            + builtWith
            + " ("
            + builtDimensions
            + " dimensions) but the configured embedder is "
            + configured
            + " ("
            + configuredDimensions
            + " dimensions), and vectors of two embedders cannot be compared. Run precis"
            + " cache-warm to rebuild the index with the configured embedder, or set embedder"
            + " back to the one the snapshot was built with.");
  }

  private static final String PAIRS_FORMAT =
      "one pair a line: same|different, a category, text_a, text_b, separated by tabs, after a"
          + " header line; see conf/calibration/cache-pairs.tsv and docs/cache.md";

  public static PrecisException calibrationPairsMissing(Path file) {
    return new PrecisException(
        "Pairs file "
            + file
            + " does not exist. Pass a file of labelled pairs to --pairs ("
            + PAIRS_FORMAT
            + "), or leave --pairs out to use the shipped set.");
  }

  public static PrecisException calibrationPairsUnreadable(String source, String detail) {
    return new PrecisException(
        "Cannot read pairs file "
            + source
            + " ("
            + oneLine(detail)
            + "). It must hold "
            + PAIRS_FORMAT
            + ".");
  }

  /**
   * @param problem what is wrong with the line, e.g. "its label is 'yes' but must be same or
   *     different"
   */
  public static PrecisException badCalibrationPair(String source, int line, String problem) {
    return new PrecisException(
        "Line "
            + line
            + " of "
            + source
            + ": "
            + problem
            + ". Fix that line; the file holds "
            + PAIRS_FORMAT
            + ".");
  }

  public static PrecisException calibrationPairsOneSided(String source, int pairs) {
    return new PrecisException(
        source
            + " holds "
            + pairs
            + " pairs but not both labels: precision and recall need pairs labelled same and"
            + " pairs labelled different. Add the missing kind ("
            + PAIRS_FORMAT
            + ").");
  }

  /**
   * @param target the --target-precision given
   */
  public static PrecisException badTargetPrecision(double target) {
    return new PrecisException(
        "--target-precision is "
            + target
            + " but must be more than 0 and at most 1, e.g. --target-precision 0.99.");
  }

  /**
   * @param root the ledger folder
   * @param problem what the file system said
   */
  public static PrecisException ledgerNotWritable(String root, String problem) {
    return new PrecisException(
        "The call ledger folder "
            + root
            + " cannot be written ("
            + problem
            + "). Set llm.ledger.path to a folder this job can write, on a file system that shows"
            + " flushed data to other readers (local disk, HDFS, a shared mount), or turn the"
            + " ledger off with llm.ledger.enabled = false (a retried task then pays its calls"
            + " again).");
  }

  /**
   * Two tiers of the cascade call the same model on the same server, so they share its rate
   * limiter, but set different limits.
   *
   * @param limitsKey {@code provider/model@base-url}
   */
  public static PrecisException sharedLimitsDiffer(
      String limitsKey, String key, long value, String otherKey, long otherValue) {
    return new PrecisException(
        "Config keys '"
            + key
            + "' ("
            + value
            + ") and '"
            + otherKey
            + "' ("
            + otherValue
            + ") differ, but both tiers call "
            + limitsKey
            + " and share one rate limit. Set both to the same value (0 = no limit), or set it"
            + " once in llm.tier-defaults.");
  }

  /**
   * A reduce input budget that cannot hold two answers of the reduce tier: the map-reduce of a
   * document could never finish.
   *
   * @param budgetKey the key of the budget ({@code summary.reduce-input-tokens})
   * @param outputKey the key of the reduce tier's {@code max-output-tokens}
   * @param needed the smallest budget that holds the prompt and two answers
   */
  public static PrecisException reduceBudgetTooSmall(
      String budgetKey, int budget, String outputKey, int maxOutputTokens, int needed) {
    return new PrecisException(
        "Config key '"
            + budgetKey
            + "' is set to "
            + budget
            + " but a reduce call must hold its prompt and two answers of up to "
            + maxOutputTokens
            + " tokens ("
            + outputKey
            + "), so that each level of the reduce at least halves the summaries: "
            + needed
            + " tokens. Set "
            + budgetKey
            + " to at least "
            + needed
            + " (e.g. 3000), or lower "
            + outputKey
            + ".");
  }

  private static final String EXAMPLES_FORMAT =
      "one example a line: simple|extraction|complex|novel, a kind, the text with \\n for line"
          + " breaks, separated by tabs; see conf/routing/bucket-examples.tsv and docs/routing.md";

  public static PrecisException bucketExamplesMissing(Path file) {
    return new PrecisException(
        "Examples file "
            + file
            + " (routing.examples) does not exist. Set routing.examples to a file of labelled"
            + " examples ("
            + EXAMPLES_FORMAT
            + "), or to \"\" for the shipped set.");
  }

  public static PrecisException bucketExamplesUnreadable(String source, String detail) {
    return new PrecisException(
        "Cannot read examples file "
            + source
            + " ("
            + oneLine(detail)
            + "). It must hold "
            + EXAMPLES_FORMAT
            + ".");
  }

  /**
   * @param problem what is wrong with the line, e.g. "its bucket is 'hard' but must be simple,
   *     extraction, complex or novel"
   */
  public static PrecisException badBucketExample(String source, int line, String problem) {
    return new PrecisException(
        "Line "
            + line
            + " of "
            + source
            + ": "
            + problem
            + ". Fix that line; the file holds "
            + EXAMPLES_FORMAT
            + ".");
  }

  public static PrecisException bucketExamplesIncomplete(String source, String bucket) {
    return new PrecisException(
        source
            + " holds no example of bucket "
            + bucket
            + ": the classifier needs examples of simple, extraction and complex. Add some ("
            + EXAMPLES_FORMAT
            + ").");
  }

  /**
   * @param defined the tiers llm.tiers defines
   */
  public static PrecisException unknownRoutingTier(
      String key, String tier, java.util.Collection<String> defined) {
    return new PrecisException(
        "Config key '"
            + key
            + "' names tier '"
            + tier
            + "', which llm.tiers does not define (it defines "
            + String.join(", ", new java.util.TreeSet<>(defined))
            + "). Name one of those, or define llm.tiers."
            + tier
            + " { provider, base-url, model }.");
  }
}
