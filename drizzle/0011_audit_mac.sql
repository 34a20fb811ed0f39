ALTER TABLE "audit_log" ADD COLUMN "mac" text;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_mac" ON "audit_log" USING btree ("mac");--> statement-breakpoint
-- Enforced for every record written from now on; the records before this migration have no MAC.
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_mac_present" CHECK ("audit_log"."mac" is not null) NOT VALID;--> statement-breakpoint
-- Sealing must leave the MAC as written, like the rest of the content.
CREATE OR REPLACE FUNCTION audit_log_seal_only() RETURNS trigger AS $$
BEGIN
	IF OLD.seq IS NULL AND OLD.hash IS NULL AND OLD.prev_hash IS NULL
		AND NEW.seq IS NOT NULL AND NEW.hash IS NOT NULL AND NEW.prev_hash IS NOT NULL
		AND (NEW.id, NEW.at, NEW.actor_user_id, NEW.acting_role, NEW.site_id, NEW.action,
			NEW.entity_type, NEW.entity_id, NEW.outcome, NEW.ip, NEW.details, NEW.mac)
			IS NOT DISTINCT FROM
			(OLD.id, OLD.at, OLD.actor_user_id, OLD.acting_role, OLD.site_id, OLD.action,
			OLD.entity_type, OLD.entity_id, OLD.outcome, OLD.ip, OLD.details, OLD.mac)
	THEN
		RETURN NEW;
	END IF;
	RAISE EXCEPTION 'audit_log is append-only: only sealing an unsealed record is allowed';
END;
$$ LANGUAGE plpgsql;
