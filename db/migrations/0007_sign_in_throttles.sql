CREATE TABLE `sign_in_throttles` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`window_start` integer NOT NULL,
	`blocked_until` integer DEFAULT 0 NOT NULL,
	`lockouts` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sign_in_throttles_updated` ON `sign_in_throttles` (`updated_at`);--> statement-breakpoint
DROP TABLE `sign_in_attempts`;--> statement-breakpoint
CREATE INDEX `facts_corrected` ON `facts` (`district_code`) WHERE review_status = 'corrected';