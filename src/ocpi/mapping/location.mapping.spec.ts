import fc from 'fast-check';
import { ocpiErrors } from '../../../test/ocpi/ocpi-schemas.js';
import { ACME, aConnector, aLocation, anEvse, aStation, serviceLocationSource } from '../../../test/ocpi/service-objects.js';
import type { ChargeStationDto } from '../../charge-stations/dto/charge-station.dto.js';
import type { Hours } from '../../common/ocpi/ocpi.types.js';
import type { LocationDto } from '../../locations/dto/location.dto.js';
import type { OcpiLocation } from '../ocpi-2.2.1.types.js';
import { ocpiConnectorOf, ocpiEvseOf, toOcpiLocation, type MappedLocation, type OcpiLocationSource } from './location.mapping.js';

const source = (overrides: Partial<OcpiLocationSource> = {}): OcpiLocationSource => ({
  cpo: ACME,
  location: aLocation(),
  stations: [aStation()],
  publishedEvseUids: new Set(),
  ...overrides,
});

function published(result: MappedLocation): OcpiLocation {
  if (!result.publishable) throw new Error(`not publishable: ${result.reasons.join('; ')}`);
  expect(ocpiErrors('location', result.location)).toEqual([]);
  return result.location;
}

function refused(result: MappedLocation): string[] {
  if (result.publishable) throw new Error('publishable');
  return result.reasons;
}

describe('toOcpiLocation: the fields', () => {
  it('maps a location with one Production station', () => {
    const result = toOcpiLocation(
      source({
        location: aLocation({
          state: 'Noord-Holland',
          address_line_2: 'Unit 4',
          directions: [{ language: 'en', text: 'Follow P1' }],
          facilities: ['TRAIN_STATION', 'WIFI'],
          opening_times: { twentyfourseven: true },
          remarks: 'internal',
          energy_mix: { energy_mix_profile_id: 'green-2026' },
        }),
      }),
    );
    expect(published(result)).toEqual({
      country_code: 'NL',
      party_id: 'ACM',
      id: 'LOC-AMS-0042',
      publish: true,
      name: 'Central Station P1',
      address: 'Stationsplein 1',
      city: 'Amsterdam',
      postal_code: '1012AB',
      state: 'Noord-Holland',
      country: 'NLD',
      coordinates: { latitude: '52.37403', longitude: '4.88969' },
      parking_type: 'PARKING_GARAGE',
      evses: [
        {
          uid: 'NL-ACM-ECS-0001-1',
          evse_id: 'NL*ACM*ECS0001*1',
          status: 'AVAILABLE',
          capabilities: ['RFID_READER'],
          connectors: [
            {
              id: '1',
              standard: 'IEC_62196_T2',
              format: 'SOCKET',
              power_type: 'AC_3_PHASE',
              max_voltage: 230,
              max_amperage: 32,
              max_electric_power: 22000,
              tariff_ids: ['TARIFF-STD'],
              last_updated: '2026-11-02T09:30:00.000Z',
            },
          ],
          last_updated: '2026-11-02T09:30:00.000Z',
        },
      ],
      directions: [{ language: 'en', text: 'Follow P1' }],
      operator: { name: 'Acme Charging' },
      facilities: ['TRAIN_STATION', 'WIFI'],
      time_zone: 'Europe/Amsterdam',
      opening_times: { twentyfourseven: true },
      last_updated: '2026-11-02T09:30:00.000Z',
    });
    expect(result.problems).toEqual([]);
  });

  it.each([
    ['ON_STREET', 'ON_STREET'],
    ['PARKING_GARAGE', 'PARKING_GARAGE'],
    ['UNDERGROUND_GARAGE', 'UNDERGROUND_GARAGE'],
    ['PARKING_LOT', 'PARKING_LOT'],
    ['OTHER', undefined],
    ['UNKNOWN', undefined],
  ] as [LocationDto['type'], string | undefined][])('type %s → parking_type %s', (type, parkingType) => {
    const result = toOcpiLocation(source({ location: aLocation({ type }) }));
    expect(published(result).parking_type).toBe(parkingType);
    expect(result.problems).toEqual([]);
  });

  it.each([true, false])('publish %s is sent as it is', (publish) => {
    expect(published(toOcpiLocation(source({ location: aLocation({ publish }) }))).publish).toBe(publish);
  });

  it('country_code and party_id come from the CPO, operator from its name; the country is sent upper-case', () => {
    const location = published(toOcpiLocation(source({ cpo: { countryCode: 'BE', partyId: 'BEC', name: 'BeCharged' }, location: aLocation({ country: 'bel', time_zone: null }) })));
    expect(location).toEqual(expect.objectContaining({ country_code: 'BE', party_id: 'BEC', operator: { name: 'BeCharged' }, country: 'BEL', time_zone: 'Europe/Brussels' }));
  });

  it('empty optional texts are left out quietly: they say nothing', () => {
    const result = toOcpiLocation(source({ location: aLocation({ state: '', postal_code: '' }) }));
    expect(published(result)).not.toHaveProperty('state');
    expect(published(result)).not.toHaveProperty('postal_code');
    expect(result.problems).toEqual([]);
  });
});

