import { defineConfig } from 'drizzle-kit';

// `drizzle-kit generate` only diffs the schema against ./drizzle; the app applies that folder (lib/db/client.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './lib/db/schema.ts',
  out: './drizzle',
  strict: true,
});
