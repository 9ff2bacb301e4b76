import { readFileSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const DESCRIPTION = `
The asset register of a charge point operator: Locations, Charge Stations, EVSEs and Connectors.
The wire format follows the GreenFlux Charge Location Management API (OCPI-based).

**Authentication.** Send \`Authorization: Token <token>\` (also accepted: the Base64 of the token, as OCPI 2.2.1
does, and \`Bearer <token>\`). Tokens are created with the CLI; a \`read\` token may only GET, a \`write\` token
may also change objects. Every token sees only its own CPOs' objects; another CPO's object answers 404.

**Envelope.** Every response body is \`{ data, status_code, status_message, timestamp }\`; errors leave out
\`data\` and list the fields at fault in \`errors\`. \`status_code\` 1000 is success, 2001 invalid input,
2000 other client errors, 2003 unknown location, 3000 server errors.

**Etags.** Single objects carry \`etag\` in the body and the \`ETag\` header. A PUT that updates needs it
(\`If-Match\` header or body \`etag\`): missing → 428, stale → 412 with the current one in \`ETag\`.
A write that changes nothing keeps the etag.

**Lists** are change feeds: \`date_from\` (inclusive) and \`date_to\` (exclusive) on \`last_updated\`, ordered by
\`last_updated\` then id. \`X-Total-Count\` counts all matches; \`Link: rel="next"\` continues after the last object of
the page (keyset cursor), so a crawl never skips an object changed meanwhile. \`offset\`/\`limit\` (max 1000) also work.

**Request ids.** \`X-Request-ID\` and \`X-Correlation-ID\` are echoed (generated when absent) and appear in the logs.
`.trim();

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Charge Stations API')
    .setDescription(DESCRIPTION)
    .setVersion(packageJson.version)
    .addServer('/', 'The server that serves this document')
    .addSecurity('Token', {
      type: 'apiKey',
      in: 'header',
      name: 'Authorization',
      description: 'Enter `Token <your token>`',
    })
    .addTag('Locations', 'Sites where charge stations stand (OCPI Locations, GreenFlux v2)')
    .addTag('ChargeStations', 'Charge stations with their EVSEs and connectors; PUT replaces, PATCH changes own fields')
    .addTag('EVSEs', 'One EVSE or connector of a station: definitions (station etag) and live status')
    .addTag('HardwareTemplates', 'EVSE/connector structures that stations are built from (copied, never linked)')
    .addTag('ChargeStationConfigurations', 'What each charger reported about itself (read-only; filled by the OCPP gateway)')
    .addTag('Events', 'The change feed: every committed change of the CPO\'s objects, in order (SPEC §10)')
    .addTag('Webhooks', 'Endpoints that receive the change events, signed per Standard Webhooks; delivery log, test, replay, secret rotation')
    .addTag('Health', 'Liveness and readiness probes; no token needed')
    .build();
  // Proprietary (package.json: UNLICENSED): a name, and no public license URL to point at.
  config.info.license = { name: 'Proprietary' };
  return normalizeForTools(SwaggerModule.createDocument(app, config));
}

type SchemaNode = Record<string, unknown>;

/**
 * Rewrites the two shapes @nestjs/swagger emits that OpenAPI 3.0 tools reject or flag, in place:
 * - a nullable reference (`{ nullable: true, allOf: [{ $ref }] }`, with or without `type`): `nullable`
 *   without `type` is invalid in 3.0, and per 3.0.3 `nullable` never admits null through the `allOf`. It becomes
 *   `anyOf: [{ $ref }, { type, nullable: true, enum: [null] }]`, which SDK generators read as `T | null`;
 * - a lone `allOf: [{ $ref }]` with nothing beside it becomes the plain `$ref`.
 */
export function normalizeForTools(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components?.schemas ?? {}) as Record<string, SchemaNode>;
  const typeOf = (ref: string): string => {
    const target = schemas[ref.replace('#/components/schemas/', '')];
    return typeof target?.type === 'string' ? target.type : 'object';
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const schema = node as SchemaNode;
    const allOf = schema.allOf as SchemaNode[] | undefined;
    const singleRef = Array.isArray(allOf) && allOf.length === 1 && typeof allOf[0].$ref === 'string' ? (allOf[0].$ref as string) : undefined;
    if (singleRef && schema.nullable === true) {
      delete schema.allOf;
      delete schema.nullable;
      delete schema.type;
      schema.anyOf = [{ $ref: singleRef }, { type: typeOf(singleRef), nullable: true, enum: [null] }];
    } else if (singleRef && Object.keys(schema).length === 1) {
      delete schema.allOf;
      schema.$ref = singleRef;
    }
    Object.values(schema).forEach(visit);
  };
  visit(document.paths);
  visit(document.components);
  return document;
}

export function serveOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: 'Charge Stations API',
    swaggerOptions: { persistAuthorization: true, displayRequestDuration: true, tryItOutEnabled: false },
  });
}