describe('toOcpiLocation: time_zone', () => {
  it('the location’s own time zone wins', () => {
    expect(published(toOcpiLocation(source({ location: aLocation({ country: 'ESP', time_zone: 'Atlantic/Canary' }) }))).time_zone).toBe('Atlantic/Canary');
  });

  it.each([
    ['NLD', 'Europe/Amsterdam'],
    ['DEU', 'Europe/Berlin'],
    ['FRA', 'Europe/Paris'],
  ])('without one, a location in %s gets %s', (country, zone) => {
    expect(published(toOcpiLocation(source({ location: aLocation({ country, time_zone: null }) }))).time_zone).toBe(zone);
  });

  it.each([
    ['ESP', 'has 2 time zones'],
    ['USA', 'has 8 time zones'],
    ['ATA', 'has 8 time zones'],
    ['BVT', 'has no time zone'],
  ])('without one, a location in %s is not publishable: the country %s', (country, reason) => {
    expect(refused(toOcpiLocation(source({ location: aLocation({ country, time_zone: null }) })))).toEqual([
      expect.stringMatching(new RegExp(`^time_zone is missing and .*${reason}`)),
    ]);
  });

  it('a time zone this Node does not know is reported, and the country’s is used', () => {
    const result = toOcpiLocation(source({ location: aLocation({ time_zone: 'Europe/Atlantis' }) }));
    expect(published(result).time_zone).toBe('Europe/Amsterdam');
    expect(result.problems).toEqual([{ path: 'time_zone', reason: expect.stringContaining('derived from the country instead') }]);
  });
});

