DROP INDEX `facts_metric_date`;--> statement-breakpoint
DROP INDEX `facts_district`;--> statement-breakpoint
DROP INDEX `facts_street`;--> statement-breakpoint
DROP INDEX `facts_date`;