CREATE TABLE `articles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` integer,
	`title` text,
	`published_on` text,
	`page` text,
	`issue` text,
	`url` text,
	`file_name` text,
	`text` text NOT NULL,
	`sha256` text NOT NULL,
	`ingested_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')) NOT NULL,
	`extractor_version` text NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `articles_sha256` ON `articles` (`sha256`);--> statement-breakpoint
CREATE INDEX `articles_published_on` ON `articles` (`published_on`);--> statement-breakpoint
CREATE INDEX `articles_source` ON `articles` (`source_id`);--> statement-breakpoint
CREATE TABLE `facts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uid` text NOT NULL,
	`article_id` integer NOT NULL,
	`value` real NOT NULL,
	`low` real,
	`high` real,
	`unit` text NOT NULL,
	`qualifier` text NOT NULL,
	`metric` text NOT NULL,
	`text` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`sentence_start` integer NOT NULL,
	`sentence_end` integer NOT NULL,
	`district` text,
	`district_code` text,
	`street` text,
	`street_code` text,
	`community` text,
	`community_code` text,
	`place_provenance` text DEFAULT 'default' NOT NULL,
	`date` text,
	`date_precision` text,
	`date_provenance` text DEFAULT 'default' NOT NULL,
	`cumulative` integer DEFAULT false NOT NULL,
	`cues` text DEFAULT '[]' NOT NULL,
	`extractor_version` text NOT NULL,
	`review_status` text DEFAULT 'unreviewed' NOT NULL,
	`corrected_value` real,
	`corrected_unit` text,
	`corrected_metric` text,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `facts_uid` ON `facts` (`uid`);--> statement-breakpoint
CREATE INDEX `facts_article` ON `facts` (`article_id`);--> statement-breakpoint
CREATE INDEX `facts_metric_date` ON `facts` (`metric`,`date`);--> statement-breakpoint
CREATE INDEX `facts_district` ON `facts` (`district_code`,`metric`);--> statement-breakpoint
CREATE INDEX `facts_street` ON `facts` (`street_code`,`metric`);--> statement-breakpoint
CREATE INDEX `facts_community` ON `facts` (`community_code`,`metric`);--> statement-breakpoint
CREATE INDEX `facts_date` ON `facts` (`date`);--> statement-breakpoint
CREATE TABLE `sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`district` text,
	`district_code` text,
	`synthetic` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sources_name_unique` ON `sources` (`name`);