import type { Permit, SandboxClub, SandboxMember, SandboxTokenGrant } from "./types";

/** Every permit the project's endpoints need (README "The endpoints this project calls"). */
export const PERMITS = {
  createRegistrationPassword: "BL:Api:Members:CreateRegistrationPassword",
  /** send_password_reset_token (Placewise MPC API v3 reference, Members > Send password reset token). */
  createToken: "BL:Api:Members:Tokens:Create",
  check: "BL:Api:Members:Check",
  listMyClubs: "BL:Api:LoyaltyClubs:ListMine",
  getClub: "BL:Api:LoyaltyClubs:Get",
  getSchema: "BL:Api:Schema:Get",
} as const satisfies Record<string, Permit>;

const ALL_PERMITS: Permit[] = Object.values(PERMITS);

/** Club main slugs of the seed data. */
export const SANDBOX_CLUBS = {
  /** NO, email + msisdn, languages en/no, default no; customer 447 as in the seed page. */
  infinityMall: "infinity-mall",
  /** SE, email only, languages sv/en. */
  harbourCentre: "harbour-centre",
  /** DK, msisdn only, languages da/en. */
  nordicOutlet: "nordic-outlet",
  /** Registration password not enabled: sends answer 402. */
  noRegistrationMall: "no-registration-mall",
  fjordSenteret: "fjord-senteret",
  helsinkiPlaza: "helsinki-plaza",
  balticGalleria: "baltic-galleria",
  nordlysKjopesenter: "nordlys-kjopesenter",
} as const;

/** Client tokens of the seed data; each one exists to produce one answer. */
export const SANDBOX_TOKENS = {
  /** Product `default`, every club, every permit. */
  full: "sandbox-token",
  /** Product `default`, every permit, only harbour-centre and infinity-mall. */
  second: "sandbox-token-2",
  /** Lacks CreateRegistrationPassword: sends answer 403. */
  noSendPermit: "sandbox-token-no-send",
  /** Lacks Members:Tokens:Create: password resets answer 403, registration sends still work. */
  noResetPermit: "sandbox-token-no-reset",
  /** Lacks LoyaltyClubs:Get and LoyaltyClubs:ListMine: club reads answer 403, sends still work. */
  noClubPermits: "sandbox-token-no-clubs",
  /** Lacks Members:Check: public_info answers 403. */
  noCheckPermit: "sandbox-token-no-check",
  /** Scoped to product `kiosk`: any other x-product-name answers 401. */
  kioskProduct: "sandbox-token-kiosk",
  /** Not a token the sandbox knows: answers 401. */
  unknown: "sandbox-token-unknown",
} as const;

/** The product name the seed tokens (all but the kiosk one) are scoped to. */
export const SANDBOX_PRODUCT = "default";

/** Member identifiers of the seed data; the comments say which clubs hold them. */
export const SANDBOX_MEMBERS = {
  /** infinity-mall, harbour-centre, no-registration-mall; the `+` tests path encoding. */
  anna: "anna+mall@example.no",
  /** infinity-mall and fjord-senteret; has_password true. */
  ola: "ola.nordmann@example.no",
  /** infinity-mall (with msisdn 4740769126) and harbour-centre. */
  kari: "kari@example.com",
  /** infinity-mall; an internationalised local part. */
  bjorn: "bjørn@eksempel.no",
  /** infinity-mall; a `/` in the local part (valid per RFC 5322) tests that %2F reaches the API. */
  slash: "team/support@example.no",
  /** infinity-mall; a `%` in the local part tests that %25 is decoded once only. */
  percent: "100%real@example.no",
  /** Norwegian mobile: infinity-mall (Kari), nordic-outlet, no-registration-mall. */
  norwegianMsisdn: "4740769126",
  /** Swedish mobile: harbour-centre (Sven). */
  swedishMsisdn: "46701234567",
  /** Danish mobile: nordic-outlet. */
  danishMsisdn: "4520123456",
  /** In no club: lookups answer 404 (send) or null (public_info). */
  unknownEmail: "nobody@example.no",
  /** In no club. */
  unknownMsisdn: "4799999999",
} as const;