describe('toOcpiLocation: which EVSEs are published', () => {
  /** [deploy state, at this location?, EVSE status, published before?, what is sent] */
  const TABLE: [ChargeStationDto['deploy_state'], boolean, string, boolean, string | undefined][] = [
    ['Production', true, 'AVAILABLE', false, 'AVAILABLE'],
    ['Production', true, 'UNKNOWN', true, 'UNKNOWN'],
    ['Production', true, 'CHARGING', true, 'CHARGING'],
    ['Production', true, 'REMOVED', true, 'REMOVED'],
    ['Production', true, 'REMOVED', false, undefined],
    ['Stock', true, 'AVAILABLE', false, undefined],
    ['Stock', true, 'AVAILABLE', true, 'REMOVED'],
    ['Deprecated', true, 'AVAILABLE', false, undefined],
    ['Deprecated', true, 'REMOVED', true, 'REMOVED'],
    ['Production', false, 'AVAILABLE', true, 'REMOVED'],
    ['Production', false, 'AVAILABLE', false, undefined],
  ];

  it.each(TABLE)('%s station, here: %s, EVSE %s, published before: %s → %s', (deployState, here, status, before, sent) => {
    const station = aStation({ deploy_state: deployState, location_id: here ? 'loc-ams-0042' : 'LOC-UTRECHT-1', evses: [anEvse({ status: status as never })] });
    const result = toOcpiLocation(source({ stations: [station], publishedEvseUids: new Set(before ? ['nl-acm-ecs-0001-1'] : []) }));
    expect(published(result).evses?.map((evse) => evse.status)).toEqual(sent ? [sent] : []);
    expect(result.problems).toEqual([]);
  });

  it('a station given both before and after a move: the EVSE is published once, live where it is', () => {
    const here = aStation({ evses: [anEvse({ status: 'CHARGING' })] });
    const movedAway = aStation({ location_id: 'LOC-UTRECHT-1', evses: [anEvse({ status: 'CHARGING' })] });
    for (const stations of [[here, movedAway], [movedAway, here]]) {
      const evses = published(toOcpiLocation(source({ stations, publishedEvseUids: new Set(['NL-ACM-ECS-0001-1']) }))).evses;
      expect(evses?.map((evse) => evse.status)).toEqual(['CHARGING']);
    }
  });

  it('a location without published EVSEs is still a Location, with an empty list', () => {
    expect(published(toOcpiLocation(source({ stations: [] }))).evses).toEqual([]);
  });

  it('its last_updated is the latest of its own and its published EVSEs’ and connectors’', () => {
    const station = aStation({
      evses: [
        anEvse({ uid: 'E1', last_updated: '2026-11-10T00:00:00.000Z' }),
        anEvse({ uid: 'E2', connectors: [aConnector({ last_updated: '2026-11-12T08:00:00.000Z' })] }),
        anEvse({ uid: 'E3', status: 'REMOVED', last_updated: '2026-12-24T00:00:00.000Z' }),
      ],
    });
    expect(published(toOcpiLocation(source({ stations: [station] }))).last_updated).toBe('2026-11-12T08:00:00.000Z');
    expect(published(toOcpiLocation(source({ stations: [station], publishedEvseUids: new Set(['E3']) }))).last_updated).toBe('2026-12-24T00:00:00.000Z');
    expect(published(toOcpiLocation(source({ location: aLocation({ last_updated: '2027-01-01T00:00:00.000Z' }), stations: [station] }))).last_updated).toBe('2027-01-01T00:00:00.000Z');
  });

  it('an EVSE that cannot be made valid is left out and reported; the others are published', () => {
    const station = aStation({ evses: [anEvse({ uid: 'E1', status: 'OFFLINE' as never }), anEvse({ uid: 'E2' })] });
    const result = toOcpiLocation(source({ stations: [station] }));
    expect(published(result).evses?.map((evse) => evse.uid)).toEqual(['E2']);
    expect(result.problems).toEqual([{ path: 'evses[uid=E1].status', reason: expect.stringContaining('the EVSE is left out') }]);
  });

  it('ocpiEvseOf and ocpiConnectorOf find objects case-insensitively', () => {
    const location = published(toOcpiLocation(source()));
    const evse = ocpiEvseOf(location, 'nl-acm-ecs-0001-1');
    expect(evse?.uid).toBe('NL-ACM-ECS-0001-1');
    expect(evse && ocpiConnectorOf(evse, '1')?.id).toBe('1');
    expect(ocpiEvseOf(location, 'E-404')).toBeUndefined();
    expect(evse && ocpiConnectorOf(evse, '9')).toBeUndefined();
  });
});

