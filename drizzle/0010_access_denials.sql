CREATE TABLE "access_denials" (
	"site_id" uuid,
	"actor_user_id" text,
	"ip" text,
	"window_start" timestamp with time zone NOT NULL,
	"status" integer NOT NULL,
	"count" integer NOT NULL,
	"last_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "access_denials_key" UNIQUE NULLS NOT DISTINCT("site_id","actor_user_id","ip","window_start","status")
);
--> statement-breakpoint
CREATE INDEX "access_denials_site_window" ON "access_denials" USING btree ("site_id","window_start");