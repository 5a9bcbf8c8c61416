ALTER TABLE `articles` ADD `district_code` text;--> statement-breakpoint
ALTER TABLE `facts` ADD `unit_word` text;--> statement-breakpoint
ALTER TABLE `facts` ADD `role` text DEFAULT 'measured' NOT NULL;--> statement-breakpoint
ALTER TABLE `facts` ADD `object` text;--> statement-breakpoint
ALTER TABLE `facts` ADD `object_class` text;--> statement-breakpoint
ALTER TABLE `facts` ADD `action` text;--> statement-breakpoint
ALTER TABLE `facts` ADD `action_class` text;--> statement-breakpoint
ALTER TABLE `facts` ADD `aspect` text;--> statement-breakpoint
ALTER TABLE `facts` ADD `unit_class` text;--> statement-breakpoint
ALTER TABLE `facts` ADD `measure_class` text;--> statement-breakpoint
ALTER TABLE `facts` ADD `metric_confidence` real;--> statement-breakpoint
ALTER TABLE `facts` ADD `metric_source` text;--> statement-breakpoint
-- Search (issue 18): the index is written with the article, in its transaction (db/search.ts indexArticle),
-- so a search never writes; each passage keeps its own bounded text, so a search never reads an article's
-- whole text. The queue triggers go; the delete trigger stays (FTS5 rows are removed by rowid).
DROP TRIGGER IF EXISTS `search_article_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_article_update`;
--> statement-breakpoint
ALTER TABLE `search_passages` ADD `passage` text NOT NULL DEFAULT '';
--> statement-breakpoint
-- every stored article is indexed again, with passage texts, by `figures init` (npm start runs it)
INSERT INTO `search_fts` (`search_fts`) VALUES ('delete-all');
--> statement-breakpoint
DELETE FROM `search_passages`;
--> statement-breakpoint
INSERT OR IGNORE INTO `search_pending` (`article_id`) SELECT `id` FROM `articles`;
