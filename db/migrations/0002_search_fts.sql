-- Dashboard (issue 5): Chinese full-text search and covering indexes for the charts.
--
-- Search: FTS5 has no Chinese word breaker, so db/search.ts feeds it character bigrams (望江街道 →
-- 望江 江街 街道) of each sentence and segments queries the same way. Computing bigrams needs code,
-- which a trigger cannot run, so triggers only queue changed articles in search_pending and
-- db/search.ts indexes the queue (in JavaScript) before it searches. Whoever writes articles —
-- ingestion, synth, a sqlite3 shell — therefore needs to know nothing about search.
CREATE TABLE `search_passages` (
	`id` integer PRIMARY KEY NOT NULL,
	`article_id` integer NOT NULL,
	`start` integer NOT NULL,  -- UTF-16 offsets into articles.text; -1, -1 for the title
	`end` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `search_passages_article` ON `search_passages` (`article_id`);
--> statement-breakpoint
-- contentless: the text lives in articles; the index only maps bigrams to search_passages ids.
CREATE VIRTUAL TABLE `search_fts` USING fts5(bigrams, content='', contentless_delete=1, tokenize='unicode61');
--> statement-breakpoint
CREATE TABLE `search_pending` (`article_id` integer PRIMARY KEY NOT NULL);
--> statement-breakpoint
CREATE TRIGGER `search_article_insert` AFTER INSERT ON `articles` BEGIN
	INSERT OR IGNORE INTO search_pending (article_id) VALUES (new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_article_update` AFTER UPDATE OF `text`, `title` ON `articles` BEGIN
	DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_passages WHERE article_id = old.id);
	DELETE FROM search_passages WHERE article_id = old.id;
	INSERT OR IGNORE INTO search_pending (article_id) VALUES (new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_article_delete` AFTER DELETE ON `articles` BEGIN
	DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_passages WHERE article_id = old.id);
	DELETE FROM search_passages WHERE article_id = old.id;
	DELETE FROM search_pending WHERE article_id = old.id;
END;
--> statement-breakpoint
INSERT INTO search_pending (article_id) SELECT id FROM articles;
--> statement-breakpoint
-- Covering indexes for db/dashboard.ts: every chart aggregate (count, sum, approximate share by
-- street, community, month) is answered from one of these without touching the table, which keeps
-- the overview and place pages under 300 ms at a million facts. Kept out of db/schema.ts on purpose:
-- drizzle-kit would otherwise try to create them again in a later generated migration.
CREATE INDEX `facts_dash_metric` ON `facts` (`metric`, `unit`, `date`, `district_code`, `street_code`, `community_code`, `qualifier`, `review_status`, `value`, `corrected_value`);
--> statement-breakpoint
CREATE INDEX `facts_dash_district` ON `facts` (`district_code`, `metric`, `unit`, `date`, `street_code`, `qualifier`, `review_status`, `value`, `corrected_value`);
--> statement-breakpoint
CREATE INDEX `facts_dash_street` ON `facts` (`street_code`, `metric`, `unit`, `date`, `community_code`, `qualifier`, `review_status`, `value`, `corrected_value`);
--> statement-breakpoint
CREATE INDEX `facts_dash_date` ON `facts` (`date`, `review_status`, `qualifier`, `district_code`, `street_code`, `community_code`);
