package org.speechforum.contracts;

/**
 * How exact {@code publishedAt} is. Copied forum threads only say "1 year ago", which the parser turns into
 * an approximate instant; dashboards need to know not to plot such a date to the second.
 */
public enum TimePrecision {
    EXACT, MINUTE, HOUR, DAY, MONTH, YEAR
}
