// Desktop notifications: shown only while the tab is in the background and the agent allowed them.
// The server decides who is notified (lib/notifications); the browser only decides how.
import type { NotificationPayload } from "@/lib/realtime/events";

export function notificationsSupported(): boolean {
  return typeof window !== "undefined" && "Notification" in window;
}

export function showDesktopNotification(payload: NotificationPayload, onClick: () => void): void {
  if (!notificationsSupported() || Notification.permission !== "granted" || document.visibilityState === "visible")
    return;
  const notification = new Notification(payload.title, { body: payload.body, tag: payload.conversationId });
  notification.onclick = () => {
    onClick();
    notification.close();
  };
}
