-- A conversation's last activity never moves backwards: the ingest function of migration
-- 20261205044500_receive_incoming_message_reasons_once, replaced with the same signature and one change — the
-- conversation's "lastMessageAt" (and "updatedAt") take the later of what they hold and this message's time, and
-- its preview changes only with a message at least as new. Two messages of one contact stored at once (two groups,
-- lib/messages/receive-group.ts, on PostgreSQL's several connections) are serialized by the contact row's lock in
-- whichever order they reach it: the one timed earlier could commit last and set the conversation back to its
-- own time and preview, below its newest message — seen by tests/integration/ingest-kill.test.ts, 8 conversations
-- of 20 on a slower machine. The list's order and its preview then disagreed with the timeline.

-- Stores an incoming message: finds or creates the sender's contact and identity, touches the contact,
-- finds (or reopens, or creates) the conversation, inserts the message with its spam score, updates the
-- conversation and writes the reopened_by_contact timeline line. The caller decided admission (from
-- memory) and scored the text (both ways: as a new contact's first message and as a known contact's),
-- and generated the ids of the rows this may create. Returns what the message.received event and the
-- API answer need, minus the reasons the caller sent (lib/messages/store-incoming-message.ts reads it).
CREATE OR REPLACE FUNCTION "bouncer_receive_incoming_message"(
  p_tenant_id text,
  p_channel "Channel",
  p_identifier text,
  p_contact_name text,
  p_external_id text,
  p_authenticated boolean,
  p_conversation_id text,
  p_body text,
  p_preview text,
  p_now timestamptz,
  p_held_by_ban boolean,
  p_new_contact_id text,
  p_new_identity_id text,
  p_new_conversation_id text,
  p_message_id text,
  p_event_id text,
  p_first_message_score float8,
  p_first_message_reasons jsonb,
  p_known_contact_score float8,
  p_known_contact_reasons jsonb,
  p_suspect_threshold float8
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  identity_found boolean;
  identity_contact_id text;
  identity_external_id text;
  by_external_id text;
  contact_id text;
  contact_created boolean := false;
  adopt_external_id boolean;
  becomes_authenticated boolean;
  spam_marked_at timestamptz;
  spam_marked_by_id text;
  existing_id text;
  existing_status "ConversationStatus";
  existing_bucket "InboxBucket";
  existing_assignee_id text;
  existing_spam_marked_by_id text;
  existing_dismissed_at timestamptz;
  conversation_id text;
  new_status "ConversationStatus";
  new_bucket "InboxBucket";
  marker_id text;
  score float8;
  reasons jsonb;
  rule_min_score float8;
  summary jsonb;
  reasons_are_the_messages boolean;
BEGIN
  -- The contact: by its identity on this channel, or by the host system's user id.
  SELECT i."contactId", c."externalId" INTO identity_contact_id, identity_external_id
    FROM "ContactIdentity" i JOIN "Contact" c ON c."id" = i."contactId"
   WHERE i."tenantId" = p_tenant_id AND i."channel" = p_channel AND i."identifier" = p_identifier;
  identity_found := FOUND;
  IF p_external_id IS NOT NULL AND identity_external_id IS DISTINCT FROM p_external_id THEN
    SELECT "id" INTO by_external_id FROM "Contact" WHERE "tenantId" = p_tenant_id AND "externalId" = p_external_id;
  END IF;
  contact_id := coalesce(by_external_id, identity_contact_id);
  IF contact_id IS NULL THEN
    INSERT INTO "Contact" ("id", "tenantId", "name", "externalId", "authenticated", "createdAt", "lastSeenAt")
    VALUES (p_new_contact_id, p_tenant_id, coalesce(p_contact_name, p_identifier), p_external_id, p_authenticated, p_now, p_now);
    contact_id := p_new_contact_id;
    contact_created := true;
  END IF;
  -- A second first message from the same sender loses this insert's unique race (23505): the caller
  -- retries once and finds the winner's contact.
  IF NOT identity_found THEN
    INSERT INTO "ContactIdentity" ("id", "tenantId", "contactId", "channel", "identifier", "createdAt")
    VALUES (p_new_identity_id, p_tenant_id, contact_id, p_channel, p_identifier, p_now);
  END IF;

  -- The touch locks the contact row before the conversation is read: marking holds it FOR UPDATE, so
  -- a message arriving during a mark waits for it and then lands in Spam instead of slipping past it.
  -- A known anonymous contact that now arrives with an external id becomes that authenticated user.
  adopt_external_id := p_external_id IS NOT NULL AND by_external_id IS NULL AND identity_found AND identity_external_id IS NULL;
  becomes_authenticated := p_authenticated AND by_external_id IS NOT NULL;
  UPDATE "Contact" SET
    "lastSeenAt" = p_now,
    "externalId" = CASE WHEN adopt_external_id THEN p_external_id ELSE "externalId" END,
    "authenticated" = CASE WHEN adopt_external_id THEN p_authenticated WHEN becomes_authenticated THEN true ELSE "authenticated" END
   WHERE "id" = contact_id
  RETURNING "spamMarkedAt", "spamMarkedById" INTO spam_marked_at, spam_marked_by_id;
  marker_id := CASE WHEN spam_marked_at IS NOT NULL THEN spam_marked_by_id END;

  -- The conversation: the one named (it must be this contact's), or the contact's latest unresolved one on the channel.
  IF p_conversation_id IS NOT NULL THEN
    SELECT "id", "status", "bucket", "assigneeId", "spamMarkedById", "spamSuspicionDismissedAt"
      INTO existing_id, existing_status, existing_bucket, existing_assignee_id, existing_spam_marked_by_id, existing_dismissed_at
      FROM "Conversation" WHERE "id" = p_conversation_id AND "tenantId" = p_tenant_id AND "contactId" = contact_id;
    IF existing_id IS NULL THEN
      RAISE EXCEPTION 'conversation not found' USING ERRCODE = 'P0002';
    END IF;
  ELSE
    SELECT "id", "status", "bucket", "assigneeId", "spamMarkedById", "spamSuspicionDismissedAt"
      INTO existing_id, existing_status, existing_bucket, existing_assignee_id, existing_spam_marked_by_id, existing_dismissed_at
      FROM "Conversation"
     WHERE "tenantId" = p_tenant_id AND "contactId" = contact_id AND "channel" = p_channel AND "status" <> 'resolved'
     ORDER BY "lastMessageAt" DESC LIMIT 1;
  END IF;

  -- The score that applies (null when detection is off), and where the message puts the chat. A
  -- suspicion carries over; a new one needs mode "suspect" (a threshold) and no earlier dismissal.
  score := CASE WHEN contact_created THEN p_first_message_score ELSE p_known_contact_score END;
  reasons := CASE WHEN contact_created THEN coalesce(p_first_message_reasons, p_known_contact_reasons) ELSE p_known_contact_reasons END;
  new_status := CASE WHEN existing_id IS NOT NULL AND existing_status <> 'resolved' THEN existing_status ELSE 'open' END;
  new_bucket := "bouncer_inbox_bucket"(
    new_status,
    spam_marked_at IS NOT NULL,
    p_held_by_ban,
    coalesce(existing_bucket = 'suspected', false)
      OR (p_suspect_threshold IS NOT NULL AND score >= p_suspect_threshold AND existing_dismissed_at IS NULL)
  );

  IF existing_id IS NULL THEN
    conversation_id := p_new_conversation_id;
    INSERT INTO "Conversation" ("id", "tenantId", "contactId", "channel", "status", "bucket", "spamMarkedById",
                                "lastMessageAt", "lastMessagePreview", "spamScore", "spamReasons", "createdAt", "updatedAt")
    VALUES (conversation_id, p_tenant_id, contact_id, p_channel, new_status, new_bucket, marker_id,
            p_now, p_preview, score, reasons, p_now, p_now);
  ELSE
    conversation_id := existing_id;
    -- The conversation's copy of the marker moves with its bucket (an agent without All access sees in
    -- Spam the chats they marked). Its score is the highest of its messages', with that message's reasons.
    UPDATE "Conversation" SET
      "lastMessageAt" = GREATEST("lastMessageAt", p_now),
      "lastMessagePreview" = CASE WHEN p_now >= "lastMessageAt" THEN p_preview ELSE "lastMessagePreview" END,
      "status" = new_status,
      "bucket" = new_bucket,
      "spamMarkedById" = CASE WHEN "bucket" <> new_bucket THEN marker_id ELSE "spamMarkedById" END,
      "spamScore" = GREATEST("spamScore", score),
      "spamReasons" = CASE WHEN score IS NOT NULL AND ("spamScore" IS NULL OR "spamScore" <= score) THEN reasons ELSE "spamReasons" END,
      "updatedAt" = GREATEST("updatedAt", p_now)
     WHERE "id" = conversation_id;
    -- The timeline type is lib/conversations/timeline-events.ts's reopened_by_contact (no actor, no data).
    IF existing_status = 'resolved' THEN
      INSERT INTO "ConversationEvent" ("id", "tenantId", "conversationId", "type", "actorAgentId", "data", "createdAt")
      VALUES (p_event_id, p_tenant_id, conversation_id, 'reopened_by_contact', NULL, '{}', p_now);
    END IF;
  END IF;

  INSERT INTO "Message" ("id", "tenantId", "conversationId", "direction", "body", "spamScore", "spamReasons", "createdAt")
  VALUES (p_message_id, p_tenant_id, conversation_id, 'in', p_body, score, reasons, p_now);

  -- The rules' "score ≥ X" gate: the lowest X of the tenant's enabled spam-score rules.
  IF score IS NOT NULL THEN
    SELECT min((r."params"->>'minScore')::float8) INTO rule_min_score
      FROM "SpamRule" r WHERE r."tenantId" = p_tenant_id AND r."enabled" AND r."trigger" = 'spam_score';
  END IF;

  -- The conversation summary: the same columns, under the same names, as querySummaries in
  -- lib/conversations/read-conversation-summaries.ts (tests/integration/ingest.test.ts compares them).
  SELECT jsonb_build_object(
           'id', c."id", 'channel', c."channel", 'status', c."status", 'bucket', c."bucket",
           'assigneeId', c."assigneeId", 'assigneeName', a."name", 'spamMarkedById', c."spamMarkedById",
           'lastMessageAt', c."lastMessageAt", 'lastMessagePreview', c."lastMessagePreview", 'queuedAt', c."queuedAt",
           'spamScore', c."spamScore",
           'spamReasons', CASE WHEN c."spamReasons" IS NOT DISTINCT FROM reasons THEN NULL ELSE c."spamReasons" END,
           'createdAt', c."createdAt",
           'updatedAt', c."updatedAt",
           'contactId', ct."id", 'contactName', ct."name",
           'labels', (SELECT coalesce(jsonb_agg(jsonb_build_object('id', l."id", 'name', l."name", 'color', l."color") ORDER BY cl."createdAt", l."id"), '[]'::jsonb)
                        FROM "ConversationLabel" cl JOIN "Label" l ON l."id" = cl."labelId"
                       WHERE cl."conversationId" = c."id")),
         c."spamReasons" IS NOT DISTINCT FROM reasons
    INTO summary, reasons_are_the_messages
    FROM "Conversation" c
    JOIN "Contact" ct ON ct."id" = c."contactId"
    LEFT JOIN "Agent" a ON a."id" = c."assigneeId"
   WHERE c."id" = conversation_id;

  RETURN jsonb_build_object(
    'contactId', contact_id,
    'contactCreated', contact_created,
    'summary', summary,
    'previous', CASE WHEN existing_id IS NOT NULL THEN jsonb_build_object(
      'status', existing_status, 'bucket', existing_bucket, 'assigneeId', existing_assignee_id, 'spamMarkedById', existing_spam_marked_by_id) END,
    'spamScore', score,
    'spamReasonsAreTheMessages', reasons_are_the_messages,
    'ruleMinScore', rule_min_score
  );
END
$$;
