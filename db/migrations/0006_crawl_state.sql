CREATE TABLE `crawl_robots` (
	`origin` text PRIMARY KEY NOT NULL,
	`body` text NOT NULL,
	`http_status` integer NOT NULL,
	`etag` text,
	`last_modified` text,
	`fetched_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `crawl_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` integer,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`started_at` text NOT NULL,
	`heartbeat_at` text NOT NULL,
	`finished_at` text,
	`pages` integer DEFAULT 0 NOT NULL,
	`added` integer DEFAULT 0 NOT NULL,
	`figures` integer DEFAULT 0 NOT NULL,
	`duplicates` integer DEFAULT 0 NOT NULL,
	`unchanged` integer DEFAULT 0 NOT NULL,
	`skipped` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`message` text,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `crawl_runs_one_running` ON `crawl_runs` (`source_id`) WHERE status = 'running';--> statement-breakpoint
CREATE INDEX `crawl_runs_source_started` ON `crawl_runs` (`source_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `crawl_sources` (
	`source_id` integer PRIMARY KEY NOT NULL,
	`start_urls` text NOT NULL,
	`delay_seconds` real,
	`max_pages` integer,
	`max_depth` integer,
	`schedule` text DEFAULT 'manual' NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `crawl_state` (
	`url` text PRIMARY KEY NOT NULL,
	`source_id` integer,
	`kind` text NOT NULL,
	`depth` integer DEFAULT 0 NOT NULL,
	`found_on` text,
	`listed_date` text,
	`listed_title` text,
	`result` text NOT NULL,
	`reason` text,
	`message` text,
	`http_status` integer,
	`etag` text,
	`last_modified` text,
	`final_url` text,
	`article_id` integer,
	`links` text,
	`found_at` text NOT NULL,
	`fetched_at` text,
	`run_id` integer,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `crawl_state_source_result` ON `crawl_state` (`source_id`,`result`);--> statement-breakpoint
CREATE INDEX `crawl_state_article` ON `crawl_state` (`article_id`);--> statement-breakpoint
CREATE INDEX `articles_url` ON `articles` (`url`);