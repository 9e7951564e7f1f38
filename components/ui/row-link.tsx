// A link in a list's row (a session, a campaign, a ban, a spam string, an audit entry's target): a Next <Link> that
// is not prefetched. Next prefetches every link in view, and again after each navigation, refresh or server action;
// a live list refreshes up to once a second, so a viewer of the Sessions list during a flood of 4 messages a second
// made 17 prefetches a second (measured: 376 in 22 s, beside 20 refreshes) — each a render of the page up to its
// loading state, and each counted in the agent's prefetch limit (lib/http/guard-limits.ts). A row is opened once in
// a while; its page then loads on the click, with its loading state as soon as the answer starts.
import Link from "next/link";
import type { ComponentProps } from "react";

export function RowLink(props: Omit<ComponentProps<typeof Link>, "prefetch">) {
  return <Link {...props} prefetch={false} />;
}
