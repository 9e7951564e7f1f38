"use client";

import { useEffect, useState } from "react";
import { Icon } from "@/components/icons";

const EVENT = "spam-manager:flash";

interface Flash {
  id: number;
  message: string;
  tone: "success" | "error";
}

/** Shows a short confirmation ("Denied example.com") after a row has already left the table. */
export function flash(message: string, tone: Flash["tone"] = "success") {
  window.dispatchEvent(new CustomEvent<Omit<Flash, "id">>(EVENT, { detail: { message, tone } }));
}

export function FlashRegion() {
  const [items, setItems] = useState<Flash[]>([]);
  useEffect(() => {
    let next = 0;
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const onFlash = (event: Event) => {
      const { message, tone } = (event as CustomEvent<Omit<Flash, "id">>).detail;
      const id = ++next;
      setItems((current) => [...current.slice(-2), { id, message, tone }]);
      const timer = setTimeout(() => {
        timers.delete(timer);
        setItems((current) => current.filter((item) => item.id !== id));
      }, 5000);
      timers.add(timer);
    };
    window.addEventListener(EVENT, onFlash);
    return () => {
      window.removeEventListener(EVENT, onFlash);
      for (const timer of timers) clearTimeout(timer);
    };
  }, []);
  return (
    <div role="status" aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-16 z-50 flex flex-col items-center gap-2 px-4 md:bottom-6">
      {items.map((item) => (
        <div
          key={item.id}
          data-testid="flash"
          className={`pointer-events-auto flex max-w-md items-center gap-2 rounded-lg px-4 py-2.5 text-sm shadow-lg ${item.tone === "success" ? "bg-slate-900 text-white" : "bg-red-600 text-white"}`}
        >
          <Icon name={item.tone === "success" ? "check" : "alert"} className="h-4 w-4 shrink-0" />
          {item.message}
        </div>
      ))}
    </div>
  );
}
