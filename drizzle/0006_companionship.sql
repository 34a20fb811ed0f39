CREATE TABLE "companion_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"date" date NOT NULL,
	"mode" text NOT NULL,
	"minutes" integer NOT NULL,
	"note" text,
	"logged_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "companion_profiles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"languages" text[] DEFAULT '{}' NOT NULL,
	"interests" text[] DEFAULT '{}' NOT NULL,
	"availability" text DEFAULT '' NOT NULL,
	"accepting" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "companion_profiles_site_user" UNIQUE("site_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "companion_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"member_id" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"languages" text[] DEFAULT '{}' NOT NULL,
	"interests" text[] DEFAULT '{}' NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"peer_id" text,
	"declined_peer_ids" text[] DEFAULT '{}' NOT NULL,
	"offered_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"peer_id" text NOT NULL,
	"kind" text NOT NULL,
	"date" date NOT NULL,
	"minutes" integer NOT NULL,
	"with_whom" text NOT NULL,
	"topics" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "companionship_months" integer DEFAULT 6 NOT NULL;--> statement-breakpoint
ALTER TABLE "companion_contacts" ADD CONSTRAINT "companion_contacts_request_id_companion_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."companion_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "companion_contacts" ADD CONSTRAINT "companion_contacts_logged_by_user_id_fk" FOREIGN KEY ("logged_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "companion_profiles" ADD CONSTRAINT "companion_profiles_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "companion_profiles" ADD CONSTRAINT "companion_profiles_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "companion_requests" ADD CONSTRAINT "companion_requests_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "companion_requests" ADD CONSTRAINT "companion_requests_member_id_user_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "companion_requests" ADD CONSTRAINT "companion_requests_peer_id_user_id_fk" FOREIGN KEY ("peer_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_logs" ADD CONSTRAINT "supervision_logs_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_logs" ADD CONSTRAINT "supervision_logs_peer_id_user_id_fk" FOREIGN KEY ("peer_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "companion_contacts_request" ON "companion_contacts" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "companion_requests_site_status" ON "companion_requests" USING btree ("site_id","status");--> statement-breakpoint
CREATE INDEX "companion_requests_member" ON "companion_requests" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "companion_requests_peer" ON "companion_requests" USING btree ("peer_id");--> statement-breakpoint
CREATE INDEX "supervision_logs_site_peer" ON "supervision_logs" USING btree ("site_id","peer_id","date");