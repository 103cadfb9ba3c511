/**
 * Where HostApi may read and write files (DESIGN.md "Security", issue #11 item 7): inside the
 * workspace, the shipped templates (read-only) and paths the user picked in a native dialog
 * (granted by Electron's main process, never by the renderer: engine-process.ts). Every check runs
 * twice: on the path as given (so nothing outside is even probed) and on its real path with
 * symlinks resolved (so a link inside the workspace cannot lead out of it).
 */
import { lstatSync, realpathSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { scenarioPathFor } from '../simulate/scenario-file.js';

/** Why a file access was refused; `code` reaches the renderer in the HostError. */
export type FileAccessCode = 'OUTSIDE_WORKSPACE' | 'TEMPLATE_READ_ONLY' | 'NOT_FOUND' | 'NOT_ALLOWED' | 'EXISTS' | 'CHANGED_ON_DISK';

/** A refused or failed file access, with a message that says what to do. */
export class FileAccessError extends Error {
  override name = 'FileAccessError';
  constructor(
    readonly code: FileAccessCode,
    message: string,
  ) {
    super(message);
  }
}

/** A path HostApi may read: its absolute form as asked, its real path, and whether it is a shipped template. */
export interface ReadablePath {
  /** `path` made absolute against the workspace (what the renderer shows and sends back). */
  path: string;
  /** Symlinks resolved: the file actually read. */
  real: string;
  isTemplate: boolean;
}

/** What a write may create: flows and exports are YAML or JSON, never scripts or dotfiles. */
export interface WriteOptions {
  /** Allowed extensions with the dot; default `.yaml`, `.yml`. */
  extensions?: readonly string[];
}

const FLOW_EXTENSIONS = ['.yaml', '.yml'] as const;

/** True when `path` is `folder` or inside it (both absolute, compared as written). */
export function isWithin(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function errnoCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * The file-access policy of one engine process. `root` is the workspace, `templates` the shipped
 * templates folder. Methods throw FileAccessError; they never read file contents.
 */
export class FileAccess {
  readonly root: string;
  readonly templates: string;
  private readonly realRoot: string;
  private readonly realTemplates: string;
  /** Picked paths, as given and as real paths (a picked Save-as target may not exist yet). */
  private readonly granted = new Set<string>();

  constructor(opts: { root: string; templates: string }) {
    this.root = resolve(opts.root);
    this.templates = resolve(opts.templates);
    this.realRoot = realOrSelf(this.root);
    this.realTemplates = realOrSelf(this.templates);
  }

  /**
   * Allows reading and writing the absolute `path` (a file the user picked in a native dialog),
   * and reading its scenarios file beside it. Only Electron's main process may call this.
   */
  grant(path: string): void {
    if (!isAbsolute(path)) throw new FileAccessError('NOT_ALLOWED', `a picked path must be absolute, got ${path}`);
    for (const p of [path, scenarioPathFor(path)]) {
      this.granted.add(resolve(p));
      this.granted.add(join(realOrSelf(dirname(p)), basename(p)));
      this.granted.add(realOrSelf(p));
    }
  }

  /** `path` (absolute, or relative to the workspace) made absolute. */
  absolute(path: string): string {
    if (typeof path !== 'string' || path === '' || path.includes('\0')) throw new FileAccessError('NOT_ALLOWED', 'a file path is required');
    return resolve(this.root, path);
  }

  /** The workspace-relative form of an absolute path inside it, for messages and the file tree. */
  relative(path: string): string {
    return isWithin(path, this.root) ? relative(this.root, path).split(sep).join('/') : path;
  }

  /** True when the real path `real` is a shipped template (or in its folder). */
  isTemplate(real: string): boolean {
    return isWithin(real, this.realTemplates) || isWithin(real, this.templates);
  }

  private isAllowedLexically(abs: string): boolean {
    return isWithin(abs, this.root) || isWithin(abs, this.realRoot) || this.isTemplate(abs) || this.granted.has(abs);
  }

  private isAllowedReal(real: string): boolean {
    return isWithin(real, this.realRoot) || this.isTemplate(real) || this.granted.has(real);
  }

  private outside(abs: string): FileAccessError {
    return new FileAccessError(
      'OUTSIDE_WORKSPACE',
      `${abs} is outside the workspace ${this.root}; open or save flows inside it` +
        ' (in the desktop app, Open… and Save as… can pick a file elsewhere)',
    );
  }

  /**
   * Resolves a path to read. Throws OUTSIDE_WORKSPACE (also through a symlink) or NOT_FOUND; with
   * `missing: 'null'` a missing file inside returns null instead. The place is checked before the
   * file, so nothing about files outside is revealed.
   */
  readable(path: string): ReadablePath;
  readable(path: string, opts: { missing: 'null' }): ReadablePath | null;
  readable(path: string, opts?: { missing: 'null' }): ReadablePath | null {
    const abs = this.absolute(path);
    if (!this.isAllowedLexically(abs)) throw this.outside(abs);
    let real: string;
    try {
      real = realpathSync(abs);
    } catch (err) {
      if (errnoCode(err) !== 'ENOENT') throw err;
      if (opts?.missing === 'null') return null;
      throw new FileAccessError('NOT_FOUND', `${abs} does not exist; check the path or pick it in Files`);
    }
    if (!this.isAllowedReal(real)) throw this.outside(`${abs} (a link to ${real})`);
    return { path: abs, real, isTemplate: this.isTemplate(real) };
  }

  /**
   * Resolves a path to write a flow or export to and returns the real file to write (an existing
   * symlink inside the workspace is followed). Refuses: anything outside the workspace and the picked
   * paths, a shipped template (TEMPLATE_READ_ONLY: use Save as), a missing folder, dot folders and
   * dotfiles in the workspace (`.git/hooks`…), and extensions other than `opts.extensions`.
   */
  writable(path: string, opts: WriteOptions = {}): string {
    const abs = this.absolute(path);
    const extensions = opts.extensions ?? FLOW_EXTENSIONS;
    if (!extensions.includes(extname(abs).toLowerCase())) {
      throw new FileAccessError('NOT_ALLOWED', `${basename(abs)} must end in ${extensions.join(' or ')}; choose another file name`);
    }
    if (this.isTemplate(abs)) throw this.readOnly(abs);
    const isGranted = this.granted.has(abs);
    if (!isGranted) {
      if (!isWithin(abs, this.root) && !isWithin(abs, this.realRoot)) throw this.outside(abs);
      const base = isWithin(abs, this.root) ? this.root : this.realRoot;
      if (relative(base, abs).split(sep).some((part) => part.startsWith('.'))) {
        throw new FileAccessError('NOT_ALLOWED', `${abs} is in a hidden folder or is a hidden file; save flows in a visible folder of the workspace`);
      }
    }
    let folder: string;
    try {
      folder = realpathSync(dirname(abs));
    } catch (err) {
      if (errnoCode(err) === 'ENOENT') throw new FileAccessError('NOT_FOUND', `the folder ${dirname(abs)} does not exist; create it first or choose another folder`);
      throw err;
    }
    let real = join(folder, basename(abs));
    let isLink = false;
    try {
      isLink = lstatSync(real).isSymbolicLink();
    } catch (err) {
      if (errnoCode(err) !== 'ENOENT') throw err;
    }
    if (isLink) {
      try {
        real = realpathSync(real);
      } catch {
        throw new FileAccessError('NOT_ALLOWED', `${abs} is a broken link; remove it or choose another file name`);
      }
    }
    if (this.isTemplate(real)) throw this.readOnly(abs);
    if (!isWithin(real, this.realRoot) && !this.granted.has(real)) throw this.outside(real === abs ? abs : `${abs} (a link to ${real})`);
    return real;
  }

  private readOnly(abs: string): FileAccessError {
    // Started on the templates folder itself (`flowsmith web resources/templates/x.yaml`), Save as has
    // nowhere to go: say how to start on a folder of one's own instead.
    const way = this.isTemplate(this.root)
      ? 'the workspace is the templates folder, so start Flowsmith on a folder of your own (flowsmith web FOLDER) and pick the template from Templates there'
      : 'use Save as to save your copy in the workspace';
    return new FileAccessError('TEMPLATE_READ_ONLY', `${basename(abs)} is a template shipped with Flowsmith and is read-only; ${way}`);
  }
}
