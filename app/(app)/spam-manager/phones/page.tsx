import type { Metadata } from "next";
import { StringsTab, type TabSearch } from "../strings-tab";

export const metadata: Metadata = { title: "Phone Numbers" };

export default async function Page({ searchParams }: { searchParams: Promise<TabSearch> }) {
  return <StringsTab kind="phone" path="/spam-manager/phones" search={await searchParams} />;
}
