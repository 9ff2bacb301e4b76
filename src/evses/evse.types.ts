export const CAPABILITIES = ['CREDIT_CARD_PAYABLE', 'REMOTE_START_STOP_CAPABLE', 'RFID_READER'] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const PARKING_RESTRICTIONS = ['EV_ONLY', 'PLUGGED', 'DISABLED', 'CUSTOMERS', 'MOTORCYCLES'] as const;
export type ParkingRestriction = (typeof PARKING_RESTRICTIONS)[number];

export const IMAGE_CATEGORIES = ['CHARGER', 'ENTRANCE', 'LOCATION', 'NETWORK', 'OPERATOR', 'OTHER', 'OWNER'] as const;
export type ImageCategory = (typeof IMAGE_CATEGORIES)[number];

/** OCPI Image. */
export interface OcpiImage {
  url: string;
  thumbnail: string | null;
  category: ImageCategory;
  type: string;
  width: number | null;
  height: number | null;
}
