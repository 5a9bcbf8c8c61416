DROP INDEX "facts_article";--> statement-breakpoint
CREATE INDEX "facts_article" ON "facts" USING btree ("article_id","start");