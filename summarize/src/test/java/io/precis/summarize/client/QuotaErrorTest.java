package io.precis.summarize.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** OpenAI answers 429 both to "slow down" and to "your account is out of credit". */
class QuotaErrorTest {
  @Test
  void insufficientQuotaIsTheCodeOrTypeOfTheError() {
    assertThat(
            OpenAiCompatibleClient.isQuota(
                "{\"error\":{\"message\":\"You exceeded your current quota\","
                    + "\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}"))
        .isTrue();
    assertThat(OpenAiCompatibleClient.isQuota("{\"error\":{\"code\":\"insufficient_quota\"}}"))
        .isTrue();
    assertThat(
            OpenAiCompatibleClient.isQuota(
                "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\","
                    + "\"code\":\"rate_limit_exceeded\"}}"))
        .isFalse();
    assertThat(OpenAiCompatibleClient.isQuota("Too Many Requests")).isFalse();
    assertThat(OpenAiCompatibleClient.isQuota("")).isFalse();
  }
}
