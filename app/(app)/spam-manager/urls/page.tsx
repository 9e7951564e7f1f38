import type { Metadata } from "next";
import { StringsTab, type TabSearch } from "../strings-tab";

export const metadata: Metadata = { title: "URLs" };

export default async function Page({ searchParams }: { searchParams: Promise<TabSearch> }) {
  return <StringsTab kind="url" path="/spam-manager/urls" search={await searchParams} />;
}