describe('toOcpiLocation: what cannot be made valid', () => {
  it.each([
    ['no coordinates', { location: aLocation({ coordinates: null }) }, 'coordinates are missing'],
    ['coordinates OCPI cannot read', { location: aLocation({ coordinates: { latitude: '52.37', longitude: '4.88969' } }) }, 'coordinates cannot be written'],
    ['an address with a line break', { location: aLocation({ address: 'Stationsplein 1\nAmsterdam' }) }, 'address contains a control character'],
    ['an empty city', { location: aLocation({ city: '' }) }, 'city is empty'],
    ['an id that is not ASCII', { location: aLocation({ id: 'LOC-Zürich' }) }, 'id contains a character outside printable ASCII'],
    ['a country that is not ISO 3166-1 alpha-3', { location: aLocation({ country: 'XXX' }) }, 'country "XXX" is not an ISO 3166-1 alpha-3 code'],
    ['a CPO country_code of three letters', { cpo: { ...ACME, countryCode: 'NLD' } }, "the CPO's country_code is 3 characters long"],
    ['a CPO party_id of two characters', { cpo: { ...ACME, partyId: 'AC' } }, "the CPO's party_id is shorter than 3 characters"],
    ['a last_updated OCPI cannot write', { location: aLocation({ last_updated: 'never' }) }, 'last_updated "never" is not an RFC 3339 timestamp'],
  ] as [string, Partial<OcpiLocationSource>, string][])('a location with %s is not publishable, and says why', (_, overrides, reason) => {
    expect(refused(toOcpiLocation(source(overrides)))).toEqual([expect.stringContaining(reason)]);
  });

  it('every reason is listed, not only the first', () => {
    expect(refused(toOcpiLocation(source({ location: aLocation({ coordinates: null, country: 'USA', time_zone: null }) })))).toHaveLength(2);
  });

  it('coordinates with 7 decimals that do not fit are rounded and reported', () => {
    const result = toOcpiLocation(source({ location: aLocation({ country: 'AUS', time_zone: 'Australia/Sydney', coordinates: { latitude: '-33.8688197', longitude: '151.2092955' } }) }));
    expect(published(result).coordinates).toEqual({ latitude: '-33.868820', longitude: '151.2092955' });
    expect(result.problems).toEqual([{ path: 'coordinates.latitude', reason: expect.stringContaining('rounded from -33.8688197 to -33.868820') }]);
  });

  /** [what, location overrides or a CPO, problem path, the field left out] */
  const OPTIONAL: [string, Partial<OcpiLocationSource>, string, string][] = [
    ['a name with a line break', { location: aLocation({ name: 'P1\nCentral' }) }, 'name', 'name'],
    ['a postal code with a tab', { location: aLocation({ postal_code: '1012\tAB' }) }, 'postal_code', 'postal_code'],
    ['a state with a control character', { location: aLocation({ state: 'N\u0085H' }) }, 'state', 'state'],
    ['a type OCPI has no ParkingType for', { location: aLocation({ type: 'ALONG_THE_CANAL' as never }) }, 'parking_type', 'parking_type'],
    ['a facility OCPI lacks', { location: aLocation({ facilities: ['GYM' as never] }) }, 'facilities[0]', 'facilities'],
    ['directions with a line break', { location: aLocation({ directions: [{ language: 'en', text: 'a\nb' }] }) }, 'directions[0].text', 'directions'],
    ['a CPO name over OCPI’s 100 characters', { cpo: { ...ACME, name: 'A'.repeat(101) } }, 'operator.name', 'operator'],
  ];

  it.each(OPTIONAL)('%s: left out and reported', (_, overrides, path, field) => {
    const result = toOcpiLocation(source(overrides));
    expect(published(result)).not.toHaveProperty(field);
    expect(result.problems).toEqual([{ path, reason: expect.stringMatching(/left out$/) }]);
  });
});

