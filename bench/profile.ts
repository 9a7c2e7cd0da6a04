/**
 * Summarises a V8 CPU profile (`node --cpu-prof`, or `npm run bench -- --profile`):
 * self time by package / area and the hottest functions.
 *   npx tsx bench/profile.ts <file.cpuprofile> [top]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg, callersOf] = process.argv.slice(2);
if (!file) {
  console.error('usage: tsx bench/profile.ts <file.cpuprofile> [top] [function whose callers to show]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMs = new Map<number, number>();
profile.samples.forEach((id, index) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000));
const total = [...selfMs.values()].reduce((sum, ms) => sum + ms, 0);

/** Where a function lives: a package, the shop's own layer, Node internals, or V8's buckets. */
function area(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (!url) return `(${functionName || 'anonymous'})`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const own = /\/(?:src|dist)\/((?:adapters\/)?[^/]+)/.exec(url);
  if (own) return `weshop ${own[1]}`;
  return url;
}

const areas = new Map<string, number>();
const functions = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const node = byId.get(id)!;
  areas.set(area(node), (areas.get(area(node)) ?? 0) + ms);
  const name = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(src|dist)\//, '$1/')}:${node.callFrame.lineNumber + 1}`;
  functions.set(name, (functions.get(name) ?? 0) + ms);
}
// Native and Node-internal frames (socket writes, timers, streams) charged to the nearest package
// or shop layer above them: "mysql2" then includes the syscalls its packets cost.
const parentOf = new Map<number, ProfileNode>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node);
const owner = (node: ProfileNode): string => {
  const own = area(node);
  if (own === '((idle))' || own === '((garbage collector))' || own === '((program))') return own;
  for (let up: ProfileNode | undefined = node; up; up = parentOf.get(up.id)) {
    const name = area(up);
    if (!name.startsWith('node:') && !name.startsWith('(')) return name;
  }
  return own.startsWith('node:') ? `${own} (no package above)` : own;
};
const owners = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const name = owner(byId.get(id)!);
  owners.set(name, (owners.get(name) ?? 0) + ms);
}
const top = Number(topArg ?? 25);
// Shares are of the busy time: a server idles whenever the bench runs the floor instead.
const idle = areas.get('((idle))') ?? 0;
const busy = total - idle;
const show = (entries: Map<string, number>) =>
  [...entries]
    .filter(([name]) => name !== '((idle))')
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, ms]) => `${((ms / busy) * 100).toFixed(1).padStart(5)} %  ${ms.toFixed(0).padStart(7)} ms  ${name}`)
    .join('\n');
console.log(`${file}: ${(total / 1000).toFixed(1)} s sampled, ${(busy / 1000).toFixed(1)} s busy (shares below are of the busy time)\n\nself time by area\n${show(areas)}\n\nself time charged to the nearest package or shop layer\n${show(owners)}\n\nhottest functions (self time)\n${show(functions)}`);

if (callersOf) {
  // Who calls the named function: its self time attributed to the chain of its three nearest named callers.
  const parent = new Map<number, ProfileNode>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
  const frame = (node: ProfileNode) => `${node.callFrame.functionName || '(anonymous)'}@${area(node)}`;
  const chains = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const node = byId.get(id)!;
    if (node.callFrame.functionName !== callersOf) continue;
    const chain: string[] = [];
    for (let up = parent.get(id); up && chain.length < 9; up = parent.get(up.id)) chain.push(frame(up));
    const key = chain.join(' < ');
    chains.set(key, (chains.get(key) ?? 0) + ms);
  }
  console.log(`\ncallers of ${callersOf}\n${show(chains)}`);
}
