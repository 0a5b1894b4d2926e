// @ts-check
/**
 * TypeDoc plugin: files every export of `@sasaeai/core` under a topic named after the core
 * folder that declares it (plan → "Plans", period → "Periods" …), so the API reference reads by
 * topic rather than by kind. A declaration that carries its own `@category` keeps it. The topics
 * and their order are the layering of docs/architecture.md.
 */
import { Comment, CommentTag, Converter, ReflectionKind } from 'typedoc';

/** Folder of packages/core/src → topic, in reading order. */
export const TOPICS = [
  ['i18n', 'Languages, results and errors'],
  ['result.ts', 'Languages, results and errors'],
  ['plan', 'Plans'],
  ['period', 'Periods'],
  ['text', 'Text'],
  ['returns', 'Validation of returns'],
  ['rules', 'Validation of returns'],
  ['sheet', 'Sheet models'],
  ['rollup', 'Roll-up and reports'],
  ['workflow', 'Review workflow'],
  ['review-state', 'Review workflow'],
  ['adapt', 'Decisions both adapters take'],
  ['samples', 'Samples'],
];

/** @param {string} file */
function topicOf(file) {
  const m = /packages\/core\/src\/([^/]+)/.exec(file.replace(/\\/g, '/'));
  return m ? TOPICS.find(([folder]) => folder === m[1])?.[1] : undefined;
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(
    Converter.EVENT_RESOLVE_BEGIN,
    (context) => {
      const declarations = context.project.getReflectionsByKind(ReflectionKind.SomeExport);
      for (const r of declarations) {
        // Only the entries' own exports: members of interfaces and classes keep TypeDoc's groups.
        if (!r.parent || !(r.parent.kindOf(ReflectionKind.Project) || r.parent.kindOf(ReflectionKind.Module))) continue;
        const file = r.sources?.[0]?.fullFileName ?? '';
        const topic = topicOf(file);
        if (!topic) continue;
        r.comment ??= new Comment();
        if (r.comment.blockTags.some((t) => t.tag === '@category')) continue;
        r.comment.blockTags.push(new CommentTag('@category', [{ kind: 'text', text: topic }]));
      }
    },
    100,
  );
}
