// notFound() in the signed-in app (an unknown inbox list, session or campaign): inside the app shell.
import Link from "next/link";
import { StatusScreen, statusActionClass } from "@/components/status-screen";

export default function AppNotFound() {
  return (
    <StatusScreen
      icon="search"
      title="Not found"
      actions={
        <Link href="/inbox" className={statusActionClass.primary}>
          Go to the inbox
        </Link>
      }
    >
      It does not exist, or you do not have access to it.
    </StatusScreen>
  );
}
