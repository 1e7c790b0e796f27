package io.precis.jobs.report;

import java.util.List;
import java.util.Locale;

/**
 * Writes one inline SVG element: shapes and text at pixel positions, text escaped. Positions are
 * written with at most one decimal, so the same chart always gives the same bytes.
 */
final class Svg {
  /** Colors for series, in order (Tableau 10); {@link #OTHER} for what is grouped as other. */
  static final List<String> COLORS =
      List.of(
          "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
          "#9c755f");

  static final String OTHER = "#bab0ac";

  private final StringBuilder out = new StringBuilder();

  /**
   * @param id the element's id
   * @param label what the chart shows, for screen readers
   */
  Svg(String id, int width, int height, String label) {
    out.append("<svg id=\"")
        .append(Html.escape(id))
        .append("\" class=\"chart\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" role=\"img\" aria-label=\"")
        .append(Html.escape(label))
        .append("\">\n");
  }

  static String color(int index) {
    return COLORS.get(index % COLORS.size());
  }

  /** A filled rectangle; {@code title}, when not null, shows on hover. */
  Svg rect(double x, double y, double width, double height, String fill, String title) {
    out.append("<rect x=\"")
        .append(number(x))
        .append("\" y=\"")
        .append(number(y))
        .append("\" width=\"")
        .append(number(Math.max(0, width)))
        .append("\" height=\"")
        .append(number(Math.max(0, height)))
        .append("\" fill=\"")
        .append(fill)
        .append('"');
    if (title == null) {
      out.append("/>\n");
    } else {
      out.append("><title>").append(Html.escape(title)).append("</title></rect>\n");
    }
    return this;
  }

  /** A line styled by the CSS class (axis, grid, connector). */
  Svg line(double x1, double y1, double x2, double y2, String cssClass) {
    out.append("<line class=\"")
        .append(cssClass)
        .append("\" x1=\"")
        .append(number(x1))
        .append("\" y1=\"")
        .append(number(y1))
        .append("\" x2=\"")
        .append(number(x2))
        .append("\" y2=\"")
        .append(number(y2))
        .append("\"/>\n");
    return this;
  }

  /**
   * Text at a point.
   *
   * @param anchor start, middle or end
   * @param cssClass the CSS class, e.g. tick or label
   */
  Svg text(double x, double y, String anchor, String cssClass, String text) {
    out.append("<text class=\"")
        .append(cssClass)
        .append("\" x=\"")
        .append(number(x))
        .append("\" y=\"")
        .append(number(y))
        .append("\" text-anchor=\"")
        .append(anchor)
        .append("\">")
        .append(Html.escape(text))
        .append("</text>\n");
    return this;
  }

  /** The finished element. */
  String close() {
    return out.append("</svg>\n").toString();
  }

  static String number(double value) {
    String text = String.format(Locale.ROOT, "%.1f", value);
    text = text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    return text.equals("-0") ? "0" : text;
  }
}
