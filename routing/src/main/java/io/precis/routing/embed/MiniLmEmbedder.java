package io.precis.routing.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * all-MiniLM-L6-v2, quantized, run in this JVM by ONNX Runtime from the model inside the
 * LangChain4j jar: 384 dimensions, no server, no download.
 */
public final class MiniLmEmbedder implements Embedder {
  public static final String ID = "minilm/all-minilm-l6-v2-q";

  private final AllMiniLmL6V2QuantizedEmbeddingModel model;

  public MiniLmEmbedder() {
    this.model = new AllMiniLmL6V2QuantizedEmbeddingModel();
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
    List<TextSegment> segments = new ArrayList<>(texts.size());
    for (String text : texts) {
      segments.add(TextSegment.from(text));
    }
    List<Embedding> embeddings = model.embedAll(segments).content();
    List<float[]> vectors = new ArrayList<>(embeddings.size());
    for (Embedding embedding : embeddings) {
      vectors.add(Embedder.normalized(embedding.vector()));
    }
    return vectors;
  }
}
