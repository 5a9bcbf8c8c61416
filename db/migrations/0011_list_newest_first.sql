-- The figure list (db/dashboard.ts factList) is ordered date DESC NULLS LAST, id DESC and walks this index from its
-- newest end (db/dialect.ts factsNewestFirst). Keyed (date, review_status, …), the entries of one day were in the
-- order of their other columns, so SQLite sorted a whole day of figures for a first page (synthetic data puts a
-- quarter of a million on one year-end day at 10M facts). Keyed (date, id, …), the walk is in the list's order and
-- stops after a page; it still holds every filter column, and date ranges still seek on the leading column.
DROP INDEX IF EXISTS `facts_dash_date`;
--> statement-breakpoint
CREATE INDEX `facts_dash_date` ON `facts` (`date`, `id`, `review_status`, `qualifier`, `district_code`, `street_code`, `community_code`, `period`, `role`, `cumulative`, `effective_metric`, `effective_unit`);
