package io.precis.jobs.rollup;

import io.precis.core.errors.Errors;
import io.precis.core.util.Urls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/** POSTs each change of state as JSON ({@link AlertJson}) to a URL; any 2xx answer accepts it. */
public final class WebhookNotifier implements AlertNotifier {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final String url;
  private final HttpClient client;

  public WebhookNotifier(String url) {
    this.url = Objects.requireNonNull(url, "url is null");
    this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  @Override
  public String destination() {
    return Urls.withoutPath(url);
  }

  @Override
  public void send(AlertTransition transition) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(AlertJson.body(transition)))
            .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw Errors.webhookRejected(
          destination(),
          transition.describe(),
          e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.webhookRejected(destination(), transition.describe(), "interrupted");
    }
    if (response.statusCode() / 100 != 2) {
      String body = response.body().strip();
      throw Errors.webhookRejected(
          destination(),
          transition.describe(),
          "HTTP "
              + response.statusCode()
              + (body.isEmpty() ? "" : ": " + body.substring(0, Math.min(200, body.length()))));
    }
  }
}
