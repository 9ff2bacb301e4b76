import { connectorPower, connectorSpeed, stationChargingSpeed, type ConnectorRating } from './charging-speed.js';

const connector = (
  power_type: string,
  voltage: number,
  amperage: number,
  max_electric_power?: number | null,
): ConnectorRating => ({ power_type, voltage, amperage, max_electric_power });

describe('connectorPower (W)', () => {
  it.each([
    ['AC_1_PHASE: voltage × amperage', connector('AC_1_PHASE', 230, 16), 3680],
    ['AC_3_PHASE: voltage × amperage × 3', connector('AC_3_PHASE', 230, 32), 22080],
    ['DC: voltage × amperage', connector('DC', 400, 125), 50000],
    ['AC_1_PHASE: max_electric_power wins', connector('AC_1_PHASE', 230, 16, 3000), 3000],
    ['AC_3_PHASE: max_electric_power wins, not multiplied', connector('AC_3_PHASE', 230, 32, 11000), 11000],
    ['DC: max_electric_power wins', connector('DC', 920, 500, 350000), 350000],
    ['max_electric_power null → computed', connector('AC_3_PHASE', 400, 16, null), 19200],
    ['max_electric_power undefined → computed', connector('DC', 500, 200, undefined), 100000],
  ])('%s', (_label, c, expected) => {
    expect(connectorPower(c)).toBe(expected);
  });
});

describe('connectorSpeed', () => {
  it.each([
    ['AC_1_PHASE → Slow', connector('AC_1_PHASE', 230, 16), 'Slow'],
    ['AC_3_PHASE → Slow', connector('AC_3_PHASE', 400, 63), 'Slow'],
    ['AC above 100 kW → still Slow', connector('AC_3_PHASE', 1000, 1000), 'Slow'],
    ['AC with max_electric_power above 100 kW → still Slow', connector('AC_1_PHASE', 230, 16, 200000), 'Slow'],
    ['DC 50 kW → Fast', connector('DC', 400, 125), 'Fast'],
    ['DC exactly 100 kW → Fast', connector('DC', 500, 200), 'Fast'],
    ['DC 100 001 W → Rapid', connector('DC', 500, 200, 100001), 'Rapid'],
    ['DC 150 kW → Rapid', connector('DC', 500, 300), 'Rapid'],
    ['DC max_electric_power 50 kW caps 200 kW of V × A → Fast', connector('DC', 500, 400, 50000), 'Fast'],
    ['DC max_electric_power 150 kW over 50 kW of V × A → Rapid', connector('DC', 500, 100, 150000), 'Rapid'],
  ])('%s', (_label, c, expected) => {
    expect(connectorSpeed(c)).toBe(expected);
  });
});

describe('stationChargingSpeed', () => {
  const slow = connector('AC_3_PHASE', 230, 32);
  const fast = connector('DC', 400, 125);
  const rapid = connector('DC', 800, 500);

  it.each([
    ['all Slow → Slow', [slow, slow], 'Slow'],
    ['one Slow → Slow', [slow], 'Slow'],
    ['all Fast → Fast', [fast, fast], 'Fast'],
    ['one Fast → Fast', [fast], 'Fast'],
    ['all Rapid → Rapid', [rapid, rapid], 'Rapid'],
    ['one Rapid → Rapid', [rapid], 'Rapid'],
    ['AC and DC Fast → Mix_AC_DC', [slow, fast], 'Mix_AC_DC'],
    ['AC and DC Rapid → Mix_AC_DC', [rapid, slow], 'Mix_AC_DC'],
    ['AC, DC Fast and DC Rapid → Mix_AC_DC', [fast, slow, rapid], 'Mix_AC_DC'],
    ['Fast and Rapid DC → Mix_DC', [fast, rapid], 'Mix_DC'],
    ['Fast and Rapid DC, repeated → Mix_DC', [rapid, fast, rapid, fast], 'Mix_DC'],
    ['no connectors → null', [], null],
  ])('%s', (_label, connectors, expected) => {
    expect(stationChargingSpeed(connectors)).toBe(expected);
  });
});
