// Whether a widget socket's `widget.join` may ask the database. The room the socket is already in needs no
// question (io-server.ts answers it from memory); any other join reads the visitor's contact and conversation,
// so it takes a turn from its visitor's budget and from its address's, shared by all their sockets and, with
// REDIS_URL, by every instance (lib/rate-limit). Not a cache of the answer: the joins that reach the database
// are the ones a cached answer would get wrong (the visitor's new chat) or a script's (another id).
import "server-only";
import { giveTokenBack, takeToken, type TokenBucketRule } from "@/lib/rate-limit/rate-limiter";
import type { SocketLimits } from "./socket-limits";

/** Who a join counts against. */
export interface WidgetJoinSubjects {
  /** The visitor: tenant and visitor id, whichever of their sockets joins. */
  visitor: string;
  /** The client's address as every per-address limit counts it (addressLimitSubject: IPv6 per /64). */
  address: string;
}

/** Takes a turn for a join that needs the database; answers whether both budgets had one. */
export async function takeWidgetJoinTurn(
  budgets: SocketLimits["widgetJoins"],
  { visitor, address }: WidgetJoinSubjects,
): Promise<boolean> {
  const perVisitor: TokenBucketRule = { name: "socket:widget-join:visitor", ...budgets.perVisitor };
  const perAddress: TokenBucketRule = { name: "socket:widget-join:address", ...budgets.perAddress };
  // The visitor's own first: a visitor past its budget takes nothing from its neighbours behind the address.
  if (!(await takeToken(perVisitor, visitor)).taken) return false;
  if ((await takeToken(perAddress, address)).taken) return true;
  // Refused for what others at the address spent: the visitor keeps its own turn for later.
  await giveTokenBack(perVisitor, visitor);
  return false;
}
