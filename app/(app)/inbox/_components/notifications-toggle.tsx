"use client";

import { useEffect, useState } from "react";
import { Icon } from "@/components/icons";
import { notificationsSupported } from "./desktop-notifications";

/** Asks for desktop-notification permission; shows the current state once granted or denied. */
export function NotificationsToggle() {
  const [permission, setPermission] = useState<NotificationPermission | "unsupported">("default");
  useEffect(() => {
    setPermission(notificationsSupported() ? Notification.permission : "unsupported");
  }, []);
  if (permission === "unsupported") return null;
  if (permission === "granted") {
    return (
      <span className="text-emerald-700" title="Desktop notifications on">
        <Icon name="bell" className="h-4 w-4" />
      </span>
    );
  }
  return (
    <button
      type="button"
      disabled={permission === "denied"}
      onClick={async () => setPermission(await Notification.requestPermission())}
      title={
        permission === "denied"
          ? "Notifications are blocked in your browser settings"
          : "Get a desktop notification for new messages"
      }
      className="rounded-md p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800 disabled:opacity-40"
    >
      <Icon name="bell" className="h-4 w-4" />
      <span className="sr-only">Enable desktop notifications</span>
    </button>
  );
}
