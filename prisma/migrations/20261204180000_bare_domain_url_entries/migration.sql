-- A URL that is only its domain ("example.com", stored beside the domain example.com for every bare
-- mention) is that domain (lib/spam-manager/list-coverage.ts): its Allow/Deny entries become the
-- domain's. Where the domain already has an entry, that entry stays and the URL's goes. Data only.
-- A bare domain URL is known as such from its stored string: its value is its domain.

DELETE FROM "SpamListEntry" e
WHERE e."kind" = 'url'
  AND EXISTS (SELECT 1 FROM "SpamString" s WHERE s."tenantId" = e."tenantId" AND s."kind" = 'url' AND s."value" = e."value" AND s."domain" = e."value")
  AND EXISTS (SELECT 1 FROM "SpamListEntry" d WHERE d."tenantId" = e."tenantId" AND d."kind" = 'domain' AND d."value" = e."value");

UPDATE "SpamListEntry" e SET "kind" = 'domain'
WHERE e."kind" = 'url'
  AND EXISTS (SELECT 1 FROM "SpamString" s WHERE s."tenantId" = e."tenantId" AND s."kind" = 'url' AND s."value" = e."value" AND s."domain" = e."value");
