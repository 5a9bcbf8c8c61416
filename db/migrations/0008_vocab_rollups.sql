CREATE TABLE `rollup_distributions` (
	`district_code` text NOT NULL,
	`metric` text NOT NULL,
	`unit` text NOT NULL,
	`figures` integer NOT NULL,
	`approximate` integer NOT NULL,
	`low` real NOT NULL,
	`high` real NOT NULL,
	`median` real NOT NULL,
	PRIMARY KEY(`district_code`, `metric`, `unit`)
);
--> statement-breakpoint
CREATE TABLE `rollup_periods` (
	`district_code` text NOT NULL,
	`metric` text NOT NULL,
	`unit` text NOT NULL,
	`measure` text NOT NULL,
	`period` text NOT NULL,
	`figures` integer NOT NULL,
	`approximate` integer NOT NULL,
	`total` real,
	`approximate_total` real,
	PRIMARY KEY(`district_code`, `metric`, `unit`, `measure`, `period`)
);
--> statement-breakpoint
CREATE INDEX `rollup_periods_series` ON `rollup_periods` (`metric`,`unit`,`measure`,`period`);--> statement-breakpoint
CREATE TABLE `rollup_places` (
	`code` text PRIMARY KEY NOT NULL,
	`level` text NOT NULL,
	`name` text,
	`district_code` text,
	`street_code` text,
	`figures` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rollup_places_level` ON `rollup_places` (`level`,`code`);--> statement-breakpoint
CREATE TABLE `rollup_state` (
	`name` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rollup_streets` (
	`district_code` text NOT NULL,
	`metric` text NOT NULL,
	`unit` text NOT NULL,
	`measure` text NOT NULL,
	`street_code` text NOT NULL,
	`figures` integer NOT NULL,
	`approximate` integer NOT NULL,
	`total` real,
	`approximate_total` real,
	PRIMARY KEY(`district_code`, `metric`, `unit`, `measure`, `street_code`)
);
--> statement-breakpoint
CREATE INDEX `rollup_streets_series` ON `rollup_streets` (`metric`,`unit`,`measure`,`street_code`);--> statement-breakpoint
DROP INDEX `facts_corrected`;--> statement-breakpoint
DROP INDEX `facts_community`;--> statement-breakpoint
ALTER TABLE `facts` ADD `effective_value` real;--> statement-breakpoint
ALTER TABLE `facts` ADD `effective_unit` text;--> statement-breakpoint
ALTER TABLE `facts` ADD `effective_metric` text;--> statement-breakpoint
ALTER TABLE `facts` ADD `period` text;--> statement-breakpoint
CREATE INDEX `facts_community` ON `facts` (`community_code`,`effective_metric`);
--> statement-breakpoint
-- Issue 12. The rollups of migration 0003 were kept by SQLite triggers, summed running totals across dates and
-- ignored corrected metrics and units; the app's writers now keep new ones (db/rollups.ts) in SQL both engines
-- read, on the rules of lib/vocab. The new tables are filled on the next open (db/rollups.ts ensureRollups:
-- rollup_state holds no rules yet).
DROP TRIGGER IF EXISTS `facts_rollup_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `facts_rollup_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `facts_rollup_update`;
--> statement-breakpoint
DROP TABLE IF EXISTS `district_months`;
--> statement-breakpoint
DROP TABLE IF EXISTS `district_streets`;
--> statement-breakpoint
DROP INDEX IF EXISTS `facts_dash_metric`;
--> statement-breakpoint
DROP INDEX IF EXISTS `facts_dash_district`;
--> statement-breakpoint
DROP INDEX IF EXISTS `facts_dash_street`;
--> statement-breakpoint
DROP INDEX IF EXISTS `facts_dash_date`;
--> statement-breakpoint
-- the derived columns of the figures already stored: lib/vocab effectiveSql and periodSql, as the writers compute them
UPDATE facts SET effective_value = CASE WHEN review_status = 'corrected' THEN coalesce(corrected_value, value) ELSE value END, effective_unit = CASE WHEN review_status = 'corrected' THEN coalesce(corrected_unit, unit) ELSE unit END, effective_metric = CASE WHEN review_status = 'corrected' THEN coalesce(corrected_metric, metric) ELSE metric END, period = CASE WHEN date IS NULL THEN NULL WHEN date_precision = 'year' THEN substr(date, 1, 4) WHEN date_precision = 'half' THEN substr(date, 1, 4) || CASE WHEN substr(date, 6, 2) <= '06' THEN '-H1' ELSE '-H2' END WHEN date_precision = 'quarter' THEN substr(date, 1, 4) || CASE WHEN substr(date, 6, 2) <= '03' THEN '-Q1' WHEN substr(date, 6, 2) <= '06' THEN '-Q2' WHEN substr(date, 6, 2) <= '09' THEN '-Q3' ELSE '-Q4' END ELSE substr(date, 1, 7) END;
--> statement-breakpoint
-- The dashboard's covering indexes (migration 0002) again, on the effective figure, its period and what decides
-- its measure (role, cumulative): every chart aggregate and every rollup refresh reads one of them.
CREATE INDEX `facts_dash_metric` ON `facts` (`effective_metric`, `effective_unit`, `date`, `district_code`, `street_code`, `community_code`, `period`, `qualifier`, `review_status`, `role`, `cumulative`, `effective_value`);
--> statement-breakpoint
CREATE INDEX `facts_dash_district` ON `facts` (`district_code`, `effective_metric`, `effective_unit`, `period`, `street_code`, `community_code`, `date`, `qualifier`, `review_status`, `role`, `cumulative`, `effective_value`);
--> statement-breakpoint
CREATE INDEX `facts_dash_street` ON `facts` (`street_code`, `effective_metric`, `effective_unit`, `date`, `community_code`, `period`, `district_code`, `qualifier`, `review_status`, `role`, `cumulative`, `effective_value`);
--> statement-breakpoint
CREATE INDEX `facts_dash_date` ON `facts` (`date`, `review_status`, `qualifier`, `district_code`, `street_code`, `community_code`, `period`, `role`, `cumulative`, `effective_metric`, `effective_unit`);
