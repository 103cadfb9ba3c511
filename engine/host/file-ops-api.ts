/**
 * Rename, move and delete workspace flow files (the Files panel). A flow and its
 * `X.scenarios.yaml` sibling move and go together. Every path is confined to the workspace itself
 * (not the templates, not picked paths): checked as given and with symlinks resolved; links
 * themselves are never moved or deleted (a link could stand for a file outside). An existing
 * target is never replaced unless `overwrite` says the person confirmed it.
 */
import { existsSync, lstatSync, readFileSync, realpathSync, renameSync, unlinkSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { isMap, isScalar, parseDocument } from 'yaml';
import { isScenarioPath, scenarioPathFor } from '../simulate/scenario-file.js';
import { writeFileAtomic } from '../yaml/files.js';
import type { HostApi } from './api.js';
import { FileAccessError, isWithin, type FileAccess } from './file-access.js';

type FileOpsApi = Pick<HostApi, 'moveFile' | 'deleteFile'>;

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** The scenarios file of flow `flowPath` when it exists, else null. */
function scenariosOf(flowPath: string): string | null {
  const path = scenarioPathFor(flowPath);
  return lstatOrNull(path) ? path : null;
}

/** Builds moveFile and deleteFile over `access` (its workspace root). */
export function createFileOpsApi(access: FileAccess): FileOpsApi {
  const realRoot = realOrSelf(access.root);

  /** `path` as an absolute path inside the workspace whose folder really is inside it; refuses dot names. */
  const inside = (path: string): string => {
    const abs = access.absolute(path);
    const outside = () =>
      new FileAccessError('OUTSIDE_WORKSPACE', `${abs} is outside the workspace ${access.root}; only files in the workspace can be renamed, moved or deleted`);
    if (!isWithin(abs, access.root) || abs === access.root) throw outside();
    if (relative(access.root, abs).split(sep).some((part) => part.startsWith('.'))) {
      throw new FileAccessError('NOT_ALLOWED', `${abs} is in a hidden folder or is a hidden file; Flowsmith does not change those`);
    }
    let folder: string;
    try {
      folder = realpathSync(dirname(abs));
    } catch {
      throw new FileAccessError('NOT_FOUND', `the folder ${dirname(abs)} does not exist; create it first or choose another folder`);
    }
    if (!isWithin(folder, realRoot)) throw new FileAccessError('OUTSIDE_WORKSPACE', `${abs} (its folder is a link to ${folder}) is outside the workspace ${access.root}`);
    if (access.isTemplate(folder) || access.isTemplate(abs)) {
      throw new FileAccessError('TEMPLATE_READ_ONLY', `${basename(abs)} is a template shipped with Flowsmith and is read-only`);
    }
    return abs;
  };

  /** A flow file to move or delete: a plain file (not a link, not a folder) ending in .yaml/.yml. */
  const sourceFlow = (path: string): string => {
    const abs = inside(path);
    if (!/\.ya?ml$/i.test(abs) || isScenarioPath(abs)) {
      throw new FileAccessError('NOT_ALLOWED', `${basename(abs)} is not a flow file; rename or delete flows (their scenarios go with them)`);
    }
    const stat = lstatOrNull(abs);
    if (!stat) throw new FileAccessError('NOT_FOUND', `${abs} does not exist; refresh Files`);
    if (stat.isSymbolicLink()) throw new FileAccessError('NOT_ALLOWED', `${basename(abs)} is a link; change it outside Flowsmith`);
    if (!stat.isFile()) throw new FileAccessError('NOT_ALLOWED', `${basename(abs)} is not a file`);
    return abs;
  };

  /** A scenarios sibling that may be moved or deleted with its flow: a plain file, or refused. */
  const plainSibling = (path: string | null): string | null => {
    if (path === null) return null;
    if (!lstatSync(path).isFile()) throw new FileAccessError('NOT_ALLOWED', `${basename(path)} is a link or a folder; change it outside Flowsmith`);
    return path;
  };

  return {
    async moveFile({ path, to, overwrite }) {
      const from = sourceFlow(path);
      // `to` may name a folder (the workspace itself included): the file keeps its name there.
      // Only a place inside the workspace is looked at, so nothing is learnt about folders outside.
      const asked = access.absolute(to);
      const isFolder = asked === access.root || (isWithin(asked, access.root) && lstatOrNull(asked)?.isDirectory() === true);
      const target = inside(isFolder ? join(asked, basename(from)) : to);
      const ext = extname(target).toLowerCase();
      if (ext !== '.yaml' && ext !== '.yml') throw new FileAccessError('NOT_ALLOWED', `${basename(target)} must end in .yaml or .yml; choose another name`);
      if (isScenarioPath(target)) throw new FileAccessError('NOT_ALLOWED', `${basename(target)} is a scenarios file name; choose a name without .scenarios`);
      if (target === from) return { path: from, scenarioPath: scenariosOf(from), moved: [] };
      const scenarios = plainSibling(scenariosOf(from));
      const scenarioTarget = scenarios ? target.replace(/\.ya?ml$/i, '') + scenarios.slice(scenarios.lastIndexOf('.scenarios.')) : scenarioPathFor(target);
      const taken = [target, scenarioTarget].filter((p) => lstatOrNull(p) !== null);
      for (const p of taken) {
        const stat = lstatSync(p);
        if (!stat.isFile()) throw new FileAccessError('NOT_ALLOWED', `${p} is a link or a folder; choose another name`);
      }
      if (taken.length > 0 && !overwrite) {
        throw new FileAccessError('EXISTS', `${taken.map((p) => relative(access.root, p)).join(' and ')} already exist${taken.length === 1 ? 's' : ''}; choose another name (overwrite replaces ${taken.length === 1 ? 'it' : 'them'})`);
      }
      renameSync(from, target);
      const moved = [target];
      try {
        if (scenarios) {
          await writeFileAtomic(scenarioTarget, pointedAt(readFileSync(scenarios, 'utf8'), scenarios, from, scenarioTarget, target));
          unlinkSync(scenarios);
          moved.push(scenarioTarget);
        } else if (existsSync(scenarioTarget)) {
          // Replacing a flow replaces its scenarios too: they tested the old file, not this one.
          unlinkSync(scenarioTarget);
        }
      } catch (err) {
        renameSync(target, from); // put the flow back: a flow never leaves its scenarios behind
        throw err;
      }
      return { path: target, scenarioPath: scenarios ? scenarioTarget : null, moved };
    },

    async deleteFile({ path }) {
      const abs = sourceFlow(path);
      const scenarios = plainSibling(scenariosOf(abs));
      const deleted = [abs];
      unlinkSync(abs);
      if (scenarios) {
        unlinkSync(scenarios);
        deleted.push(scenarios);
      }
      return { deleted };
    },
  };
}

/**
 * The scenarios text moved from `oldScenarios` to `newScenarios`: a `flow:` key that named the old
 * flow file is pointed at the new one (relative, as written); the rest is kept byte for byte.
 */
function pointedAt(text: string, oldScenarios: string, oldFlow: string, newScenarios: string, newFlow: string): string {
  const doc = parseDocument(text);
  if (!isMap(doc.contents)) return text;
  const node = doc.contents.get('flow', true);
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return text;
  if (resolve(dirname(oldScenarios), node.value) !== oldFlow) return text;
  const rel = relative(dirname(newScenarios), newFlow).split(sep).join('/');
  const written = /^[\w./-]+$/.test(rel) ? rel : JSON.stringify(rel);
  return text.slice(0, node.range[0]) + written + text.slice(node.range[1]);
}
