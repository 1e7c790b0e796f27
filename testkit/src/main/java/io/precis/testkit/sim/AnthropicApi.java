package io.precis.testkit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.precis.testkit.sim.SimulatedCall.Outcome;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The Anthropic Messages API under {@code /anthropic} as Anthropic documents it: {@code GET
 * /v1/models}, {@code GET /v1/models/{model_id}} and {@code POST /v1/messages} (whole, or as
 * server-sent events), with the {@code anthropic-version} header required, {@code x-api-key}
 * authentication when the options require a key, and Anthropic's error bodies {@code {"type":
 * "error", "error": {"type", "message"}}}.
 */
final class AnthropicApi implements ApiDialect {
  /** The path prefix the API is served under, so its base URL is {@code <root>/anthropic}. */
  static final String PREFIX = "/anthropic";

  /** The versions Anthropic accepts in the {@code anthropic-version} header. */
  static final Set<String> VERSIONS = Set.of("2023-06-01", "2023-01-01");

  /** Where a server-error fault answers 529 overloaded instead of 500: draws below this. */
  static final double OVERLOADED_SHARE = 0.5;

  private static final int DEFAULT_PAGE = 20;
  private static final int MAX_PAGE = 1000;

  private final Simulation simulation;

  AnthropicApi(Simulation simulation) {
    this.simulation = Objects.requireNonNull(simulation, "simulation is null");
  }

  /** Whether a request path belongs to this API. */
  static boolean owns(String path) {
    return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
  }

  @Override
  public String name() {
    return "anthropic";
  }

  @Override
  public Reply error(int status, Outcome outcome, String message) {
    return switch (outcome) {
      case RATE_LIMITED ->
          error(
              status,
              "rate_limit_error",
              "This request would exceed your organization's rate limit of requests per minute."
                  + " Please try again later.");
      case SERVER_ERROR ->
          status == 529
              ? error(status, "overloaded_error", "Overloaded")
              : error(status, "api_error", "Internal server error");
      case UNAUTHORIZED -> error(status, "authentication_error", message);
      case NOT_FOUND -> error(status, "not_found_error", message);
      default -> error(status, "invalid_request_error", message);
    };
  }

  /**
   * Anthropic answers most server-side failures with 529 {@code overloaded_error}, the rest with
   * 500 {@code api_error}: a fresh draw from the seed, the request hash and the attempt picks one,
   * so the same request on the same attempt always gets the same status.
   */
  @Override
  public Reply serverError(SimulatorOptions options, String requestHash, int attempt) {
    double draw = FaultPlan.draw(options.seed(), "overloaded\n" + requestHash, attempt);
    return error(draw < OVERLOADED_SHARE ? 529 : 500, Outcome.SERVER_ERROR, "");
  }

  private static Reply error(int status, String type, String message) {
    ObjectNode body = Json.object().put("type", "error");
    body.putObject("error").put("type", type).put("message", message);
    return Reply.json(status, Json.write(body));
  }

  /** Answers one request whose path is under {@code /anthropic}. */
  void handle(Incoming request) throws IOException {
    String route = request.method() + " " + request.path().substring(PREFIX.length());
    String key = request.exchange().getRequestHeaders().getFirst("x-api-key");
    String required = request.options().requiredApiKey();
    if (required != null && !required.equals(key)) {
      String message = key == null ? "x-api-key header is required" : "invalid x-api-key";
      simulation.answer(
          request, "", Outcome.UNAUTHORIZED, error(401, Outcome.UNAUTHORIZED, message));
      return;
    }
    String version = request.exchange().getRequestHeaders().getFirst("anthropic-version");
    if (version == null || !VERSIONS.contains(version)) {
      String message =
          version == null
              ? "anthropic-version: header is required"
              : "anthropic-version: \"" + version + "\" is not a valid version";
      simulation.answer(request, "", Outcome.BAD_REQUEST, error(400, Outcome.BAD_REQUEST, message));
      return;
    }
    if (route.startsWith(MODEL_ROUTE) && route.length() > MODEL_ROUTE.length()) {
      // The path is decoded already.
      model(request, route.substring(MODEL_ROUTE.length()));
      return;
    }
    switch (route) {
      case "GET /v1/models" -> models(request);
      case "POST /v1/messages" -> messages(request);
      default ->
          simulation.answer(
              request, "", Outcome.NOT_FOUND, error(404, Outcome.NOT_FOUND, "Not Found"));
    }
  }

