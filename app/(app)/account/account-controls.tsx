"use client";

import { useState, useTransition } from "react";
import { signOut } from "next-auth/react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { changeOwnPasswordSchema } from "@/lib/agents/agent-schemas";
import { submitToServer } from "@/components/ui/server-errors";
import { Button } from "@/components/ui/button";
import { ErrorNote, Field, TextInput } from "@/components/ui/field";
import { changeOwnPasswordAction, signOutEverywhereAction } from "./actions";

const NO_PASSWORDS = { currentPassword: "", newPassword: "" };

export function ChangePasswordForm() {
  const form = useForm<z.input<typeof changeOwnPasswordSchema>, unknown, z.output<typeof changeOwnPasswordSchema>>({
    resolver: zodResolver(changeOwnPasswordSchema),
    defaultValues: NO_PASSWORDS,
  });
  const { errors, isSubmitting } = form.formState;
  const [done, setDone] = useState<string | null>(null);

  const onSubmit = form.handleSubmit(async (values) => {
    setDone(null);
    const changed = await submitToServer(form, () => changeOwnPasswordAction(values));
    if (!changed) return;
    form.reset(NO_PASSWORDS);
    const others = changed.revokedSessions;
    setDone(
      "Password changed." +
        (others ? ` ${others === 1 ? "1 other session was" : `${others} other sessions were`} signed out.` : ""),
    );
  });

  return (
    <form onSubmit={onSubmit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <Field label="Current password" htmlFor="current-password" error={errors.currentPassword?.message}>
        <TextInput
          id="current-password"
          type="password"
          required
          autoComplete="current-password"
          {...form.register("currentPassword")}
        />
      </Field>
      <Field
        label="New password"
        htmlFor="new-password"
        hint="At least 10 characters."
        error={errors.newPassword?.message}
      >
        <TextInput
          id="new-password"
          type="password"
          required
          minLength={10}
          autoComplete="new-password"
          {...form.register("newPassword")}
        />
      </Field>
      {errors.root?.server && <ErrorNote>{errors.root.server.message}</ErrorNote>}
      {done && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {done}
        </p>
      )}
      <Button type="submit" variant="primary" disabled={isSubmitting}>
        {isSubmitting ? "Changing…" : "Change password"}
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
