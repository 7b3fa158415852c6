import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  file: string;
  seconds: number;
  /** Share of wall time the process was busy (not idle). */
  busyShare: number;
  /** Busy time by where the code comes from (package, node core, our libs and apps, GC). */
  byArea: Array<{ area: string; share: number }>;
  /** The functions with the most self time. */
  topFunctions: Array<{ fn: string; area: string; share: number }>;
}

/** Where a frame's code lives: an npm package, node's core, our libs/apps, or V8 itself. */
function areaOf(url: string, fn: string): string {
  if (!url)
    return fn === '(garbage collector)'
      ? 'V8: garbage collector'
      : fn === '(idle)'
        ? 'idle'
        : fn === '(program)'
          ? 'V8/native (program)'
          : `native: ${fn || '(anonymous)'}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node core';
  const ours = /\/dist\/(libs\/[^/]+|apps\/[^/]+)\//.exec(url);
  if (ours) return ours[1];
  return url;
}

/** Summarizes a .cpuprofile by self time. */
export function summarizeProfile(file: string, top = 20): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++)
    self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
  let total = 0;
  let idle = 0;
  const areas = new Map<string, number>();
  const fns = new Map<string, { area: string; t: number }>();
  for (const [id, t] of self) {
    const { callFrame } = byId.get(id)!;
    const area = areaOf(callFrame.url, callFrame.functionName);
    total += t;
    if (area === 'idle') {
      idle += t;
      continue;
    }
    areas.set(area, (areas.get(area) ?? 0) + t);
    const where = callFrame.url
      ? `${callFrame.url.replace(/^.*\/(node_modules|dist)\//, '')}:${callFrame.lineNumber + 1}`
      : '';
    const key = `${callFrame.functionName || '(anonymous)'} ${where}`.trim();
    const f = fns.get(key) ?? { area, t: 0 };
    f.t += t;
    fns.set(key, f);
  }
  const busy = total - idle || 1;
  return {
    file,
    seconds: (p.endTime - p.startTime) / 1e6,
    busyShare: total ? busy / total : 0,
    byArea: [...areas].sort((a, b) => b[1] - a[1]).map(([area, t]) => ({ area, share: t / busy })),
    topFunctions: [...fns]
      .sort((a, b) => b[1].t - a[1].t)
      .slice(0, top)
      .map(([fn, f]) => ({ fn, area: f.area, share: f.t / busy })),
  };
}
