-- Admission from memory (lib/admission/admission-cache.ts): every instance caches API keys, tenant
-- settings, the active ban set and live-chat blocks, and hears of every change to them on the channel
-- "bouncer_admission". The triggers send it in the writing transaction, so PostgreSQL delivers it to
-- every listening instance only if, and right after, the change commits — whoever wrote it (the app,
-- a rule, a script, psql). Hit counters (hitCount, lastHitAt) and a key's lastUsedAt are not changes:
-- the column lists below leave them out.

CREATE OR REPLACE FUNCTION "bouncer_notify_admission_change"() RETURNS trigger AS $$
DECLARE
  row_data RECORD;
  payload TEXT;
BEGIN
  IF TG_OP = 'DELETE' THEN row_data := OLD; ELSE row_data := NEW; END IF;
  IF TG_TABLE_NAME = 'Ban' THEN
    payload := json_build_object(
      'kind', 'ban', 'tenantId', row_data."tenantId", 'channel', row_data."channel", 'identifier', row_data."identifier",
      'id', row_data."id", 'active', TG_OP <> 'DELETE' AND row_data."activeSlot" IS NOT NULL, 'expiresAt', row_data."expiresAt")::text;
    -- NOTIFY payloads stop at 8000 bytes: a huge identifier reloads the tenant's bans instead.
    IF octet_length(payload) > 7500 THEN
      payload := json_build_object('kind', 'bans', 'tenantId', row_data."tenantId")::text;
    END IF;
    IF TG_OP = 'UPDATE' AND (OLD."channel" <> NEW."channel" OR OLD."identifier" <> NEW."identifier") THEN
      PERFORM pg_notify('bouncer_admission', json_build_object('kind', 'bans', 'tenantId', OLD."tenantId")::text);
    END IF;
  ELSIF TG_TABLE_NAME = 'ApiKey' THEN
    payload := json_build_object('kind', 'apiKey', 'keyHash', row_data."keyHash")::text;
  ELSIF TG_TABLE_NAME = 'Tenant' THEN
    payload := json_build_object('kind', 'tenant', 'tenantId', row_data."id")::text;
  ELSIF TG_TABLE_NAME = 'LiveChatBlock' THEN
    payload := json_build_object('kind', 'blocks', 'tenantId', row_data."tenantId")::text;
  END IF;
  PERFORM pg_notify('bouncer_admission', payload);
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Ban_admission_change"
  AFTER INSERT OR DELETE OR UPDATE OF "tenantId", "channel", "identifier", "activeSlot", "expiresAt" ON "Ban"
  FOR EACH ROW EXECUTE FUNCTION "bouncer_notify_admission_change"();

CREATE TRIGGER "ApiKey_admission_change"
  AFTER INSERT OR DELETE OR UPDATE OF "tenantId", "name", "keyHash", "defaultAgentId", "revokedAt" ON "ApiKey"
  FOR EACH ROW EXECUTE FUNCTION "bouncer_notify_admission_change"();

CREATE TRIGGER "Tenant_admission_change"
  AFTER UPDATE OR DELETE ON "Tenant"
  FOR EACH ROW EXECUTE FUNCTION "bouncer_notify_admission_change"();

CREATE TRIGGER "LiveChatBlock_admission_change"
  AFTER INSERT OR DELETE OR UPDATE OF "tenantId", "contactId", "conversationId", "blockedUntil", "unblockedAt" ON "LiveChatBlock"
  FOR EACH ROW EXECUTE FUNCTION "bouncer_notify_admission_change"();
