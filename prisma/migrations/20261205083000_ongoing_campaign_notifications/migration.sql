-- Whether a tenant has an active ongoing campaign is cached with its ingest settings
-- (lib/admission/admission-cache.ts): ingest queues the "campaigns for a new contact" job only then, so a
-- flood of new senders costs no job per sender on a tenant without one. Every instance must hear when
-- that changes: an ongoing campaign created, started, paused, stopped or deleted notifies the tenant's
-- settings on the admission channel, in the writing transaction (delivered right after its commit).
CREATE OR REPLACE FUNCTION "bouncer_notify_ongoing_campaign_change"() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD."kind" = 'ongoing' THEN
    PERFORM pg_notify('bouncer_admission', json_build_object('kind', 'tenant', 'tenantId', OLD."tenantId")::text);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW."kind" = 'ongoing' THEN
    PERFORM pg_notify('bouncer_admission', json_build_object('kind', 'tenant', 'tenantId', NEW."tenantId")::text);
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Campaign_ongoing_change"
  AFTER INSERT OR DELETE OR UPDATE OF "tenantId", "kind", "status" ON "Campaign"
  FOR EACH ROW EXECUTE FUNCTION "bouncer_notify_ongoing_campaign_change"();
