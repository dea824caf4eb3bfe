/**
 * The secrets of this process (its tokens), as one growing set: a token replaced at run time (agent_reissue_key)
 * joins it, and the old one stays in it. Logs, errors, results and the audit file are scrubbed of every entry.
 */
export class Secrets {
  private readonly values = new Set<string>();

  constructor(initial: Iterable<string | undefined> = []) {
    for (const v of initial) this.add(v);
  }

  add(value: string | undefined): void {
    if (value && value.length >= 4) this.values.add(value);
  }

  list(): string[] {
    return [...this.values];
  }
}
