package io.precis.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTest {
  @Test
  void theFirstTierIsWhereTheChunkStarts() {
    List<String> tiers = new ArrayList<>(List.of("cheap", "premium"));
    Route route = new Route(tiers, "simple", "why");
    tiers.clear();

    assertThat(route.tier()).isEqualTo("cheap");
    assertThat(route.tiers()).containsExactly("cheap", "premium");
    assertThat(new Route("premium", "complex", "why").tiers()).containsExactly("premium");
  }

  @Test
  void aRouteNeedsATier() {
    assertThatThrownBy(() -> new Route(List.of(), "simple", "why"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a route needs at least one tier");
  }

  @Test
  void aRouteTravelsToSparkExecutors() throws Exception {
    Route route = new Route(List.of("cheap", "premium"), "extraction", "table-rows 1.00");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(route);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(route);
    }
  }
}
