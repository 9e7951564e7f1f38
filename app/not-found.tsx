// Any address without a page (and notFound() outside the signed-in app).
import type { Metadata } from "next";
import Link from "next/link";
import { StatusScreen, statusActionClass } from "@/components/status-screen";

export const metadata: Metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <StatusScreen
      standalone
      icon="search"
      title="Page not found"
      actions={
        <Link href="/inbox" className={statusActionClass.primary}>
          Go to the inbox
        </Link>
      }
    >
      There is no page at this address. It may have moved, or the link is mistyped.
    </StatusScreen>
  );
}
