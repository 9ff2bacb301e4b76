import { createRequire } from 'node:module';
import { createRPCError, createValidator } from 'ocpp-rpc';

const schemas = createRequire(import.meta.url)('ocpp-rpc/lib/schemas/ocpp1_6.json') as { $id: string }[];

/** Every action OCPP 1.6 defines (from ocpp-rpc's OCPP 1.6 JSON schemas). */
export const OCPP16_ACTIONS: ReadonlySet<string> = new Set(schemas.map((s) => s.$id.replace(/^urn:/, '').replace(/\.(req|conf)$/, '')));

const standard = createValidator('ocpp1.6', schemas);

/**
 * ocpp-rpc's strict OCPP 1.6 validation, except that a call of an action OCPP 1.6 does not define
 * gets `NotImplemented` ("Requested Action is not known by receiver", OCPP-J 1.6 §4.2.3) instead
 * of ocpp-rpc's `ProtocolError` for a missing schema. (Error codes follow the OCPP-J 1.6 errata:
 * FormationViolation, OccurrenceConstraintViolation.)
 */
export const ocpp16Validator: typeof standard = Object.assign(Object.create(standard) as typeof standard, {
  validate(schemaId: string, params: unknown) {
    const action = schemaId.replace(/^urn:/, '').replace(/\.(req|conf)$/, '');
    if (!OCPP16_ACTIONS.has(action)) throw createRPCError('NotImplemented', `${action} is not an OCPP 1.6 action`);
    return standard.validate(schemaId, params);
  },
});
