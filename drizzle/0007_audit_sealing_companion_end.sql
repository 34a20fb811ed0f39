ALTER TABLE "audit_log" ALTER COLUMN "prev_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "seq" bigint;--> statement-breakpoint
ALTER TABLE "companion_requests" ADD COLUMN "ended_by" text;--> statement-breakpoint
ALTER TABLE "companion_requests" ADD COLUMN "end_reason" text;--> statement-breakpoint
ALTER TABLE "companion_requests" ADD CONSTRAINT "companion_requests_ended_by_user_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_seq" ON "audit_log" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "audit_unsealed" ON "audit_log" USING btree ("id") WHERE "audit_log"."seq" is null;