import type { FieldError } from '../common/api-error.js';
import type { Capability } from '../evses/evse.types.js';
import { connectorProblems, type ConnectorFormat, type ConnectorStandard, type PowerType } from '../evses/rules/connectors.js';
import type { EvseTemplateDto } from './dto/hardware-template.dto.js';

export interface ConnectorTemplate {
  id: number;
  standard: ConnectorStandard;
  format: ConnectorFormat;
  power_type: PowerType;
  voltage: number;
  amperage: number;
  max_electric_power: number | null;
}

export interface EvseTemplate {
  evse_sequence_number: number;
  capabilities: Capability[] | null;
  connector_templates: ConnectorTemplate[];
}

/**
 * The EVSE templates of a write body, complete and checked (SPEC §6: "same validation as
 * EVSEs/connectors"): sequence numbers and connector ids assigned where absent, the connector
 * table and DC rule applied, duplicates refused, with field paths such as
 * `evse_templates[0].connector_templates[1].power_type`.
 */
export function normalizeEvseTemplates(bodies: EvseTemplateDto[]): { templates: EvseTemplate[]; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const takenSequences = new Set(bodies.map((b) => b.evse_sequence_number).filter((n): n is number => n !== undefined));
  const takenIds = new Set(bodies.flatMap((b) => b.connector_templates.map((c) => c.id).filter((id): id is number => id !== undefined)));
  let nextSequence = 1;
  let nextId = 1;
  const seenSequences = new Map<number, number>();
  const seenIds = new Map<number, string>();
  const templates = bodies.map((body, index) => {
    const at = `evse_templates[${index}]`;
    let sequence = body.evse_sequence_number;
    if (sequence === undefined) {
      while (takenSequences.has(nextSequence)) nextSequence++;
      sequence = nextSequence;
      takenSequences.add(sequence);
    }
    if (seenSequences.has(sequence)) {
      problems.push({ field: `${at}.evse_sequence_number`, message: `evse_sequence_number ${sequence} is used by evse_templates[${seenSequences.get(sequence)}] too` });
    }
    seenSequences.set(sequence, index);
    const connectors = body.connector_templates.map((connector, c) => {
      const path = `${at}.connector_templates[${c}]`;
      let id = connector.id;
      if (id === undefined) {
        while (takenIds.has(nextId)) nextId++;
        id = nextId;
        takenIds.add(id);
      }
      if (seenIds.has(id)) problems.push({ field: `${path}.id`, message: `connector id ${id} is used by ${seenIds.get(id)} too` });
      seenIds.set(id, path);
      for (const problem of connectorProblems(connector)) problems.push({ field: `${path}.${problem.field}`, message: problem.message });
      return {
        id,
        standard: connector.standard,
        format: connector.format,
        power_type: connector.power_type,
        voltage: connector.voltage,
        amperage: connector.amperage,
        max_electric_power: connector.max_electric_power ?? null,
      };
    });
    return {
      evse_sequence_number: sequence,
      capabilities: body.capabilities ? [...body.capabilities] : null,
      connector_templates: connectors.sort((a, b) => a.id - b.id),
    };
  });
  return { templates: templates.sort((a, b) => a.evse_sequence_number - b.evse_sequence_number), problems };
}
