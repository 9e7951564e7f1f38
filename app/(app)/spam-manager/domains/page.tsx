import type { Metadata } from "next";
import { StringsTab, type TabSearch } from "../strings-tab";

export const metadata: Metadata = { title: "Domains" };

export default async function Page({ searchParams }: { searchParams: Promise<TabSearch> }) {
  return <StringsTab kind="domain" path="/spam-manager/domains" search={await searchParams} />;
}
