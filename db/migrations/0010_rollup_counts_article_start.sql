DROP INDEX `facts_article`;--> statement-breakpoint
CREATE INDEX `facts_article` ON `facts` (`article_id`,`start`);--> statement-breakpoint
CREATE INDEX `rollup_periods_counts` ON `rollup_periods` (`period`,`measure`,`figures`,`approximate`);--> statement-breakpoint
CREATE INDEX `rollup_streets_counts` ON `rollup_streets` (`street_code`,`measure`,`figures`,`approximate`);