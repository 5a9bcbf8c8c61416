ALTER TABLE "check_facts" ADD COLUMN "district_code" text;--> statement-breakpoint
ALTER TABLE "checks" ADD COLUMN "district_code" text;--> statement-breakpoint
ALTER TABLE "review_events" ADD COLUMN "district_code" text;--> statement-breakpoint
ALTER TABLE "search_passages" ADD COLUMN "district_code" text;--> statement-breakpoint
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
--> statement-breakpoint
-- Text compares byte by byte, as on SQLite (BINARY), whatever the locale the database was created with: the
-- same ORDER BY gives the same rows in the same order on both engines, so exports are byte-identical.
-- Every text column of a later migration needs COLLATE "C" too (db/postgres.test.ts checks it).
ALTER TABLE "articles" ALTER COLUMN "title" TYPE text COLLATE "C", ALTER COLUMN "published_on" TYPE text COLLATE "C", ALTER COLUMN "page" TYPE text COLLATE "C", ALTER COLUMN "issue" TYPE text COLLATE "C", ALTER COLUMN "url" TYPE text COLLATE "C", ALTER COLUMN "file_name" TYPE text COLLATE "C", ALTER COLUMN "text" TYPE text COLLATE "C", ALTER COLUMN "sha256" TYPE text COLLATE "C", ALTER COLUMN "ingested_at" TYPE text COLLATE "C", ALTER COLUMN "extractor_version" TYPE text COLLATE "C", ALTER COLUMN "district_code" TYPE text COLLATE "C";
--> statement-breakpoint
ALTER TABLE "check_facts" ALTER COLUMN "role" TYPE text COLLATE "C", ALTER COLUMN "district_code" TYPE text COLLATE "C";
--> statement-breakpoint
ALTER TABLE "checks" ALTER COLUMN "kind" TYPE text COLLATE "C", ALTER COLUMN "verdict" TYPE text COLLATE "C", ALTER COLUMN "metric" TYPE text COLLATE "C", ALTER COLUMN "date" TYPE text COLLATE "C", ALTER COLUMN "arithmetic" TYPE text COLLATE "C", ALTER COLUMN "note" TYPE text COLLATE "C", ALTER COLUMN "computed_at" TYPE text COLLATE "C", ALTER COLUMN "district_code" TYPE text COLLATE "C";
--> statement-breakpoint
ALTER TABLE "crawl_robots" ALTER COLUMN "origin" TYPE text COLLATE "C", ALTER COLUMN "body" TYPE text COLLATE "C", ALTER COLUMN "etag" TYPE text COLLATE "C", ALTER COLUMN "last_modified" TYPE text COLLATE "C", ALTER COLUMN "fetched_at" TYPE text COLLATE "C";
--> statement-breakpoint
ALTER TABLE "crawl_runs" ALTER COLUMN "trigger" TYPE text COLLATE "C", ALTER COLUMN "status" TYPE text COLLATE "C", ALTER COLUMN "started_at" TYPE text COLLATE "C", ALTER COLUMN "heartbeat_at" TYPE text COLLATE "C", ALTER COLUMN "finished_at" TYPE text COLLATE "C", ALTER COLUMN "message" TYPE text COLLATE "C";
--> statement-breakpoint
ALTER TABLE "crawl_sources" ALTER COLUMN "start_urls" TYPE text COLLATE "C", ALTER COLUMN "schedule" TYPE text COLLATE "C", ALTER COLUMN "updated_at" TYPE text COLLATE "C";
--> statement-breakpoint
ALTER TABLE "crawl_state" ALTER COLUMN "url" TYPE text COLLATE "C", ALTER COLUMN "kind" TYPE text COLLATE "C", ALTER COLUMN "found_on" TYPE text COLLATE "C", ALTER COLUMN "listed_date" TYPE text COLLATE "C", ALTER COLUMN "listed_title" TYPE text COLLATE "C", ALTER COLUMN "result" TYPE text COLLATE "C", ALTER COLUMN "reason" TYPE text COLLATE "C", ALTER COLUMN "message" TYPE text COLLATE "C", ALTER COLUMN "etag" TYPE text COLLATE "C", ALTER COLUMN "last_modified" TYPE text COLLATE "C", ALTER COLUMN "final_url" TYPE text COLLATE "C", ALTER COLUMN "links" TYPE text COLLATE "C", ALTER COLUMN "found_at" TYPE text COLLATE "C", ALTER COLUMN "fetched_at" TYPE text COLLATE "C";
--> statement-breakpoint
ALTER TABLE "facts" ALTER COLUMN "uid" TYPE text COLLATE "C", ALTER COLUMN "unit" TYPE text COLLATE "C", ALTER COLUMN "qualifier" TYPE text COLLATE "C", ALTER COLUMN "metric" TYPE text COLLATE "C", ALTER COLUMN "text" TYPE text COLLATE "C", ALTER COLUMN "district" TYPE text COLLATE "C", ALTER COLUMN "district_code" TYPE text COLLATE "C", ALTER COLUMN "street" TYPE text COLLATE "C", ALTER COLUMN "street_code" TYPE text COLLATE "C", ALTER COLUMN "community" TYPE text COLLATE "C", ALTER COLUMN "community_code" TYPE text COLLATE "C", ALTER COLUMN "place_provenance" TYPE text COLLATE "C", ALTER COLUMN "date" TYPE text COLLATE "C", ALTER COLUMN "date_precision" TYPE text COLLATE "C", ALTER COLUMN "date_provenance" TYPE text COLLATE "C", ALTER COLUMN "cues" TYPE text COLLATE "C", ALTER COLUMN "extractor_version" TYPE text COLLATE "C", ALTER COLUMN "review_status" TYPE text COLLATE "C", ALTER COLUMN "corrected_unit" TYPE text COLLATE "C", ALTER COLUMN "corrected_metric" TYPE text COLLATE "C", ALTER COLUMN "unit_word" TYPE text COLLATE "C", ALTER COLUMN "role" TYPE text COLLATE "C", ALTER COLUMN "object" TYPE text COLLATE "C", ALTER COLUMN "object_class" TYPE text COLLATE "C", ALTER COLUMN "action" TYPE text COLLATE "C", ALTER COLUMN "action_class" TYPE text COLLATE "C", ALTER COLUMN "aspect" TYPE text COLLATE "C", ALTER COLUMN "unit_class" TYPE text COLLATE "C", ALTER COLUMN "measure_class" TYPE text COLLATE "C", ALTER COLUMN "metric_source" TYPE text COLLATE "C";
--> statement-breakpoint
ALTER TABLE "review_events" ALTER COLUMN "fact_uid" TYPE text COLLATE "C", ALTER COLUMN "user_name" TYPE text COLLATE "C", ALTER COLUMN "at" TYPE text COLLATE "C", ALTER COLUMN "status" TYPE text COLLATE "C", ALTER COLUMN "before" TYPE text COLLATE "C", ALTER COLUMN "after" TYPE text COLLATE "C", ALTER COLUMN "reason" TYPE text COLLATE "C", ALTER COLUMN "district_code" TYPE text COLLATE "C";
--> statement-breakpoint
ALTER TABLE "search_passages" ALTER COLUMN "passage" TYPE text COLLATE "C", ALTER COLUMN "district_code" TYPE text COLLATE "C";
--> statement-breakpoint
ALTER TABLE "sessions" ALTER COLUMN "id" TYPE text COLLATE "C", ALTER COLUMN "csrf_token" TYPE text COLLATE "C", ALTER COLUMN "created_at" TYPE text COLLATE "C", ALTER COLUMN "expires_at" TYPE text COLLATE "C";
--> statement-breakpoint
ALTER TABLE "sign_in_throttles" ALTER COLUMN "key" TYPE text COLLATE "C";
--> statement-breakpoint
ALTER TABLE "sources" ALTER COLUMN "name" TYPE text COLLATE "C", ALTER COLUMN "district" TYPE text COLLATE "C", ALTER COLUMN "district_code" TYPE text COLLATE "C";
--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "name" TYPE text COLLATE "C", ALTER COLUMN "password_hash" TYPE text COLLATE "C", ALTER COLUMN "role" TYPE text COLLATE "C", ALTER COLUMN "created_at" TYPE text COLLATE "C";
