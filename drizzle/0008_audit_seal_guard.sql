-- Records written before sealing existed were chained in id order when written: they keep their
-- hashes and take their id as their place in the chain.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
--> statement-breakpoint
UPDATE audit_log SET seq = id WHERE seq IS NULL;
--> statement-breakpoint
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;
--> statement-breakpoint
DROP TRIGGER audit_log_no_update ON audit_log;
--> statement-breakpoint
-- The one change ever allowed: sealing an unsealed record, once, with its content unchanged.
CREATE OR REPLACE FUNCTION audit_log_seal_only() RETURNS trigger AS $$
BEGIN
	IF OLD.seq IS NULL AND OLD.hash IS NULL AND OLD.prev_hash IS NULL
		AND NEW.seq IS NOT NULL AND NEW.hash IS NOT NULL AND NEW.prev_hash IS NOT NULL
		AND (NEW.id, NEW.at, NEW.actor_user_id, NEW.acting_role, NEW.site_id, NEW.action,
			NEW.entity_type, NEW.entity_id, NEW.outcome, NEW.ip, NEW.details)
			IS NOT DISTINCT FROM
			(OLD.id, OLD.at, OLD.actor_user_id, OLD.acting_role, OLD.site_id, OLD.action,
			OLD.entity_type, OLD.entity_id, OLD.outcome, OLD.ip, OLD.details)
	THEN
		RETURN NEW;
	END IF;
	RAISE EXCEPTION 'audit_log is append-only: only sealing an unsealed record is allowed';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
	FOR EACH ROW EXECUTE FUNCTION audit_log_seal_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
	FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
