import type { Role } from "@/lib/generated/prisma/enums";

declare module "next-auth" {
  interface User {
    tenantId: string;
    role: Role;
  }
  interface Session {
    agentId: string;
    tenantId: string;
    role: Role;
    /** The AgentSession row this cookie stands for. */
    sessionId: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    agentId: string;
    tenantId: string;
    role: Role;
    sessionId: string;
  }
}
