package io.precis.jobs.rollup;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Eight weeks of synthetic daily spend with a weekly pattern: busier on weekdays, quiet at the
 * weekend. Scenarios multiply chosen days by a factor.
 */
final class SyntheticSpend {
  /** A Monday. */
  static final LocalDate START = LocalDate.of(2026, 9, 7);

  static final int DAYS = 56;

  /** USD by weekday, Monday first. */
  private static final String[] WEEK = {"10.00", "11.00", "12.00", "11.00", "9.00", "4.00", "3.00"};

  private SyntheticSpend() {}

  /** The usual spend on a day of the week. */
  static BigDecimal usual(LocalDate day) {
    return new BigDecimal(WEEK[day.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue()]);
  }

  /** The day {@code index} days after {@link #START}. */
  static LocalDate day(int index) {
    return START.plusDays(index);
  }

  /** Index of a day of a week: week 1..8, weekday 1 (Monday) .. 7 (Sunday). */
  static int index(int week, int weekday) {
    return (week - 1) * 7 + weekday - 1;
  }

  /** Eight weeks of the usual spend, each day multiplied by {@code factor(index)}. */
  static Map<LocalDate, BigDecimal> series(IntFunction<String> factor) {
    return series(START, factor);
  }

  /** The same, from another Monday. */
  static Map<LocalDate, BigDecimal> series(LocalDate start, IntFunction<String> factor) {
    Map<LocalDate, BigDecimal> series = new TreeMap<>();
    for (int i = 0; i < DAYS; i++) {
      LocalDate day = start.plusDays(i);
      series.put(day, usual(day).multiply(new BigDecimal(factor.apply(i))));
    }
    return series;
  }
}
