package io.precis.testkit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.precis.testkit.sim.SimulatedCall.Outcome;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The OpenAI API under {@code /v1} as its documentation describes it: models, chat completions
 * (whole or as server-sent events) and embeddings, with bearer-key authentication when the options
 * require a key.
 */
final class OpenAiApi implements ApiDialect {
  /** The {@code system_fingerprint} of every completion. */
  static final String SYSTEM_FINGERPRINT = "fp_precis_sim";

  private final Simulation simulation;

  OpenAiApi(Simulation simulation) {
    this.simulation = Objects.requireNonNull(simulation, "simulation is null");
  }

  @Override
  public String name() {
    return "openai";
  }

  @Override
  public Reply error(int status, Outcome outcome, String message) {
    return switch (outcome) {
      case RATE_LIMITED ->
          error(
              status,
              "Rate limit reached for requests. Please try again later.",
              "requests",
              "rate_limit_exceeded");
      case SERVER_ERROR ->
          error(
              status,
              "The server had an error while processing your request. Sorry about that!",
              "server_error",
              null);
      case UNAUTHORIZED -> error(status, message, "invalid_request_error", "invalid_api_key");
      case NOT_FOUND -> error(status, message, "invalid_request_error", "model_not_found");
      default -> error(status, message, "invalid_request_error", null);
    };
  }

  private static Reply error(int status, String message, String type, String code) {
    ObjectNode error = Json.object();
    error
        .putObject("error")
        .put("message", message)
        .put("type", type)
        .putNull("param")
        .put("code", code);
    return Reply.json(status, Json.write(error));
  }

  /** Answers one request whose path is under {@code /v1}. */
  void handle(Incoming request) throws IOException {
    String route = request.method() + " " + request.path();
    if (!authorized(request)) {
      String message =
          "Incorrect API key provided. You can find your API key at"
              + " https://platform.openai.com/account/api-keys.";
      simulation.answer(
          request, "", Outcome.UNAUTHORIZED, error(401, Outcome.UNAUTHORIZED, message));
      return;
    }
    switch (route) {
      case "GET /v1/models" -> simulation.answer(request, "", Outcome.OK, models(request));
      case "POST /v1/chat/completions" -> withBody(request, this::chat);
      case "POST /v1/embeddings" -> withBody(request, this::embeddings);
      default ->
          simulation.answer(
              request,
              "",
              Outcome.NOT_FOUND,
              error(404, "Invalid URL (" + route + ")", "invalid_request_error", null));
    }
  }

  private static boolean authorized(Incoming request) {
    String key = request.options().requiredApiKey();
    if (key == null) {
      return true;
    }
    String header = request.exchange().getRequestHeaders().getFirst("Authorization");
    return ("Bearer " + key).equals(header);
  }

  private interface BodyHandler {
    void handle(Incoming request, JsonNode body, String model) throws IOException;
  }

  /** Parses the body, checks the model, and hands both on; answers 400 or 404 itself. */
  private void withBody(Incoming request, BodyHandler handler) throws IOException {
    JsonNode body;
    try {
      body = Json.parseObject(request.body());
    } catch (IllegalArgumentException e) {
      String message = "We could not parse the JSON body of your request. (" + e.getMessage() + ")";
      simulation.answer(request, "", Outcome.BAD_REQUEST, error(400, Outcome.BAD_REQUEST, message));
      return;
    }
    String model = Json.text(body, "model");
    if (model.isEmpty()) {
      simulation.answer(
          request,
          "",
          Outcome.BAD_REQUEST,
          error(400, "you must provide a model parameter", "invalid_request_error", null));
      return;
    }
    if (!request.options().servesModel(model)) {
      String message = "The model `" + model + "` does not exist or you do not have access to it.";
      simulation.answer(request, model, Outcome.NOT_FOUND, error(404, Outcome.NOT_FOUND, message));
      return;
    }
    try {
      handler.handle(request, body, model);
    } catch (IllegalArgumentException e) {
      simulation.answer(
          request, model, Outcome.BAD_REQUEST, error(400, Outcome.BAD_REQUEST, e.getMessage()));
    }
  }

  private Reply models(Incoming request) {
    ArrayNode data = Json.array();
    for (String name : request.options().listedModels()) {
      data.addObject()
          .put("id", name)
          .put("object", "model")
          .put("created", ModelCard.CREATED_EPOCH_SECONDS)
          .put("owned_by", "precis-simulator");
    }
    ObjectNode body = Json.object().put("object", "list");
    body.set("data", data);
    return Reply.json(200, Json.write(body));
  }

