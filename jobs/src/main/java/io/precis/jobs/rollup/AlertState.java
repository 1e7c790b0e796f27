package io.precis.jobs.rollup;

/** The state of a feature's spend alert on a day. */
public enum AlertState {
  /** Spend is where its baseline says it should be, or has come back there. */
  OK,
  /** Spend has stayed above its baseline by the fire factor for the configured days. */
  FIRING
}
