import { localFailure, Tool, type ToolContext, type ToolOutcome } from '../../../core/plugin-api.js';

@Tool({
  name: 'agent_reissue_key', description: 'After a purchase: swap this agent-signup key for one matching the plan (shown once)',
  access: 'write', gate: 'destructive', scope: 'billing:autopay', route: 'POST /agent/key/reissue', revealKeys: ['api_token'],
})
export class AgentReissueKey {
  async execute(this: AgentReissueKey, ctx: ToolContext): Promise<ToolOutcome> {
    const r = await ctx.call({});
    if (!r.ok) return r;
    const d = (r.data ?? {}) as { status?: string; api_token?: unknown };
    if (d.status !== 'reissued') return r;
    if (typeof d.api_token !== 'string' || !/^tm_live_\S{4,}$/.test(d.api_token)) {
      return localFailure('unexpected_answer', 'The API reported a reissued key but sent none this server can use; the old key is revoked. Create a new key in the TrekMail dashboard.');
    }
    // The old key is already revoked: every later call of this process must use the new one, now.
    ctx.replaceToken(d.api_token);
    return {
      ok: true,
      data: {
        ...d,
        next_step: 'Put this new key in TREKMAIL_API_TOKEN of your MCP client configuration now: it is shown only this once, the old key no longer works, and a restart with the old one fails. This process already uses the new key.',
      },
    };
  }
}
