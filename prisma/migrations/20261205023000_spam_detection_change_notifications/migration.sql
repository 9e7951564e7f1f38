-- Spam detection from memory (lib/spam-detection/detection-caches.ts): every instance keeps each tenant's
-- Allow/Deny list status and its classifier's version in memory, and hears of every change on the
-- admission cache's channel "bouncer_admission" (migration 20261204201500_admission_change_notifications),
-- so one LISTEN per instance serves both. The triggers send it in the writing transaction: PostgreSQL
-- delivers it to every listening instance only if, and right after, the change commits — whoever wrote it.
-- Within one transaction, identical payloads are delivered once, so adding 1,000 list entries costs one.
-- A snapshot of the classifier (snapshot, snapshotSeq) is no new version: only "seq" is followed.

CREATE OR REPLACE FUNCTION "bouncer_notify_spam_detection_change"() RETURNS trigger AS $$
DECLARE
  row_data RECORD;
BEGIN
  IF TG_OP = 'DELETE' THEN row_data := OLD; ELSE row_data := NEW; END IF;
  IF TG_TABLE_NAME = 'SpamListEntry' THEN
    PERFORM pg_notify('bouncer_admission', json_build_object('kind', 'spamLists', 'tenantId', row_data."tenantId")::text);
    IF TG_OP = 'UPDATE' AND OLD."tenantId" <> NEW."tenantId" THEN
      PERFORM pg_notify('bouncer_admission', json_build_object('kind', 'spamLists', 'tenantId', OLD."tenantId")::text);
    END IF;
  ELSIF TG_TABLE_NAME = 'ClassifierModel' THEN
    PERFORM pg_notify('bouncer_admission', json_build_object(
      'kind', 'classifier', 'tenantId', row_data."tenantId", 'seq', CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE row_data."seq" END)::text);
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "SpamListEntry_spam_detection_change"
  AFTER INSERT OR DELETE OR UPDATE OF "tenantId", "list", "kind", "value" ON "SpamListEntry"
  FOR EACH ROW EXECUTE FUNCTION "bouncer_notify_spam_detection_change"();

CREATE TRIGGER "ClassifierModel_spam_detection_change"
  AFTER INSERT OR DELETE OR UPDATE OF "seq" ON "ClassifierModel"
  FOR EACH ROW EXECUTE FUNCTION "bouncer_notify_spam_detection_change"();
