import { Transform, type TransformCallback } from 'node:stream';

/** The largest request line the stdio server reads (the MCP SDK reader's own limit is the same 10 MiB). */
export const STDIO_LINE_LIMIT = 10 * 1024 * 1024;
const SAMPLE = 4096;
const NL = 0x0a;

/** What the guard reports of a refused line: its size so far and the request id it carried, when readable. */
export interface OversizeLine {
  bytes: number;
  id: string | number | null;
}

/**
 * Passes stdin through line by line and refuses any line over `limit` bytes: the line is dropped (never buffered
 * whole) and `onOversize` runs once it ends, with the JSON-RPC id read from the line's head or tail. Without this the
 * SDK's reader throws on a line over 10 MiB and closes the connection for good, silently.
 */
export class LineGuard extends Transform {
  private pending: Buffer[] = [];
  private pendingLength = 0;
  private discarding = false;
  private discarded = 0;
  private head = '';
  private tail: Buffer = Buffer.alloc(0);

  constructor(
    private readonly onOversize: (line: OversizeLine) => void,
    private readonly limit = STDIO_LINE_LIMIT,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(NL, start);
      const end = nl === -1 ? chunk.length : nl;
      const piece = chunk.subarray(start, end);
      if (this.discarding) this.keep(piece);
      else if (this.pendingLength + piece.length > this.limit) {
        const line = Buffer.concat([...this.pending, piece]);
        this.pending = [];
        this.pendingLength = 0;
        this.discarding = true;
        this.discarded = 0;
        this.head = line.subarray(0, SAMPLE).toString('utf8');
        this.tail = Buffer.alloc(0);
        this.keep(line);
      } else {
        this.pending.push(piece);
        this.pendingLength += piece.length;
      }
      if (nl === -1) break;
      if (this.discarding) this.refuse();
      else {
        this.pending.push(Buffer.from([NL]));
        this.push(Buffer.concat(this.pending));
        this.pending = [];
        this.pendingLength = 0;
      }
      start = nl + 1;
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.discarding) this.refuse();
    else if (this.pendingLength) this.push(Buffer.concat(this.pending));
    done();
  }

  private keep(piece: Buffer): void {
    this.discarded += piece.length;
    this.tail = Buffer.concat([this.tail, piece]).subarray(-SAMPLE);
  }

  private refuse(): void {
    this.discarding = false;
    const bytes = this.discarded;
    const id = requestId(this.head, this.tail.toString('utf8'));
    this.head = '';
    this.tail = Buffer.alloc(0);
    this.onOversize({ bytes, id });
  }
}

/** The top-level id of a JSON-RPC request from its first and last bytes (serializers put it first or last). */
export function requestId(head: string, tail: string): string | number | null {
  const value = (raw: string | undefined) => (raw === undefined ? undefined : (JSON.parse(raw) as string | number));
  const atEnd = /"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.)*")\s*\}\s*$/.exec(tail.trimEnd())?.[1];
  const atStart = /^\s*\{(?:\s*"(?:jsonrpc|method)"\s*:\s*"[^"]*"\s*,)*\s*"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.)*")/.exec(head)?.[1];
  try {
    return value(atEnd) ?? value(atStart) ?? null;
  } catch {
    return null;
  }
}
