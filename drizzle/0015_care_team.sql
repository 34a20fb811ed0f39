CREATE TABLE "care_team_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"member_id" text NOT NULL,
	"supporter_id" text NOT NULL,
	"role" text NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"end_reason" text,
	"assigned_by" text,
	"ended_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "care_team_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"member_id" text NOT NULL,
	"about_id" text,
	"reason_encrypted" text,
	"status" text DEFAULT 'open' NOT NULL,
	"answer_encrypted" text,
	"answered_by" text,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "care_team_assignments" ADD CONSTRAINT "care_team_assignments_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_team_assignments" ADD CONSTRAINT "care_team_assignments_member_id_user_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_team_assignments" ADD CONSTRAINT "care_team_assignments_supporter_id_user_id_fk" FOREIGN KEY ("supporter_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_team_assignments" ADD CONSTRAINT "care_team_assignments_assigned_by_user_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_team_assignments" ADD CONSTRAINT "care_team_assignments_ended_by_user_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_team_requests" ADD CONSTRAINT "care_team_requests_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_team_requests" ADD CONSTRAINT "care_team_requests_member_id_user_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_team_requests" ADD CONSTRAINT "care_team_requests_about_id_user_id_fk" FOREIGN KEY ("about_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_team_requests" ADD CONSTRAINT "care_team_requests_answered_by_user_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "care_team_assignments_member" ON "care_team_assignments" USING btree ("site_id","member_id");--> statement-breakpoint
CREATE INDEX "care_team_assignments_supporter" ON "care_team_assignments" USING btree ("site_id","supporter_id");--> statement-breakpoint
CREATE UNIQUE INDEX "care_team_one_professional" ON "care_team_assignments" USING btree ("site_id","member_id") WHERE "care_team_assignments"."ended_on" is null and "care_team_assignments"."role" <> 'peer_worker';--> statement-breakpoint
CREATE UNIQUE INDEX "care_team_one_peer_each" ON "care_team_assignments" USING btree ("site_id","member_id","supporter_id") WHERE "care_team_assignments"."ended_on" is null and "care_team_assignments"."role" = 'peer_worker';--> statement-breakpoint
CREATE INDEX "care_team_requests_site_status" ON "care_team_requests" USING btree ("site_id","status","member_id");