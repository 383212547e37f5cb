import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

// CI checks the shared folder out beside the repository, so the path is relative to the repo, not absolute.
const SPEC_FILE = fileURLToPath(new URL('../../../shared/stytch-openapi/consumer-subset.json', import.meta.url));
const COMPONENTS_ID = 'stytch-consumer-components.json';

const specSchema = z.object({
  components: z.object({ schemas: z.record(z.string(), z.unknown()) }),
  paths: z.record(
    z.string(),
    z.record(
      z.string(),
      z.object({
        responses: z.object({
          '200': z.object({
            content: z.object({ 'application/json': z.object({ schema: z.object({ $ref: z.string() }) }) }),
          }),
        }),
      }),
    ),
  ),
});

const spec = specSchema.parse(JSON.parse(readFileSync(SPEC_FILE, 'utf8')));

// OpenAPI 3.0 schemas are not pure JSON Schema: `strict: false` lets ajv skip `example` and other annotations, and
// ajv 8 reads the OpenAPI `nullable` keyword natively. Refs look like `#/components/schemas/X`, so the components
// go in as one schema whose root has the same shape as the OpenAPI document.
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: COMPONENTS_ID, components: spec.components }, COMPONENTS_ID);

const validators = new Map<string, ValidateFunction>();

/** The validator for the 200 body of an operation named like a route key, e.g. `GET /v1/users/{user_id}`. */
function validatorFor(operation: string): ValidateFunction {
  const cached = validators.get(operation);
  if (cached) return cached;
  const [method = '', path = ''] = operation.split(' ');
  const ref = spec.paths[path]?.[method.toLowerCase()]?.responses['200'].content['application/json'].schema.$ref;
  if (!ref) throw new Error(`The OpenAPI subset has no 200 response for ${operation}.`);
  const validate = ajv.getSchema(`${COMPONENTS_ID}${ref}`);
  if (!validate) throw new Error(`Cannot resolve ${ref} in the OpenAPI subset.`);
  validators.set(operation, validate);
  return validate;
}

/** Throws, listing every violation, unless `body` is a valid 200 body for `operation`. */
function assertConforms(operation: string, body: unknown): void {
  const validate = validatorFor(operation);
  if (!validate(body)) {
    throw new Error(`${operation} 200 body does not match the OpenAPI schema: ${ajv.errorsText(validate.errors)}`);
  }
}

/** Awaits an API call and checks its body against the OpenAPI response schema before handing it back. */
export async function conforming<T>(operation: string, call: Promise<T>): Promise<T> {
  const body = await call;
  assertConforms(operation, body);
  return body;
}
