CREATE TABLE "sign_in_throttles" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_start" bigint NOT NULL,
	"blocked_until" bigint DEFAULT 0 NOT NULL,
	"lockouts" integer DEFAULT 0 NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
DROP TABLE "sign_in_attempts" CASCADE;--> statement-breakpoint
CREATE INDEX "sign_in_throttles_updated" ON "sign_in_throttles" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "facts_corrected" ON "facts" USING btree ("district_code") WHERE review_status = 'corrected';