/**
 * Keeps one output stream of a step: forwards every chunk to the step log as it arrives and keeps
 * the first KEPT_BYTES of it for the step's output, plus a short tail for error messages (the end of
 * the output is where a failing command says why, even when the kept head was cut).
 */
import { StringDecoder } from 'node:string_decoder';
import { tail } from './context.js';

/** Bytes kept per stream for the step's output (1 MiB); the log receives everything. */
export const KEPT_BYTES = 1024 * 1024;
/** Characters kept from the end of a stream for failure details. */
export const TAIL_CHARS = 4000;

/** One stream's capture. `log` receives utf-8 text; multi-byte characters are never split. */
export class OutputCapture {
  private readonly kept: Buffer[] = [];
  private keptBytes = 0;
  private lastText = '';
  private readonly decoder = new StringDecoder('utf8');
  /** True once the stream produced more than KEPT_BYTES. */
  truncated = false;

  constructor(
    private readonly stream: 'stdout' | 'stderr',
    private readonly log: (stream: 'stdout' | 'stderr', text: string) => void,
    private readonly limitBytes = KEPT_BYTES,
  ) {}

  /** Takes one chunk as read from the pipe. */
  push(chunk: Buffer): void {
    const room = this.limitBytes - this.keptBytes;
    if (chunk.length <= room) {
      this.kept.push(chunk);
      this.keptBytes += chunk.length;
    } else {
      if (room > 0) this.kept.push(chunk.subarray(0, room));
      this.keptBytes = this.limitBytes;
      this.truncated = true;
    }
    this.emit(this.decoder.write(chunk));
  }

  /** Flushes a trailing partial character, if the stream ended inside one. */
  end(): void {
    this.emit(this.decoder.end());
  }

  /** The kept text (at most limitBytes bytes of utf-8). */
  text(): string {
    return Buffer.concat(this.kept).toString('utf8');
  }

  /** The last TAIL_CHARS characters seen, cut or not. */
  tailText(): string {
    return this.lastText;
  }

  private emit(text: string): void {
    if (text === '') return;
    this.lastText = tail(this.lastText + text, TAIL_CHARS);
    try {
      this.log(this.stream, text);
    } catch {
      // A failing log sink must not crash the engine process from inside a stream 'data' handler.
    }
  }
}
