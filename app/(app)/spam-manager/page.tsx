import { redirect } from "next/navigation";

export default function SpamManagerPage() {
  redirect("/spam-manager/domains");
}
