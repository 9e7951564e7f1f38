"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ErrorNote, Field, Select, TextInput } from "@/components/ui/field";
import { createAgentAction, setAgentActiveAction, setAgentPasswordAction, signOutAgentEverywhereAction, updateAgentAction } from "./actions";

type Role = "AGENT" | "SUPERVISOR" | "ADMIN";
const ROLE_LABELS: Record<Role, string> = { AGENT: "Agent", SUPERVISOR: "Supervisor", ADMIN: "Admin" };

interface AgentRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  canSeeAllChats: boolean;
  active: boolean;
  isSelf: boolean;
}

export function AgentRowControls({ agent }: { agent: AgentRow }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [settingPassword, setSettingPassword] = useState(false);

  function run(action: () => Promise<{ ok: boolean; error?: { message: string } }>, success?: string) {
    setError(null);
    setNotice(null);
    startTransition(async () => {
      const result = await action();
      if (!result.ok) setError(result.error?.message ?? "Failed.");
      else if (success) setNotice(success);
      router.refresh();
    });
  }

  return (
    <tr className={agent.active ? "" : "bg-slate-50 text-slate-500"} data-testid={`agent-row-${agent.email}`}>
      <td className="px-4 py-3">
        <div className="font-medium text-slate-900">{agent.name}{agent.isSelf && <span className="ml-2 text-xs text-slate-500">(you)</span>}</div>
        <div className="text-xs text-slate-500">{agent.email}</div>
        {error && <div className="mt-1 text-xs text-red-600" role="alert">{error}</div>}
        {notice && <div className="mt-1 text-xs text-emerald-700" role="status">{notice}</div>}
      </td>
      <td className="px-4 py-3">
        <label className="sr-only" htmlFor={`role-${agent.id}`}>Role of {agent.name}</label>
        <Select
          id={`role-${agent.id}`}
          value={agent.role}
          disabled={pending || !agent.active}
          onChange={(event) => run(() => updateAgentAction({ agentId: agent.id, role: event.target.value }))}
          className="w-36 min-w-32"
        >
          {(Object.keys(ROLE_LABELS) as Role[]).map((role) => (
            <option key={role} value={role}>{ROLE_LABELS[role]}</option>
          ))}
        </Select>
      </td>
      <td className="px-4 py-3">
        <label className="inline-flex items-center gap-2">
          <input
            type="checkbox"
            checked={agent.role !== "AGENT" || agent.canSeeAllChats}
            disabled={pending || !agent.active || agent.role !== "AGENT"}
            onChange={(event) => run(() => updateAgentAction({ agentId: agent.id, canSeeAllChats: event.target.checked }))}
            className="h-4 w-4 rounded border-slate-300 text-brand-600"
          />
          <span className="text-xs text-slate-600">{agent.role !== "AGENT" ? "Always (by role)" : agent.canSeeAllChats ? "Yes" : "Own and unassigned only"}</span>
        </label>
      </td>
      <td className="px-4 py-3">
        <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${agent.active ? "bg-emerald-50 text-emerald-700" : "bg-slate-200 text-slate-600"}`}>
          {agent.active ? "Active" : "Deactivated"}
        </span>
      </td>
      <td className="px-4 py-3 text-right">
        {agent.isSelf ? (
          <a href="/account" className="text-xs font-medium text-brand-700 hover:underline">
            Your account
          </a>
        ) : (
          <div className="flex justify-end gap-2 whitespace-nowrap">
            {agent.active && (
              <>
                <Button size="sm" disabled={pending} onClick={() => setSettingPassword(true)}>
                  Set password
                </Button>
                <Button
                  size="sm"
                  disabled={pending}
                  title={`End every session of ${agent.name}: signed out in every browser at once`}
                  onClick={() => run(() => signOutAgentEverywhereAction(agent.id), `${agent.name} is signed out everywhere.`)}
                >
                  Sign out everywhere
                </Button>
              </>
            )}
            <Button size="sm" disabled={pending} onClick={() => run(() => setAgentActiveAction(agent.id, !agent.active))}>
              {agent.active ? "Deactivate" : "Reactivate"}
            </Button>
          </div>
        )}
        <div className="text-left">
          <SetPasswordDialog
            agent={agent}
            open={settingPassword}
            onClose={() => setSettingPassword(false)}
            onDone={() => {
              setSettingPassword(false);
              setNotice(`New password set; ${agent.name} is signed out everywhere.`);
            }}
          />
        </div>
      </td>
    </tr>
  );
}

function SetPasswordDialog({ agent, open, onClose, onDone }: { agent: AgentRow; open: boolean; onClose: () => void; onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    startTransition(async () => {
      const result = await setAgentPasswordAction({ agentId: agent.id, password: form.get("password") });
      if (!result.ok) return setError(result.error.message);
      onDone();
    });
  }

  return (
    <Dialog open={open} onClose={onClose} title={`Set a password for ${agent.name}`} labelledBy={`set-password-title-${agent.id}`}>
      <form onSubmit={onSubmit} className="space-y-4">
        <Field label="New password" htmlFor={`password-${agent.id}`} hint="At least 10 characters. Every session of theirs ends; share it with them privately.">
          <TextInput id={`password-${agent.id}`} name="password" type="password" required minLength={10} autoComplete="new-password" autoFocus />
        </Field>
        {error && <ErrorNote>{error}</ErrorNote>}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={pending}>
            {pending ? "Setting…" : "Set password"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export function CreateAgentButton() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    startTransition(async () => {
      const result = await createAgentAction({
        name: form.get("name"),
        email: form.get("email"),
        password: form.get("password"),
        role: form.get("role"),
        canSeeAllChats: form.get("canSeeAllChats") === "on",
      });
      if (!result.ok) return setError(result.error.message);
      setOpen(false);
      router.refresh();
    });
  }

  return (
    <>
      <Button variant="primary" onClick={() => setOpen(true)}>Add agent</Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Add agent">
        <form onSubmit={onSubmit} className="space-y-4">
          <Field label="Name" htmlFor="agent-name"><TextInput id="agent-name" name="name" required autoFocus /></Field>
          <Field label="Email" htmlFor="agent-email"><TextInput id="agent-email" name="email" type="email" required /></Field>
          <Field label="Initial password" htmlFor="agent-password" hint="At least 10 characters. Share it with them privately.">
            <TextInput id="agent-password" name="password" type="password" required minLength={10} autoComplete="new-password" />
          </Field>
          <Field label="Role" htmlFor="agent-role">
            <Select id="agent-role" name="role" defaultValue="AGENT">
              {(Object.keys(ROLE_LABELS) as Role[]).map((role) => (
                <option key={role} value={role}>{ROLE_LABELS[role]}</option>
              ))}
            </Select>
          </Field>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="canSeeAllChats" defaultChecked className="h-4 w-4 rounded border-slate-300" />
            Can see All chats
          </label>
          {error && <ErrorNote>{error}</ErrorNote>}
          <div className="flex justify-end gap-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={pending}>{pending ? "Adding…" : "Add agent"}</Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
