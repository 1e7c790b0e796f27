package io.precis.jobs.rollup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON a webhook receives for one change of state. Money travels as strings, so that no
 * receiver reads it through a binary float: {@code "spend_usd":"12.50"}.
 */
final class AlertJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AlertJson() {}

  static String body(AlertTransition transition) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("alert", "spend");
    node.put("alert_id", transition.alertId());
    node.put("feature", transition.feature());
    node.put("state", transition.state().name());
    node.put("day", transition.day().toString());
    node.put("spend_usd", MoneyText.exact(transition.spend()));
    node.put("baseline_usd", MoneyText.exact(transition.baseline()));
    node.put("factor", transition.factor());
    node.put("reason", transition.reason());
    return node.toString();
  }
}
