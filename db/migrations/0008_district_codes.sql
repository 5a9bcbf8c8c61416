ALTER TABLE `check_facts` ADD `district_code` text;--> statement-breakpoint
ALTER TABLE `checks` ADD `district_code` text;--> statement-breakpoint
ALTER TABLE `review_events` ADD `district_code` text;--> statement-breakpoint
-- search_passages is written by hand (migration 0002), beside its FTS5 table
ALTER TABLE `search_passages` ADD `district_code` text;
--> statement-breakpoint
-- Ready to scale out (issue 13): every large table carries the district code a distributed database (Citus)
-- shards it by, beside articles and facts. A check takes its article's district (a check across articles, that
-- of its figures), its links the check's, a review event the figure's, a search passage its article's. What
-- is stored already gets them here; db/checks.ts, db/review.ts and db/search.ts write them from now on.
UPDATE checks SET district_code = (SELECT a.district_code FROM articles a WHERE a.id = checks.article_id) WHERE article_id IS NOT NULL;
--> statement-breakpoint
UPDATE checks SET district_code = (SELECT min(f.district_code) FROM check_facts cf JOIN facts f ON f.id = cf.fact_id WHERE cf.check_id = checks.id) WHERE article_id IS NULL;
--> statement-breakpoint
UPDATE check_facts SET district_code = (SELECT c.district_code FROM checks c WHERE c.id = check_facts.check_id);
--> statement-breakpoint
UPDATE review_events SET district_code = (SELECT f.district_code FROM facts f WHERE f.uid = review_events.fact_uid);
--> statement-breakpoint
UPDATE search_passages SET district_code = (SELECT a.district_code FROM articles a WHERE a.id = search_passages.article_id);
