import type { CliIo } from './io.js';

/** Tells the user what long work is doing, on standard error. */
export interface Progress {
  /** Shows what is being done now, replacing the previous status line. */
  status(text: string): void;
  /** Prints a line that stays (a finished step), clearing the status line first. */
  line(text: string): void;
  /** Clears the status line. */
  done(): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * Progress on standard error, only when it is a terminal: a spinner frame and a status line
 * rewritten in place, and lines that stay. Elsewhere (pipes, CI logs, tests) it prints nothing,
 * so the output of a command is the same whether it took long or not.
 */
export function createProgress(io: CliIo): Progress {
  if (io.stderrIsTTY !== true) return { status: () => undefined, line: () => undefined, done: () => undefined };
  let frame = 0;
  let showing = false;
  const clear = (): void => {
    if (showing) io.stderr('\r\u001b[2K');
    showing = false;
  };
  return {
    status: (text) => {
      clear();
      io.stderr(`${FRAMES[frame++ % FRAMES.length]} ${text}`);
      showing = true;
    },
    line: (text) => {
      clear();
      io.stderr(`${text}\n`);
    },
    done: clear,
  };
}
