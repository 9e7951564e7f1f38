const PREVIEW_LENGTH = 160;

/** The one-line preview of a message shown in inbox rows. */
export function messagePreview(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1)}…` : flat;
}
