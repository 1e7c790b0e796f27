package io.precis.core.cost;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.precis.core.errors.Errors;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Prices per {@code provider/model}, each with the date it took effect, so that a call is costed at
 * the price of its day. Built from the {@code prices} block of the configuration ({@code
 * conf/prices.conf}).
 */
public final class PriceTable implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Set<String> ENTRY_KEYS =
      Set.of(
          "since",
          "input-per-million",
          "cached-input-per-million",
          "output-per-million",
          "batch-discount");

  /** Per model key, prices sorted by the day they took effect. */
  private final Map<String, List<ModelPrice>> prices;

  public PriceTable(Map<String, List<ModelPrice>> prices) {
    Map<String, List<ModelPrice>> sorted = new TreeMap<>();
    prices.forEach(
        (model, list) -> {
          List<ModelPrice> copy = new ArrayList<>(list);
          copy.sort(Comparator.comparing(ModelPrice::since));
          sorted.put(model, List.copyOf(copy));
        });
    this.prices = Map.copyOf(sorted);
  }

  /** The price in effect for the model on the day, if the table has one. */
  public Optional<ModelPrice> price(String modelKey, LocalDate day) {
    ModelPrice found = null;
    for (ModelPrice price : prices.getOrDefault(modelKey, List.of())) {
      if (!price.since().isAfter(day)) {
        found = price;
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * The price in effect, or an error that tells the user how to add it.
   *
   * @throws io.precis.core.errors.PrecisException when the table has no price for the model that
   *     day
   */
  public ModelPrice require(String modelKey, String tier, LocalDate day) {
    return price(modelKey, day).orElseThrow(() -> Errors.missingPrice(modelKey, tier));
  }

  public Set<String> models() {
    return prices.keySet();
  }

  /** Reads the {@code prices} block: {@code "provider/model" = [{ since = ..., ... }]}. */
  public static PriceTable from(Config config) {
    Map<String, List<ModelPrice>> prices = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> entry : config.root().entrySet()) {
      String model = entry.getKey();
      String key = "prices.\"" + model + "\"";
      if (entry.getValue().valueType() != ConfigValueType.LIST) {
        throw Errors.invalidConfigValue(
            key,
            entry.getValue().unwrapped(),
            "a list of dated prices",
            "[{ since = \"2024-10-02\", input-per-million = 2.50, cached-input-per-million = 1.25,"
                + " output-per-million = 10.00, batch-discount = 0.5 }]");
      }
      List<ModelPrice> list = new ArrayList<>();
      ConfigList values = (ConfigList) entry.getValue();
      for (int i = 0; i < values.size(); i++) {
        list.add(entry(key + "[" + i + "]", values.get(i)));
      }
      prices.put(model, list);
    }
    return new PriceTable(prices);
  }

  private static ModelPrice entry(String key, ConfigValue value) {
    if (value.valueType() != ConfigValueType.OBJECT) {
      throw Errors.invalidConfigValue(
          key, value.unwrapped(), "an object", "{ since = \"2024-10-02\", ... }");
    }
    ConfigObject object = (ConfigObject) value;
    for (String name : object.keySet()) {
      if (!ENTRY_KEYS.contains(name)) {
        throw Errors.unknownConfigKey(
            key + "." + name,
            value.origin().description(),
            Optional.of("one of " + new java.util.TreeSet<>(ENTRY_KEYS)));
      }
    }
    Config entry = object.toConfig();
    LocalDate since;
    try {
      since = LocalDate.parse(entry.getString("since"));
    } catch (ConfigException | DateTimeParseException e) {
      throw Errors.invalidConfigValue(
          key + ".since", unwrapped(entry, "since"), "a date (yyyy-mm-dd)", "\"2024-10-02\"");
    }
    BigDecimal input = amount(entry, key, "input-per-million");
    BigDecimal batchDiscount =
        entry.hasPath("batch-discount") ? amount(entry, key, "batch-discount") : BigDecimal.ZERO;
    if (batchDiscount.compareTo(BigDecimal.ONE) > 0) {
      throw Errors.invalidConfigValue(key + ".batch-discount", batchDiscount, "<= 1", "0.5");
    }
    return new ModelPrice(
        since,
        input,
        entry.hasPath("cached-input-per-million")
            ? amount(entry, key, "cached-input-per-million")
            : input,
        amount(entry, key, "output-per-million"),
        batchDiscount);
  }

  /**
   * A decimal from the configured value. HOCON reads numbers as doubles, which hold every price of
   * up to 15 significant digits exactly (0.15 is 0.15); a price written as a string ("0.15") is
   * taken digit for digit.
   */
  private static BigDecimal amount(Config entry, String key, String name) {
    String fullKey = key + "." + name;
    if (!entry.hasPath(name)) {
      throw Errors.invalidConfigValue(fullKey, "missing", "set", "0.15");
    }
    ConfigValue value = entry.getValue(name);
    try {
      String text =
          value.valueType() == ConfigValueType.STRING
              ? (String) value.unwrapped()
              : value.render().trim();
      BigDecimal amount = new BigDecimal(text);
      if (amount.signum() < 0) {
        throw Errors.invalidConfigValue(fullKey, amount, ">= 0", "0.15");
      }
      return amount;
    } catch (NumberFormatException e) {
      throw Errors.invalidConfigValue(fullKey, value.unwrapped(), "a number", "0.15");
    }
  }

  private static Object unwrapped(Config entry, String name) {
    return entry.hasPath(name) ? entry.getValue(name).unwrapped() : "missing";
  }
}
