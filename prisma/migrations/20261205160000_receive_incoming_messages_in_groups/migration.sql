-- Group commit for ingest (issue 16): the messages that arrive while the database is busy with earlier
-- ones are stored together, by one call of "bouncer_receive_incoming_messages" — one round trip, one
-- statement, one commit for all of them (lib/messages/store-incoming-message.ts, lib/db/group-commit.ts).
-- Each message is stored by "bouncer_receive_incoming_message" (migration 20261205044500, unchanged) in a
-- block of its own: a message that fails (a conversation that is not its sender's, a first-message race
-- lost to another instance, a deadlock) rolls back alone and is answered alone; the others commit.
--
-- The record of a message's spam strings, which ingest's statements and the Spam Manager's job wrote with
-- the same common table expressions, is now this one function, "bouncer_record_spam_strings", which every
-- recording calls (lib/spam-manager/record-spam-strings.ts): strings the instance knows the id of get
-- their occurrence only; the others are upserted (lastSeenAt moves forward only) in a fixed order, so two
-- messages upserting the same strings lock the rows in the same order. A known id whose row is gone
-- (retention deleted it) is upserted too, rather than left to fail the occurrence's foreign key: the
-- caller's retry after such a failure cost the next statement on that connection ~40 ms (node-postgres
-- after an error response, measured; psql shows no such wait). The foreign key still catches a row
-- deleted after this statement's snapshot, and the caller then retries with every string upserted. Occurrences are unique per (string,
-- message). Answers the [kind, value, id] of the strings it upserted (null: none), for the next message.
CREATE OR REPLACE FUNCTION "bouncer_record_spam_strings"(
  p_tenant_id text,
  p_channel "Channel",
  p_created_at timestamptz,
  p_message_id text,
  p_contact_id text,
  p_conversation_id text,
  -- [{id, occurrenceId, kind, value, domain, raw, obfuscated, knownId}], knownId null for unknown strings
  p_strings jsonb
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  upserted_ids jsonb;
BEGIN
  WITH input AS (
    SELECT * FROM jsonb_to_recordset(p_strings)
      AS t("id" text, "occurrenceId" text, "kind" text, "value" text, "domain" text, "raw" text,
           "obfuscated" boolean, "knownId" text)
  ), upserted AS (
    INSERT INTO "SpamString" ("id", "tenantId", "kind", "value", "domain", "firstSeenAt", "lastSeenAt")
    SELECT i."id", p_tenant_id, i."kind"::"SpamStringKind", i."value", i."domain", p_created_at, p_created_at
      FROM input i
     WHERE i."knownId" IS NULL OR NOT EXISTS (SELECT 1 FROM "SpamString" s WHERE s."id" = i."knownId")
     ORDER BY i."kind", i."value"
    ON CONFLICT ("tenantId", "kind", "value")
      DO UPDATE SET "lastSeenAt" = GREATEST("SpamString"."lastSeenAt", EXCLUDED."lastSeenAt")
    RETURNING "id", "kind"::text AS "kind", "value"
  ), recorded AS (
    SELECT "id", "kind", "value" FROM upserted
    UNION ALL
    SELECT i."knownId", i."kind", i."value" FROM input i
     WHERE EXISTS (SELECT 1 FROM "SpamString" s WHERE s."id" = i."knownId")
  ), occurrences AS (
    INSERT INTO "SpamStringOccurrence"
      ("id", "tenantId", "spamStringId", "messageId", "contactId", "conversationId", "channel", "createdAt", "raw",
       "obfuscated")
    SELECT i."occurrenceId", p_tenant_id, r."id", p_message_id, p_contact_id, p_conversation_id, p_channel,
           p_created_at, i."raw", i."obfuscated"
      FROM recorded r
      JOIN input i ON i."kind" = r."kind" AND i."value" = r."value"
    ON CONFLICT ("spamStringId", "messageId") DO NOTHING
  )
  SELECT jsonb_agg(jsonb_build_array(u."kind", u."value", u."id")) INTO upserted_ids FROM upserted u;
  RETURN upserted_ids;
END
$$;

-- The cheap lane (lib/messages/cheap-lane.ts): a banned or flooding sender's message, stored into the
-- sender's latest chat on the channel that is held by a ban (p->>'banned' true) or is not (false) — the
-- message and the Spam Manager's record of its strings, nothing else. The chat is read through the
-- sender's contact in order of last activity (index contactId, lastMessageAt: usually its first row);
-- nothing lets a plan start from the tenant's chats instead (given the tenant and "bucket = 'banned'",
-- PGlite's planner walked the tenant's banned chats by last activity until the sender's). The contact is
-- the tenant's (its identity is); checked above the LIMIT. Answers null when no chat fits (a new sender,
-- a resolved chat to reopen, a ban just placed or lifted): nothing is stored, the caller takes the normal
-- lane. p: tenantId, channel, identifier, conversationId (the chat the payload names, or null), banned,
-- messageId, body, now, spamStrings.
CREATE OR REPLACE FUNCTION "bouncer_store_in_cheap_lane"(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_tenant_id text := p->>'tenantId';
  v_channel "Channel" := (p->>'channel')::"Channel";
  v_now timestamptz := (p->>'now')::timestamptz;
  v_conversation_id text;
  v_contact_id text;
  v_spam_string_ids jsonb;
  v_has_rules boolean := false;
BEGIN
  SELECT c."id", c."contactId" INTO v_conversation_id, v_contact_id FROM (
    SELECT c."id", c."contactId", c."tenantId" FROM "Conversation" c
     WHERE c."contactId" = (
             SELECT i."contactId" FROM "ContactIdentity" i
              WHERE i."tenantId" = v_tenant_id AND i."channel" = v_channel AND i."identifier" = p->>'identifier')
       AND c."channel" = v_channel AND c."status" <> 'resolved'
       AND (p->>'conversationId' IS NULL OR c."id" = p->>'conversationId')
       AND ((c."bucket" = 'banned') = (p->>'banned')::boolean)
     ORDER BY c."lastMessageAt" DESC LIMIT 1
  ) c
   WHERE c."tenantId" = v_tenant_id;
  IF v_conversation_id IS NULL THEN
    RETURN jsonb_build_object('stored', NULL, 'hasRules', false, 'spamStringIds', NULL);
  END IF;
  INSERT INTO "Message" ("id", "tenantId", "conversationId", "direction", "body", "createdAt")
  VALUES (p->>'messageId', v_tenant_id, v_conversation_id, 'in', p->>'body', v_now);
  IF jsonb_array_length(p->'spamStrings') > 0 THEN
    v_spam_string_ids := "bouncer_record_spam_strings"(
      v_tenant_id, v_channel, v_now, p->>'messageId', v_contact_id, v_conversation_id, p->'spamStrings');
    v_has_rules := EXISTS (SELECT 1 FROM "SpamRule" r WHERE r."tenantId" = v_tenant_id AND r."enabled");
  END IF;
  RETURN jsonb_build_object(
    'stored', jsonb_build_object('conversationId', v_conversation_id, 'contactId', v_contact_id),
    'hasRules', v_has_rules, 'spamStringIds', v_spam_string_ids);
END
$$;

-- Stores a group of incoming messages, in the order given (the caller orders them by sender, so that two
-- groups in flight lock contacts in the same order). Each element is a message of one of two lanes:
-- - "lane" 'normal': the arguments of "bouncer_receive_incoming_message" by name, and "spamStrings" (as
--   "bouncer_record_spam_strings" takes them; empty: none); answered {received, hasRules, spamStringIds};
-- - "lane" 'cheap': what "bouncer_store_in_cheap_lane" takes; answered what it answers.
-- One answer per message, in the same order; {error: SQLSTATE, message} for a message that failed
-- (nothing of it is kept).
CREATE OR REPLACE FUNCTION "bouncer_receive_incoming_messages"(p_messages jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  m jsonb;
  received jsonb;
  spam_string_ids jsonb;
  has_rules boolean;
  answers jsonb := '[]'::jsonb;
BEGIN
  FOR m IN SELECT e.value FROM jsonb_array_elements(p_messages) WITH ORDINALITY AS e(value, n) ORDER BY e.n LOOP
    BEGIN
      IF m->>'lane' = 'cheap' THEN
        answers := answers || jsonb_build_array("bouncer_store_in_cheap_lane"(m));
      ELSE
        received := "bouncer_receive_incoming_message"(
          m->>'tenantId', (m->>'channel')::"Channel", m->>'identifier',
          m->>'contactName', m->>'externalId', (m->>'authenticated')::boolean,
          m->>'conversationId', m->>'body', m->>'preview', (m->>'now')::timestamptz, (m->>'heldByBan')::boolean,
          m->>'newContactId', m->>'newIdentityId', m->>'newConversationId', m->>'messageId', m->>'eventId',
          (m->>'firstMessageScore')::float8, nullif(m->'firstMessageReasons', 'null'::jsonb),
          (m->>'knownContactScore')::float8, nullif(m->'knownContactReasons', 'null'::jsonb),
          (m->>'suspectThreshold')::float8);
        spam_string_ids := NULL;
        has_rules := false;
        IF jsonb_array_length(m->'spamStrings') > 0 THEN
          spam_string_ids := "bouncer_record_spam_strings"(
            m->>'tenantId', (m->>'channel')::"Channel", (m->>'now')::timestamptz, m->>'messageId',
            received->>'contactId', received->'summary'->>'id', m->'spamStrings');
          has_rules := EXISTS (SELECT 1 FROM "SpamRule" r WHERE r."tenantId" = m->>'tenantId' AND r."enabled");
        END IF;
        answers := answers || jsonb_build_array(
          jsonb_build_object('received', received, 'hasRules', has_rules, 'spamStringIds', spam_string_ids));
      END IF;
    EXCEPTION WHEN OTHERS THEN
      answers := answers || jsonb_build_array(jsonb_build_object('error', SQLSTATE, 'message', SQLERRM));
    END;
  END LOOP;
  RETURN answers;
END
$$;
