-- Monthly timelines group the per-day totals by month; in this order the
-- database reads them already grouped instead of sorting them first.
CREATE INDEX event_days_month ON event_days (month, quad_class, plover_type, n, goldstein_sum);
