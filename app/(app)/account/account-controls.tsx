"use client";

import { useState, useTransition } from "react";
import { signOut } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { ErrorNote, Field, TextInput } from "@/components/ui/field";
import { changeOwnPasswordAction, signOutEverywhereAction } from "./actions";

export function ChangePasswordForm() {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setError(null);
    setDone(null);
    startTransition(async () => {
      const result = await changeOwnPasswordAction({ currentPassword: data.get("currentPassword"), newPassword: data.get("newPassword") });
      if (!result.ok) return setError(result.error.message);
      form.reset();
      const others = result.data.revokedSessions;
      setDone(`Password changed.${others ? ` ${others === 1 ? "1 other session was" : `${others} other sessions were`} signed out.` : ""}`);
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <Field label="Current password" htmlFor="current-password">
        <TextInput id="current-password" name="currentPassword" type="password" required autoComplete="current-password" />
      </Field>
      <Field label="New password" htmlFor="new-password" hint="At least 10 characters.">
        <TextInput id="new-password" name="newPassword" type="password" required minLength={10} autoComplete="new-password" />
      </Field>
      {error && <ErrorNote>{error}</ErrorNote>}
      {done && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {done}
        </p>
      )}
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}

export function SignOutEverywhereButton() {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      <Button
        variant="danger"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const result = await signOutEverywhereAction();
            if (!result.ok) return setError(result.error.message);
            // This browser's session ended with the others.
            window.location.assign("/login");
          })
        }
      >
        {pending ? "Signing out…" : "Sign out everywhere"}
      </Button>
      {error && <ErrorNote>{error}</ErrorNote>}
    </div>
  );
}

/** Signs this browser out (the app's rail has the same button; a phone's bottom bar has no room for it). */
export function SignOutButton() {
  return (
    <Button variant="secondary" onClick={() => void signOut({ callbackUrl: "/login" })}>
      Sign out
    </Button>
  );
}