/** The domain of the catch-all option used by bulk runs: every address there is a member. */
export const SANDBOX_BULK_DOMAIN = "bulk.example";

interface ClubSeed {
  id: number;
  customer_id: number;
  main_slug: string;
  short_slug: string;
  other_slugs?: string[];
  name: string;
  country: string;
  timezone: string;
  identifiers: SandboxClub["member_identifiers"];
  languages: string[];
  defaultLanguage: string;
  registration_password_enabled?: boolean;
}

function club(seed: ClubSeed): SandboxClub {
  return {
    id: seed.id,
    customer_id: seed.customer_id,
    main_slug: seed.main_slug,
    short_slug: seed.short_slug,
    other_slugs: seed.other_slugs ?? [],
    name: seed.name,
    country: seed.country,
    timezone: seed.timezone,
    member_identifiers: seed.identifiers,
    member_schema: {
      identifiers: seed.identifiers,
      languages: seed.languages,
      default_language: seed.defaultLanguage,
    },
    registration_password_enabled: seed.registration_password_enabled ?? true,
  };
}

/** Builds fresh copies of the seed clubs. */
export function seedClubs(): SandboxClub[] {
  return [
    club({
      id: 101,
      customer_id: 447,
      main_slug: SANDBOX_CLUBS.infinityMall,
      short_slug: "infinity",
      other_slugs: ["infinity-senter"],
      name: "Infinity Mall",
      country: "NO",
      timezone: "Europe/Oslo",
      identifiers: ["email", "msisdn"],
      languages: ["en", "no"],
      defaultLanguage: "no",
    }),
    club({
      id: 102,
      customer_id: 512,
      main_slug: SANDBOX_CLUBS.harbourCentre,
      short_slug: "harbour",
      name: "Harbour Centre",
      country: "SE",
      timezone: "Europe/Stockholm",
      identifiers: ["email"],
      languages: ["sv", "en"],
      defaultLanguage: "sv",
    }),
    club({
      id: 103,
      customer_id: 613,
      main_slug: SANDBOX_CLUBS.nordicOutlet,
      short_slug: "nordic",
      name: "Nordic Outlet",
      country: "DK",
      timezone: "Europe/Copenhagen",
      identifiers: ["msisdn"],
      languages: ["da", "en"],
      defaultLanguage: "da",
    }),
    club({
      id: 104,
      customer_id: 447,
      main_slug: SANDBOX_CLUBS.noRegistrationMall,
      short_slug: "noreg",
      name: "No Registration Mall",
      country: "NO",
      timezone: "Europe/Oslo",
      identifiers: ["email", "msisdn"],
      languages: ["no", "en"],
      defaultLanguage: "no",
      registration_password_enabled: false,
    }),
    club({
      id: 105,
      customer_id: 447,
      main_slug: SANDBOX_CLUBS.fjordSenteret,
      short_slug: "fjord",
      name: "Fjord Senteret",
      country: "NO",
      timezone: "Europe/Oslo",
      identifiers: ["email", "msisdn"],
      languages: ["no", "en"],
      defaultLanguage: "no",
    }),
    club({
      id: 106,
      customer_id: 720,
      main_slug: SANDBOX_CLUBS.helsinkiPlaza,
      short_slug: "hplaza",
      name: "Helsinki Plaza",
      country: "FI",
      timezone: "Europe/Helsinki",
      identifiers: ["email", "msisdn"],
      languages: ["fi", "sv", "en"],
      defaultLanguage: "fi",
    }),
    club({
      id: 107,
      customer_id: 815,
      main_slug: SANDBOX_CLUBS.balticGalleria,
      short_slug: "baltic",
      name: "Baltic Galleria",
      country: "PL",
      timezone: "Europe/Warsaw",
      identifiers: ["email"],
      languages: ["pl", "en"],
      defaultLanguage: "pl",
    }),
    club({
      id: 108,
      customer_id: 447,
      main_slug: SANDBOX_CLUBS.nordlysKjopesenter,
      short_slug: "nordlys",
      other_slugs: ["nordlys"],
      name: "Nordlys Kjøpesenter",
      country: "NO",
      timezone: "Europe/Oslo",
      identifiers: ["email", "msisdn"],
      languages: ["no", "en"],
      defaultLanguage: "no",
    }),
  ];
}

