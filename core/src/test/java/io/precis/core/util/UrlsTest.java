package io.precis.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlsTest {
  @Test
  void redactsUserAndPasswordButKeepsTheRest() {
    assertThat(Urls.redact("http://bob:hunter2@ollama:11434/api"))
        .isEqualTo("http://<redacted>@ollama:11434/api");
    assertThat(Urls.redact("https://token@host/v1")).isEqualTo("https://<redacted>@host/v1");
  }

  @Test
  void redactsUrlsThatDoNotParseAndUrlsInsideText() {
    assertThat(Urls.redact("see http://bob:p%w{d@host/x and ftp://a:b@c"))
        .isEqualTo("see http://<redacted>@host/x and ftp://<redacted>@c");
  }

  @Test
  void leavesTextWithoutUserInfoAlone() {
    assertThat(Urls.redact("http://localhost:11434")).isEqualTo("http://localhost:11434");
    assertThat(Urls.redact("mail bob@example.com")).isEqualTo("mail bob@example.com");
    assertThat(Urls.redact("http://host/path@v2")).isEqualTo("http://host/path@v2");
  }

  @Test
  void aWebhookIsShownWithoutItsPathOrQueryWhereItsSecretLives() {
    assertThat(Urls.withoutPath("https://hooks.slack.com/services/T0/B0/XXXXSECRET"))
        .isEqualTo("https://hooks.slack.com/<redacted>");
    assertThat(Urls.withoutPath("http://bob:pw@127.0.0.1:8080?token=abc"))
        .isEqualTo("http://<redacted>@127.0.0.1:8080/<redacted>");
    assertThat(Urls.withoutPath("http://127.0.0.1:8080")).isEqualTo("http://127.0.0.1:8080");
    assertThat(Urls.withoutPath("not a url/secret")).isEqualTo("<redacted>");
  }
}