  private void chat(Incoming request, JsonNode body, String model) throws IOException {
    List<ChatMessage> messages;
    try {
      messages = ChatMessage.parse(body.get("messages"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Missing required parameter: 'messages'.", e);
    }
    int maxTokens = maxTokens(body);
    boolean stream = body.path("stream").asBoolean(false);
    boolean includeUsage = body.path("stream_options").path("include_usage").asBoolean(false);
    long inputTokens = ChatMessage.inputTokens(messages);
    String promptText = ChatMessage.promptText(messages);
    simulation.serve(
        request,
        model,
        promptText,
        () -> {
          long cached =
              simulation.cachedInputTokens(ChatMessage.systemContent(messages), inputTokens);
          SimulatedModel.Answer answer =
              SimulatedModel.answer(
                  model,
                  ChatMessage.systemContent(messages),
                  ChatMessage.lastUserContent(messages),
                  maxTokens,
                  request.options().qualityRules());
          long outputTokens = SimulatedModel.tokens(answer.text());
          ObjectNode usage = usage(inputTokens, outputTokens, cached);
          String id = "chatcmpl-" + FaultPlan.sha256Hex(promptText + "\n" + model).substring(0, 29);
          ChatCompletion completion =
              new ChatCompletion(id, Instant.now().getEpochSecond(), model, answer, usage);
          Reply reply = stream ? completion.stream(includeUsage) : completion.whole();
          return new Served(inputTokens, outputTokens, cached, reply);
        });
  }

  /** {@code max_completion_tokens}, else {@code max_tokens}, else 128; at least 1. */
  private static int maxTokens(JsonNode body) {
    for (String field : List.of("max_completion_tokens", "max_tokens")) {
      JsonNode value = body.get(field);
      if (value != null && !value.isNull()) {
        if (!value.canConvertToInt() || value.asInt() < 1) {
          throw new IllegalArgumentException(
              "Invalid '" + field + "': integer below minimum value. Expected a value >= 1.");
        }
        return value.asInt();
      }
    }
    return SimulatedModel.DEFAULT_MAX_TOKENS;
  }

  private static ObjectNode usage(long inputTokens, long outputTokens, long cachedTokens) {
    ObjectNode usage = Json.object();
    usage.put("prompt_tokens", inputTokens);
    usage.put("completion_tokens", outputTokens);
    usage.put("total_tokens", inputTokens + outputTokens);
    usage.putObject("prompt_tokens_details").put("cached_tokens", cachedTokens);
    usage.putObject("completion_tokens_details").put("reasoning_tokens", 0);
    return usage;
  }

  private void embeddings(Incoming request, JsonNode body, String model) throws IOException {
    List<String> inputs = Json.texts(body.get("input"), "input");
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("'input' must not be empty.");
    }
    int dimensions = dimensions(body, request.options());
    boolean base64 = Json.text(body, "encoding_format").equals("base64");
    simulation.serve(
        request,
        model,
        String.join("\n", inputs),
        () -> {
          ArrayNode data = Json.array();
          long tokens = 0;
          for (int i = 0; i < inputs.size(); i++) {
            float[] vector = SimulatedModel.embed(inputs.get(i), dimensions);
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            if (base64) {
              item.put("embedding", base64(vector));
            } else {
              item.set("embedding", Json.vector(vector));
            }
            tokens += SimulatedModel.tokens(inputs.get(i));
          }
          ObjectNode answer = Json.object().put("object", "list");
          answer.set("data", data);
          answer.put("model", model);
          answer.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
          return new Served(tokens, 0, 0, Reply.json(200, Json.write(answer)));
        });
  }

  /** The request's {@code dimensions} if set (as text-embedding-3 models allow), else the knob. */
  private static int dimensions(JsonNode body, SimulatorOptions options) {
    JsonNode dimensions = body.get("dimensions");
    if (dimensions == null || dimensions.isNull()) {
      return options.embeddingDimensions();
    }
    if (!dimensions.canConvertToInt() || dimensions.asInt() < 1) {
      throw new IllegalArgumentException(
          "Invalid 'dimensions': integer below minimum value. Expected a value >= 1.");
    }
    return dimensions.asInt();
  }

  /** Little-endian float32 values in base64, as {@code encoding_format: base64} asks. */
  private static String base64(float[] vector) {
    ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES);
    bytes.order(ByteOrder.LITTLE_ENDIAN);
    for (float value : vector) {
      bytes.putFloat(value);
    }
    return Base64.getEncoder().encodeToString(bytes.array());
  }
}