describe('toOcpiLocation: opening_times, whole or not at all', () => {
  const open = (hours: Hours) => toOcpiLocation(source({ location: aLocation({ opening_times: hours }) }));

  it('regular hours and exceptions; timestamps with an offset or a plain date become UTC', () => {
    const result = open({
      twentyfourseven: false,
      regular_hours: [
        { weekday: 1, period_begin: '07:00', period_end: '18:00' },
        { weekday: 6, period_begin: '09:00', period_end: '12:30' },
      ],
      exceptional_openings: [{ period_begin: '2026-06-21T09:00:00+02:00', period_end: '2026-06-21T12:00:00Z' }],
      exceptional_closings: [{ period_begin: '2026-12-25', period_end: '2026-12-26T00:00:00.000Z' }],
    });
    expect(published(result).opening_times).toEqual({
      twentyfourseven: false,
      regular_hours: [
        { weekday: 1, period_begin: '07:00', period_end: '18:00' },
        { weekday: 6, period_begin: '09:00', period_end: '12:30' },
      ],
      exceptional_openings: [{ period_begin: '2026-06-21T07:00:00.000Z', period_end: '2026-06-21T12:00:00Z' }],
      exceptional_closings: [{ period_begin: '2026-12-25T00:00:00.000Z', period_end: '2026-12-26T00:00:00.000Z' }],
    });
    expect(result.problems).toEqual([]);
  });

  it.each([
    ['24:00, which OCPI cannot write', { twentyfourseven: false, regular_hours: [{ weekday: 1, period_begin: '08:00', period_end: '24:00' }] }, ['regular_hours[0].period_end']],
    ['a period across midnight', { twentyfourseven: false, regular_hours: [{ weekday: 5, period_begin: '22:00', period_end: '06:00' }] }, ['regular_hours[0].period_end']],
    ['an empty period', { twentyfourseven: false, regular_hours: [{ weekday: 5, period_begin: '08:00', period_end: '08:00' }] }, ['regular_hours[0].period_end']],
    ['twentyfourseven with regular hours', { twentyfourseven: true, regular_hours: [{ weekday: 1, period_begin: '08:00', period_end: '18:00' }] }, ['regular_hours']],
    ['no regular hours without twentyfourseven', { twentyfourseven: false, exceptional_openings: [{ period_begin: '2026-06-21T09:00:00Z', period_end: '2026-06-21T12:00:00Z' }] }, ['regular_hours']],
    ['an exception OCPI cannot write', { twentyfourseven: true, exceptional_closings: [{ period_begin: '2026-12-25T00:00:00.0000001Z', period_end: '2026-12-26T00:00:00Z' }] }, ['exceptional_closings[0].period_begin']],
    ['one bad day among good ones', { twentyfourseven: false, regular_hours: [{ weekday: 1, period_begin: '08:00', period_end: '18:00' }, { weekday: 2, period_begin: '08:00', period_end: '24:00' }] }, ['regular_hours[1].period_end']],
  ] as [string, Hours, string[]][])('%s: opening_times is left out and reported', (_, hours, paths) => {
    const result = open(hours);
    expect(published(result)).not.toHaveProperty('opening_times');
    expect(result.problems).toEqual(paths.map((path) => ({ path: `opening_times.${path}`, reason: expect.stringMatching(/opening_times is left out$/) })));
  });
});

describe('toOcpiLocation over any valid data of ours (fast-check)', () => {
  it('gives a schema-valid Location, or reasons; what is not sent is reported', () => {
    fc.assert(
      fc.property(serviceLocationSource, (input) => {
        const result = toOcpiLocation(input);
        if (!result.publishable) {
          expect(result.reasons.length).toBeGreaterThan(0);
          return;
        }
        const { location, problems } = result;
        expect(ocpiErrors('location', location)).toEqual([]);
        for (const evse of location.evses ?? []) {
          expect(ocpiErrors('evse', evse)).toEqual([]);
          for (const connector of evse.connectors) expect(ocpiErrors('connector', connector)).toEqual([]);
        }
        const reported = (prefix: string) => problems.some((problem) => problem.path.startsWith(prefix));
        const sent = new Map((location.evses ?? []).map((evse) => [evse.uid, evse]));
        for (const station of input.stations) {
          const live = station.location_id === input.location.id && station.deploy_state === 'Production';
          for (const evse of station.evses) {
            const expected = live && evse.status !== 'REMOVED' ? evse.status : [...input.publishedEvseUids].some((uid) => uid.toLowerCase() === evse.uid.toLowerCase()) ? 'REMOVED' : undefined;
            const out = sent.get(evse.uid);
            if (expected === undefined) expect(out).toBeUndefined();
            else if (out) {
              expect(out.status).toBe(expected);
              for (const connector of evse.connectors) {
                if (!out.connectors.some((c) => c.id === connector.id)) expect(reported(`evses[uid=${evse.uid}].connectors[id=${connector.id}]`)).toBe(true);
              }
            } else expect(reported(`evses[uid=${evse.uid}]`)).toBe(true);
          }
        }
        for (const field of ['name', 'postal_code', 'state', 'opening_times', 'directions', 'facilities'] as const) {
          const given = input.location[field];
          if (given !== null && given !== '' && !(Array.isArray(given) && given.length === 0) && location[field] === undefined) {
            expect([field, reported(field)]).toEqual([field, true]);
          }
        }
      }),
      { numRuns: 300, seed: 19 },
    );
  });
});
