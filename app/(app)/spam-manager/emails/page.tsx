import type { Metadata } from "next";
import { StringsTab, type TabSearch } from "../strings-tab";

export const metadata: Metadata = { title: "Emails" };

export default async function Page({ searchParams }: { searchParams: Promise<TabSearch> }) {
  return <StringsTab kind="email" path="/spam-manager/emails" search={await searchParams} />;
}
