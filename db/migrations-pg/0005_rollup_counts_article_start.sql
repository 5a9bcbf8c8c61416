DROP INDEX "facts_article";--> statement-breakpoint
CREATE INDEX "rollup_periods_counts" ON "rollup_periods" USING btree ("period","measure","figures","approximate");--> statement-breakpoint
CREATE INDEX "rollup_streets_counts" ON "rollup_streets" USING btree ("street_code","measure","figures","approximate");--> statement-breakpoint
CREATE INDEX "facts_article" ON "facts" USING btree ("article_id","start");