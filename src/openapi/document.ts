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
    .addTag('Health', 'Liveness and readiness probes; no token needed')
    .build();
  return SwaggerModule.createDocument(app, config);
}

export function serveOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: 'Charge Stations API',
    swaggerOptions: { persistAuthorization: true, displayRequestDuration: true, tryItOutEnabled: false },
  });
}
