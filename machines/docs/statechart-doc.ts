/**
 * Renders docs/statechart.md from the machine definition itself: a Mermaid `stateDiagram-v2` drawn
 * by walking the state nodes and their transitions, and the table of every event type.
 */
import type { AnyStateNode } from 'xstate';
import { congressMachine } from '../congress/congress.machine.js';
import { EVENT_CATALOGUE } from '../events/event-catalogue.js';
import { MODELLING_NOTES } from './modelling-notes.js';

type Transition = { source: AnyStateNode; target: AnyStateNode; label: string };

/** Mermaid ids must be unique across the diagram, so they spell the whole path. */
const idOf = (node: AnyStateNode) => (node.path.length === 0 ? 'congress' : node.path.join('_'));

function guardLabel(guard: unknown): string {
  const ref = guard as { type?: string; params?: { name?: string } } | undefined;
  if (!ref) return '';
  return ` [${ref.params?.name ?? ref.type ?? 'guard'}]`;
}

function transitionsOf(node: AnyStateNode): Transition[] {
  const found: Transition[] = [];
  const add = (eventType: string, list: readonly { target?: readonly AnyStateNode[]; guard?: unknown }[]) => {
    for (const t of list) {
      for (const target of t.target ?? [])
        found.push({ source: node, target, label: `${eventType}${guardLabel(t.guard)}` });
    }
  };
  for (const [eventType, list] of node.transitions) add(eventType, list);
  if (node.always) add('always', node.always);
  return found;
}

/** The deepest state containing both ends, where Mermaid expects the arrow to be declared. */
function commonAncestor(a: AnyStateNode, b: AnyStateNode): AnyStateNode {
  let node: AnyStateNode | undefined = a.parent ?? a;
  while (node && !b.path.join('.').startsWith(node.path.join('.'))) node = node.parent;
  return node ?? congressMachine.root;
}

function allNodes(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap(allNodes)];
}

function groupTransitions(): Map<AnyStateNode, Transition[]> {
  const groups = new Map<AnyStateNode, Transition[]>();
  for (const t of allNodes(congressMachine.root).flatMap(transitionsOf)) {
    const home = commonAncestor(t.source, t.target);
    groups.set(home, [...(groups.get(home) ?? []), t]);
  }
  return groups;
}

function renderChildren(
  node: AnyStateNode,
  groups: Map<AnyStateNode, Transition[]>,
  indent: string,
): string[] {
  const children = Object.values(node.states);
  const lines: string[] = [];
  children.forEach((child, i) => {
    if (node.type === 'parallel' && i > 0) lines.push(`${indent}--`);
    lines.push(...renderNode(child, groups, indent));
  });
  const initial = node.initial?.target[0];
  if (initial && node.type === 'compound') lines.push(`${indent}[*] --> ${idOf(initial)}`);
  for (const child of children) if (child.type === 'final') lines.push(`${indent}${idOf(child)} --> [*]`);
  for (const t of groups.get(node) ?? [])
    lines.push(`${indent}${idOf(t.source)} --> ${idOf(t.target)}: ${t.label}`);
  return lines;
}

function renderNode(node: AnyStateNode, groups: Map<AnyStateNode, Transition[]>, indent: string): string[] {
  const label = node.type === 'history' ? 'H*' : node.key;
  if (Object.keys(node.states).length === 0) return [`${indent}state "${label}" as ${idOf(node)}`];
  const suffix = node.type === 'parallel' ? ' (parallel)' : '';
  return [
    `${indent}state "${label}${suffix}" as ${idOf(node)} {`,
    ...renderChildren(node, groups, `${indent}  `),
    `${indent}}`,
  ];
}

function renderEventTable(): string[] {
  const rows = Object.values(EVENT_CATALOGUE).map(
    (e) => `| \`${e.type}\` | ${e.roles.join(', ')} | ${e.label.vi} | ${e.label.en} |`,
  );
  return ['| event | roles | tiếng Việt | English |', '| --- | --- | --- | --- |', ...rows];
}

/** The whole document, deterministic for a given machine definition and catalogue. */
export function renderStatechartDoc(): string {
  const diagram = renderChildren(congressMachine.root, groupTransitions(), '  ');
  return [
    '# The congress statechart',
    '',
    'Generated from `machines/congress` by `npm run docs:statechart`; do not edit by hand.',
    'One machine serves every level; guards (in brackets) are the named checks of `machines/congress/*.checks.ts`.',
    'Transitions without a target (recording a draft, a reply, a held subordinate...) update the context only and are not drawn.',
    '',
    '```mermaid',
    'stateDiagram-v2',
    ...diagram,
    '```',
    '',
    ...MODELLING_NOTES,
    '## Events',
    '',
    ...renderEventTable(),
    '',
  ].join('\n');
}
