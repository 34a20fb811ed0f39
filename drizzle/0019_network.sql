CREATE TABLE "network_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"label_encrypted" text NOT NULL,
	"kind" text NOT NULL,
	"circle" integer NOT NULL,
	"contact" text NOT NULL,
	"emotional" boolean DEFAULT false NOT NULL,
	"practical" boolean DEFAULT false NOT NULL,
	"illness" boolean DEFAULT false NOT NULL,
	"want_more" boolean DEFAULT false NOT NULL,
	"drains" boolean DEFAULT false NOT NULL,
	"used_to_enjoy" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"member_id" text NOT NULL,
	"facilitator_id" text NOT NULL,
	"status" text DEFAULT 'asked' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"agreed_at" timestamp with time zone,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "network_shares" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"member_id" text NOT NULL,
	"shared_with_user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "network_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"taken_at" timestamp with time zone DEFAULT now() NOT NULL,
	"items_encrypted" text NOT NULL,
	"size" integer NOT NULL,
	"circles_filled" integer NOT NULL,
	"emotional" integer NOT NULL,
	"practical" integer NOT NULL,
	"illness" integer NOT NULL,
	"network_type" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_suggestions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"member_id" text NOT NULL,
	"suggested_by" text NOT NULL,
	"label_encrypted" text NOT NULL,
	"kind" text NOT NULL,
	"circle" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "network_items" ADD CONSTRAINT "network_items_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_items" ADD CONSTRAINT "network_items_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_sessions" ADD CONSTRAINT "network_sessions_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_sessions" ADD CONSTRAINT "network_sessions_member_id_user_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_sessions" ADD CONSTRAINT "network_sessions_facilitator_id_user_id_fk" FOREIGN KEY ("facilitator_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_shares" ADD CONSTRAINT "network_shares_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_shares" ADD CONSTRAINT "network_shares_member_id_user_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_shares" ADD CONSTRAINT "network_shares_shared_with_user_id_user_id_fk" FOREIGN KEY ("shared_with_user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_snapshots" ADD CONSTRAINT "network_snapshots_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_snapshots" ADD CONSTRAINT "network_snapshots_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_suggestions" ADD CONSTRAINT "network_suggestions_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_suggestions" ADD CONSTRAINT "network_suggestions_member_id_user_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_suggestions" ADD CONSTRAINT "network_suggestions_suggested_by_user_id_fk" FOREIGN KEY ("suggested_by") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "network_items_user" ON "network_items" USING btree ("site_id","user_id");--> statement-breakpoint
CREATE INDEX "network_sessions_member" ON "network_sessions" USING btree ("site_id","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "network_shares_member_user" ON "network_shares" USING btree ("member_id","shared_with_user_id");--> statement-breakpoint
CREATE INDEX "network_snapshots_user" ON "network_snapshots" USING btree ("site_id","user_id","taken_at");--> statement-breakpoint
CREATE INDEX "network_suggestions_member" ON "network_suggestions" USING btree ("site_id","member_id","status");