export async function register() {
  // Node-only work lives in its own module so the Edge build never sees it. NEXT_RUNTIME is Next's build-time
  // constant, not configuration: read raw, so that Next can drop this import from the Edge bundle.
  if (process.env.NEXT_RUNTIME === 'nodejs') await import('./instrumentation-node');
}
