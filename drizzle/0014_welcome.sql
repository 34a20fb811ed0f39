ALTER TABLE "profiles" ADD COLUMN "welcomed_at" timestamp with time zone;--> statement-breakpoint
-- Hand-written: people who already use Kith are not sent to the first-sign-in welcome.
UPDATE "profiles" SET "welcomed_at" = "updated_at";
