DROP INDEX `facts_article`;--> statement-breakpoint
CREATE INDEX `facts_article` ON `facts` (`article_id`,`start`);