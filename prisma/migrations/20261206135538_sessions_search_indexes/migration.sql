-- The Sessions list (lib/sessions/list-sessions.ts): every conversation the actor may see, newest first, whatever its
-- bucket — the first page is the index's first rows, and a search by a common word stops at its first page of matches.
-- (Trigram indexes for the search were measured and left out: bench/results/README.md, "Lists at depth".)

-- CreateIndex
CREATE INDEX "Conversation_tenantId_lastMessageAt_id_idx" ON "Conversation"("tenantId", "lastMessageAt" DESC, "id" DESC);
