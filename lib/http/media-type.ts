/** A Content-Type header's media type, lower-cased, without parameters ("application/json; charset=utf-8"). */
export function mediaTypeOf(contentType: string | null | undefined): string {
  return (contentType ?? "").split(";", 1)[0]!.trim().toLowerCase();
}