  private static final String MODEL_ROUTE = "GET /v1/models/";

  /** One listed model, as {@code GET /v1/models/{model_id}} answers; 404 for any other name. */
  private void model(Incoming request, String name) throws IOException {
    if (!request.options().listedModels().contains(name)) {
      simulation.answer(
          request, name, Outcome.NOT_FOUND, error(404, Outcome.NOT_FOUND, "model: " + name));
      return;
    }
    simulation.answer(request, name, Outcome.OK, Reply.json(200, Json.write(modelInfo(name))));
  }

  private static ObjectNode modelInfo(String name) {
    return Json.object()
        .put("type", "model")
        .put("id", name)
        .put("display_name", name)
        .put("created_at", ModelCard.MODIFIED_AT);
  }

  /** The listed models, newest first as Anthropic lists them, paged by limit and after_id. */
  private void models(Incoming request) throws IOException {
    String query = request.exchange().getRequestURI().getQuery();
    List<String> names = request.options().listedModels();
    int limit = DEFAULT_PAGE;
    int from = 0;
    for (String parameter : query == null ? new String[0] : query.split("&")) {
      String[] pair = parameter.split("=", 2);
      String value = pair.length == 2 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "";
      if (pair[0].equals("limit")) {
        limit = limit(value);
        if (limit < 0) {
          simulation.answer(
              request,
              "",
              Outcome.BAD_REQUEST,
              error(400, "invalid_request_error", "limit: Input should be between 1 and 1000"));
          return;
        }
      } else if (pair[0].equals("after_id")) {
        from = names.indexOf(value) + 1;
      }
    }
    List<String> page = names.subList(Math.min(from, names.size()), names.size());
    boolean hasMore = page.size() > limit;
    page = page.subList(0, Math.min(limit, page.size()));
    ArrayNode data = Json.array();
    for (String name : page) {
      data.add(modelInfo(name));
    }
    ObjectNode body = Json.object();
    body.set("data", data);
    body.put("has_more", hasMore);
    if (page.isEmpty()) {
      body.putNull("first_id").putNull("last_id");
    } else {
      body.put("first_id", page.get(0)).put("last_id", page.get(page.size() - 1));
    }
    simulation.answer(request, "", Outcome.OK, Reply.json(200, Json.write(body)));
  }

