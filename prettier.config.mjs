/** @type {import('prettier').Config} */
const config = {
  printWidth: 120,
  singleQuote: true,
  plugins: ['prettier-plugin-organize-imports', 'prettier-plugin-tailwindcss'],
  tailwindStylesheet: './app/globals.css',
  tailwindFunctions: ['clsx', 'cn'],
};

export default config;
