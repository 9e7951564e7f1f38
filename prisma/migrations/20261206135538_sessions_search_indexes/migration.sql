-- The Sessions search (contact name, identity identifier, last message preview: ILIKE '%…%') and list
-- (lib/sessions/list-sessions.ts). Trigram indexes need pg_trgm: a trusted contrib extension on PostgreSQL 13+
-- (the database's owner may create it); the embedded database loads it at every open (lib/db/embedded.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "Contact_name_idx" ON "Contact" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "ContactIdentity_identifier_idx" ON "ContactIdentity" USING GIN ("identifier" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Conversation_tenantId_lastMessageAt_id_idx" ON "Conversation"("tenantId", "lastMessageAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Conversation_lastMessagePreview_idx" ON "Conversation" USING GIN ("lastMessagePreview" gin_trgm_ops);