  /** The page size asked for, or -1 if it is not a whole number from 1 to 1000. */
  private static int limit(String value) {
    try {
      int limit = Integer.parseInt(value);
      return limit >= 1 && limit <= MAX_PAGE ? limit : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void messages(Incoming request) throws IOException {
    JsonNode body;
    try {
      body = Json.parseObject(request.body());
    } catch (IllegalArgumentException e) {
      simulation.answer(
          request, "", Outcome.BAD_REQUEST, error(400, Outcome.BAD_REQUEST, e.getMessage()));
      return;
    }
    String model = Json.text(body, "model");
    if (model.isEmpty()) {
      simulation.answer(
          request,
          "",
          Outcome.BAD_REQUEST,
          error(400, Outcome.BAD_REQUEST, "model: Field required"));
      return;
    }
    MessagesRequest parsed;
    try {
      parsed = MessagesRequest.parse(body);
    } catch (IllegalArgumentException e) {
      simulation.answer(
          request, model, Outcome.BAD_REQUEST, error(400, Outcome.BAD_REQUEST, e.getMessage()));
      return;
    }
    if (!request.options().servesModel(model)) {
      simulation.answer(
          request, model, Outcome.NOT_FOUND, error(404, Outcome.NOT_FOUND, "model: " + model));
      return;
    }
    List<ChatMessage> messages = parsed.messages();
    long inputTokens = ChatMessage.inputTokens(messages);
    String promptText = ChatMessage.promptText(messages);
    String system = ChatMessage.systemContent(messages);
    simulation.serve(
        request,
        model,
        promptText,
        () -> {
          long cached = simulation.cachedInputTokens(system, inputTokens);
          SimulatedModel.Answer answer =
              SimulatedModel.answer(
                  model,
                  system,
                  ChatMessage.lastUserContent(messages),
                  parsed.maxTokens(),
                  request.options().qualityRules());
          long outputTokens = SimulatedModel.tokens(answer.text());
          String id = "msg_" + FaultPlan.sha256Hex(promptText + "\n" + model).substring(0, 24);
          AnthropicMessage message =
              new AnthropicMessage(id, model, answer, inputTokens - cached, cached, outputTokens);
          Reply reply = parsed.stream() ? message.stream() : message.whole();
          return new Served(inputTokens, outputTokens, cached, reply);
        });
  }

  /**
   * A {@code POST /v1/messages} body, checked as Anthropic checks it. The system prompt, when set,
   * becomes the first of {@link #messages()} with the role {@code system}, so that tokens, request
   * hashes and the prompt cache work as for the other APIs.
   */
  record MessagesRequest(List<ChatMessage> messages, int maxTokens, boolean stream) {

    /**
     * @throws IllegalArgumentException with Anthropic's wording, if the body breaks a rule
     */
    static MessagesRequest parse(JsonNode body) {
      JsonNode maxTokens = body.get("max_tokens");
      if (maxTokens == null || maxTokens.isNull()) {
        throw new IllegalArgumentException("max_tokens: Field required");
      }
      if (!maxTokens.canConvertToInt() || maxTokens.asInt() < 1) {
        throw new IllegalArgumentException(
            "max_tokens: Input should be greater than or equal to 1");
      }
      JsonNode temperature = body.get("temperature");
      if (temperature != null
          && !temperature.isNull()
          && (!temperature.isNumber()
              || temperature.asDouble() < 0
              || temperature.asDouble() > 1)) {
        throw new IllegalArgumentException("temperature: range: 0..1");
      }
      JsonNode stream = body.get("stream");
      if (stream != null && !stream.isNull() && !stream.isBoolean()) {
        throw new IllegalArgumentException("stream: Input should be a valid boolean");
      }
      List<ChatMessage> messages = new ArrayList<>();
      String system = system(body.get("system"));
      if (!system.isEmpty()) {
        messages.add(new ChatMessage("system", system));
      }
      JsonNode list = body.get("messages");
      if (list == null || list.isNull()) {
        throw new IllegalArgumentException("messages: Field required");
      }
      if (!list.isArray() || list.isEmpty()) {
        throw new IllegalArgumentException("messages: at least one message is required");
      }
      for (int i = 0; i < list.size(); i++) {
        JsonNode message = list.get(i);
        String role = message.isObject() ? Json.text(message, "role") : "";
        if (role.equals("system")) {
          throw new IllegalArgumentException(
              "messages: Unexpected role \"system\". The Messages API accepts a top-level"
                  + " `system` parameter, not \"system\" as an input message role.");
        }
        if (!role.equals("user") && !role.equals("assistant")) {
          throw new IllegalArgumentException(
              "messages." + i + ".role: Input should be 'user' or 'assistant'");
        }
        messages.add(new ChatMessage(role, content(message.get("content"), i)));
      }
      return new MessagesRequest(
          List.copyOf(messages), maxTokens.asInt(), stream != null && stream.asBoolean(false));
    }

    /** The system prompt: a string, or an array of text blocks joined; empty when absent. */
    private static String system(JsonNode system) {
      if (system == null || system.isNull()) {
        return "";
      }
      if (system.isTextual()) {
        return system.asText();
      }
      if (system.isArray()) {
        return texts(system, "system");
      }
      throw new IllegalArgumentException("system: Input should be a valid string or list");
    }

    private static String content(JsonNode content, int index) {
      if (content == null || content.isNull()) {
        throw new IllegalArgumentException("messages." + index + ".content: Field required");
      }
      if (content.isTextual()) {
        return content.asText();
      }
      if (content.isArray()) {
        return texts(content, "messages." + index + ".content");
      }
      throw new IllegalArgumentException(
          "messages." + index + ".content: Input should be a valid string or list");
    }

    /** The texts of the {@code text} blocks of a list, joined; other block types are skipped. */
    private static String texts(JsonNode blocks, String field) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < blocks.size(); i++) {
        JsonNode block = blocks.get(i);
        if (!block.isObject() || Json.text(block, "type").isEmpty()) {
          throw new IllegalArgumentException(field + "." + i + ".type: Field required");
        }
        if (Json.text(block, "type").equals("text")) {
          if (!block.path("text").isTextual()) {
            throw new IllegalArgumentException(field + "." + i + ".text: Field required");
          }
          text.append(block.get("text").asText());
        }
      }
      return text.toString();
    }
  }
}
