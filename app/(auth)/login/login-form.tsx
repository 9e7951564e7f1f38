"use client";

import { useState } from "react";
import { signIn } from "next-auth/react";
import { isSignInMessage } from "@/lib/auth/sign-in-messages";

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    }).catch(() => null);
    if (result?.ok && !result.error) {
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    // next-auth passes on the messages sign-in throws; anything else is a wrong email or password.
    const told = result?.error && isSignInMessage(result.error) ? result.error : null;
    setError(told ?? (result ? "Wrong email or password." : "Could not reach the server. Try again."));
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <div className="space-y-1.5">
        <label htmlFor="email" className="block text-sm font-medium text-slate-700">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          className={[
            "block w-full rounded-md border border-slate-300 px-3 py-2 text-sm",
            "shadow-xs focus:border-brand-500 focus:outline-none",
          ].join(" ")}
        />
      </div>
      <div className="space-y-1.5">
        <label htmlFor="password" className="block text-sm font-medium text-slate-700">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className={[
            "block w-full rounded-md border border-slate-300 px-3 py-2 text-sm",
            "shadow-xs focus:border-brand-500 focus:outline-none",
          ].join(" ")}
        />
      </div>
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className={[
          "w-full rounded-md bg-brand-600 px-3 py-2 text-sm font-semibold",
          "text-white shadow-sm hover:bg-brand-700 disabled:opacity-60",
        ].join(" ")}
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
