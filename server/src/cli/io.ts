/** Where a command reads its settings and writes its output: the process, or a test's capture. */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  /** Relative paths (`--file`, DATA_DIR) resolve from here. */
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** All of standard input, for `--file -`. */
  stdin(): Promise<string>;
}

export function processIo(): CliIo {
  return {
    env: process.env,
    cwd: process.cwd(),
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    async stdin() {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    }
  };
}

/** What every command prints through: lines for people, or one JSON document for scripts (`--json`). */
export class Output {
  constructor(
    private readonly io: CliIo,
    readonly json: boolean
  ) {}

  /** A line for people; nothing with `--json`. */
  line(text = ''): void {
    if (!this.json) this.io.stdout(text + '\n');
  }

  /** The command's result as JSON; nothing without `--json`. */
  data(value: unknown): void {
    if (this.json) this.io.stdout(JSON.stringify(value, null, 2) + '\n');
  }

  /** A note for people on stderr (progress, where a setting came from), never mixed into the JSON on stdout. */
  note(text: string): void {
    this.io.stderr(text + '\n');
  }
}
