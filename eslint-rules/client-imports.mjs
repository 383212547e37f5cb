import path from 'node:path';

// Config globs cannot see a 'use client' directive, so this rule finds those modules and checks what they import.

/** @type {import('eslint').Rule.RuleModule} */
const clientImports = {
  meta: {
    type: 'problem',
    docs: { description: "In a 'use client' module, import from the server folder only its browser-safe subfolders." },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string', description: 'the repo root: `@/` and the folders below are relative to it' },
          from: { type: 'string', description: 'the folder client modules may not import, e.g. lib' },
          except: { type: 'array', items: { type: 'string' }, description: 'its browser-safe subfolders' },
          message: { type: 'string' },
        },
        required: ['root', 'from', 'except', 'message'],
        additionalProperties: false,
      },
    ],
    messages: { serverImport: '"{{specifier}}" is not browser-safe. {{message}}' },
  },
  create(context) {
    const isClientModule = leadingDirectives(context.sourceCode.ast).includes('use client');
    if (!isClientModule) return {};
    const [{ root, from, except, message }] = context.options;
    const forbidden = path.resolve(root, from);
    const allowed = except.map((folder) => path.resolve(root, folder));
    const importer = path.dirname(context.physicalFilename);

    /** @param {import('eslint').Rule.Node & { source?: import('eslint').Rule.Node | null }} node */
    function check(node) {
      if (node.source?.type !== 'Literal' || typeof node.source.value !== 'string') return;
      const specifier = node.source.value;
      const target = resolveLocal(specifier, root, importer);
      if (target && isInside(target, forbidden) && !allowed.some((folder) => isInside(target, folder))) {
        context.report({ node: node.source, messageId: 'serverImport', data: { specifier, message } });
      }
    }

    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

/** @param {import('eslint').AST.Program} program */
function leadingDirectives(program) {
  const directives = [];
  for (const statement of program.body) {
    if (statement.type !== 'ExpressionStatement' || !('directive' in statement)) break;
    directives.push(statement.directive);
  }
  return directives;
}

/** The file a `@/…` (tsconfig paths) or relative specifier points at; null for a package. */
function resolveLocal(specifier, root, importer) {
  if (specifier.startsWith('@/')) return path.resolve(root, specifier.slice(2));
  if (specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../')) {
    return path.resolve(importer, specifier);
  }
  return null;
}

function isInside(file, folder) {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export default clientImports;