/** Builds fresh copies of the seed members, by club main slug. */
export function seedMembers(): Record<string, SandboxMember[]> {
  const m = SANDBOX_MEMBERS;
  return {
    [SANDBOX_CLUBS.infinityMall]: [
      { email: m.anna, has_password: false },
      { email: m.ola, has_password: true },
      { email: m.kari, msisdn: m.norwegianMsisdn, has_password: false },
      { email: m.bjorn, has_password: false },
      { email: m.slash, has_password: false },
      { email: m.percent, has_password: false },
    ],
    [SANDBOX_CLUBS.harbourCentre]: [
      { email: m.anna, has_password: false },
      { email: m.kari, has_password: true },
      { email: "sven.svensson@example.se", msisdn: m.swedishMsisdn, has_password: false },
    ],
    [SANDBOX_CLUBS.nordicOutlet]: [
      { msisdn: m.danishMsisdn, has_password: false },
      { msisdn: m.norwegianMsisdn, has_password: true },
    ],
    [SANDBOX_CLUBS.noRegistrationMall]: [
      { email: m.anna, has_password: false },
      { msisdn: m.norwegianMsisdn, has_password: false },
    ],
    [SANDBOX_CLUBS.fjordSenteret]: [
      { email: m.ola, has_password: true },
      { email: "liv@example.no", msisdn: "4791234567", has_password: false },
    ],
    [SANDBOX_CLUBS.helsinkiPlaza]: [
      { email: "aino@example.fi", msisdn: "358401234567", has_password: false },
    ],
    [SANDBOX_CLUBS.balticGalleria]: [{ email: "zofia@example.pl", has_password: false }],
    [SANDBOX_CLUBS.nordlysKjopesenter]: [{ email: "sigrid@example.no", has_password: false }],
  };
}

/** Builds fresh copies of the seed token grants. */
export function seedTokens(): Record<string, SandboxTokenGrant> {
  const without = (...missing: Permit[]): Permit[] =>
    ALL_PERMITS.filter((permit) => !missing.includes(permit));
  return {
    [SANDBOX_TOKENS.full]: { product: SANDBOX_PRODUCT, permits: [...ALL_PERMITS], clubs: "all" },
    [SANDBOX_TOKENS.second]: {
      product: SANDBOX_PRODUCT,
      permits: [...ALL_PERMITS],
      clubs: [SANDBOX_CLUBS.harbourCentre, SANDBOX_CLUBS.infinityMall],
    },
    [SANDBOX_TOKENS.noSendPermit]: {
      product: SANDBOX_PRODUCT,
      permits: without(PERMITS.createRegistrationPassword),
      clubs: "all",
    },
    [SANDBOX_TOKENS.noResetPermit]: {
      product: SANDBOX_PRODUCT,
      permits: without(PERMITS.createToken),
      clubs: "all",
    },
    [SANDBOX_TOKENS.noClubPermits]: {
      product: SANDBOX_PRODUCT,
      permits: without(PERMITS.getClub, PERMITS.listMyClubs),
      clubs: "all",
    },
    [SANDBOX_TOKENS.noCheckPermit]: {
      product: SANDBOX_PRODUCT,
      permits: without(PERMITS.check),
      clubs: "all",
    },
    [SANDBOX_TOKENS.kioskProduct]: { product: "kiosk", permits: [...ALL_PERMITS], clubs: "all" },
  };
}
