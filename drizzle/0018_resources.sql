CREATE TABLE "resource_areas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"name" text NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"postcodes" text[] DEFAULT '{}' NOT NULL,
	CONSTRAINT "resource_areas_site_name" UNIQUE("site_id","name")
);
--> statement-breakpoint
CREATE TABLE "resource_interests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"categories" text[] DEFAULT '{}' NOT NULL,
	"max_cost" text DEFAULT 'any' NOT NULL,
	"step_free" boolean DEFAULT false NOT NULL,
	"wheelchair" boolean DEFAULT false NOT NULL,
	"hearing_loop" boolean DEFAULT false NOT NULL,
	"travel" text DEFAULT 'public' NOT NULL,
	"max_distance_km" integer DEFAULT 10 NOT NULL,
	"language" text,
	"times" text DEFAULT 'any' NOT NULL,
	"mode" text DEFAULT 'either' NOT NULL,
	"company" text DEFAULT 'either' NOT NULL,
	"area_id" uuid,
	"postcode" text,
	"lat" text,
	"lon" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resource_interests_site_user" UNIQUE("site_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "resource_picks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"resource_id" uuid NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"picked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"follow_up_at" timestamp with time zone NOT NULL,
	"follow_up_sent_at" timestamp with time zone,
	"answer" text,
	"answered_at" timestamp with time zone,
	CONSTRAINT "resource_picks_site_user_resource" UNIQUE("site_id","user_id","resource_id")
);
--> statement-breakpoint
CREATE TABLE "resource_settings" (
	"site_id" uuid PRIMARY KEY NOT NULL,
	"stale_after_months" integer DEFAULT 12 NOT NULL,
	"follow_up_days" integer DEFAULT 14 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"descriptions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"categories" text[] DEFAULT '{}' NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"area_id" uuid,
	"lat" double precision,
	"lon" double precision,
	"opening_times" text DEFAULT '' NOT NULL,
	"cost" text DEFAULT 'free' NOT NULL,
	"step_free" boolean DEFAULT false NOT NULL,
	"wheelchair" boolean DEFAULT false NOT NULL,
	"hearing_loop" boolean DEFAULT false NOT NULL,
	"transport" text DEFAULT '' NOT NULL,
	"languages" text[] DEFAULT '{}' NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"website" text DEFAULT '' NOT NULL,
	"scope" text DEFAULT 'local' NOT NULL,
	"last_checked_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resources_site_name_address" UNIQUE("site_id","name","address")
);
--> statement-breakpoint
ALTER TABLE "resource_areas" ADD CONSTRAINT "resource_areas_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_interests" ADD CONSTRAINT "resource_interests_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_interests" ADD CONSTRAINT "resource_interests_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_interests" ADD CONSTRAINT "resource_interests_area_id_resource_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."resource_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_picks" ADD CONSTRAINT "resource_picks_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_picks" ADD CONSTRAINT "resource_picks_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_picks" ADD CONSTRAINT "resource_picks_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_settings" ADD CONSTRAINT "resource_settings_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_area_id_resource_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."resource_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "resource_picks_user" ON "resource_picks" USING btree ("user_id","status");--> statement-breakpoint
CREATE INDEX "resources_site_checked" ON "resources" USING btree ("site_id","last_checked_on");