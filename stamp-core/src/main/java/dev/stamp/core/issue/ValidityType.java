package dev.stamp.core.issue;

/** How a validity value is read, as AWS's ValidityPeriodType. */
public enum ValidityType { END_DATE, ABSOLUTE, DAYS, MONTHS, YEARS }
