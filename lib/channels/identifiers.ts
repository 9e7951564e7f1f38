// One normalization of sender identifiers per channel, used by ingest, bans and live-chat blocks alike,
// so "+44 7700 900123" and "07700900123" (region GB) are the same sender everywhere.
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";
import { z } from "zod";
import { CHANNEL_INFO, type ChannelName } from "./channels";
import { BoundedMap } from "@/lib/bounded-map";

export type NormalizedIdentifier = { ok: true; value: string } | { ok: false; message: string };

const MAX_ID_LENGTH = 256;
const emailSchema = z.email();

/**
 * Senders write again and again (a flood most of all) and parsing a number is ingest's costliest step
 * before the write (~0.2 ms): the latest 10,000 answers are kept.
 */
const rememberedNumbers = new BoundedMap<string, string | null>(10_000);

/** E.164 for anything libphonenumber-js considers a possible number in `region` (or international). */
export function normalizePhoneNumber(raw: string, region: string): string | null {
  const key = `${region}\u0000${raw}`;
  const remembered = rememberedNumbers.get(key);
  if (remembered !== undefined) return remembered;
  const phone = parsePhoneNumberFromString(raw.trim(), region as CountryCode);
  const e164 = phone?.isPossible() ? phone.number : null;
  rememberedNumbers.set(key, e164);
  return e164;
}

export function normalizeIdentifier(channel: ChannelName, raw: string, defaultRegion: string): NormalizedIdentifier {
  const trimmed = raw.trim();
  if (!trimmed) return { ok: false, message: "must not be empty" };
  switch (CHANNEL_INFO[channel].identifierKind) {
    case "phone": {
      const e164 = normalizePhoneNumber(trimmed, defaultRegion);
      return e164
        ? { ok: true, value: e164 }
        : { ok: false, message: `is not a phone number (region ${defaultRegion})` };
    }
    case "email": {
      const lower = trimmed.toLowerCase();
      return emailSchema.safeParse(lower).success
        ? { ok: true, value: lower }
        : { ok: false, message: "is not an email address" };
    }
    case "id":
      if (trimmed.length > MAX_ID_LENGTH) return { ok: false, message: `must be at most ${MAX_ID_LENGTH} characters` };
      return { ok: true, value: trimmed };
  }
}
