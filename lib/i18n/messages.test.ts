import { createTranslator } from 'next-intl';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from './locales';
import { MESSAGES } from './messages';

type Tree = { [key: string]: string | Tree };

// "login.heading" for every message, in the order of the file.
function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );
}

function messageAt(tree: Tree, key: string): string {
  const value = key
    .split('.')
    .reduce<string | Tree | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), tree);
  if (typeof value !== 'string') throw new Error(`no message at ${key}`);
  return value;
}

// The values and tags a message takes: a translation may move them, never drop, rename or add one.
function argumentsOf(message: string): string[] {
  const names = [...message.matchAll(/\{\s*(\w+)\s*[,}]/g), ...message.matchAll(/<(\w+)>/g)].map(
    (match) => match[1] ?? '',
  );
  return [...new Set(names)].sort();
}

const english = MESSAGES.en as Tree;
const ENGLISH_KEYS = keysOf(english);
const OTHERS = LOCALES.filter((locale) => locale !== 'en');

describe('the translations', () => {
  it.each(OTHERS)('%s has every message of English and no other', (locale) => {
    expect(keysOf(MESSAGES[locale] as Tree)).toEqual(ENGLISH_KEYS);
  });

  it.each(OTHERS)('%s takes the same values and tags as English in every message', (locale) => {
    for (const key of ENGLISH_KEYS) {
      expect([key, argumentsOf(messageAt(MESSAGES[locale] as Tree, key))]).toEqual([
        key,
        argumentsOf(messageAt(english, key)),
      ]);
    }
  });

  it.each(LOCALES)('%s formats every message without an error', (locale) => {
    const errors: string[] = [];
    const t = createTranslator({ locale, messages: MESSAGES[locale], onError: (error) => errors.push(error.message) });
    const tags = new Set(['terms', 'privacy', 'when', 'hidden']);
    for (const key of ENGLISH_KEYS) {
      // Each value the English message takes: a number for plurals, markup for tags, words for the rest.
      const values = Object.fromEntries(
        argumentsOf(messageAt(english, key)).map((name) => [
          name,
          name === 'count' ? 3 : tags.has(name) ? (text: string) => `[${text}]` : `‹${name}›`,
        ]),
      );
      t.markup(key as Parameters<typeof t.markup>[0], values as never);
    }
    expect(errors).toEqual([]);
  });
});

// The code that may speak to people; tests and the e2e suite read messages too, but do not keep one alive.
const SOURCE_FOLDERS = ['app', 'components', 'lib', 'i18n'];

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the English messages', () => {
  it('are each used by the code: by their full key, or by their own key beside their namespace', () => {
    const sources = SOURCE_FOLDERS.flatMap(sourceFiles).map((path) => readFileSync(path, 'utf8'));
    const unused = ENGLISH_KEYS.filter((key) => {
      const [namespace, ...rest] = key.split('.');
      const leaf = rest.join('.');
      return !sources.some(
        (source) =>
          source.includes(`'${key}'`) ||
          (source.includes(`getTranslations('${namespace}')`) && source.includes(`'${leaf}'`)),
      );
    });
    expect(unused).toEqual([]);
  });
});
