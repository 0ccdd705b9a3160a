import { createHash } from "node:crypto";
import { CountryEntry } from "#schema/countries";
import { Competence } from "../../subgraphs/national/src/modules/contact-point/competence.enum";

/**
 * Realistic but fictional demo contact points: agency-like names, `.example` addresses and numbers that
 * reach nobody. Keyed by country code; a country without an entry gets a generic office.
 */
export interface DemoOffice {
  organisation: string;
  city: string;
  callingCode: string;
  languages: string[];
  person: string;
}

const OFFICES: Record<string, DemoOffice> = {
  DK: {
    organisation: "Danish Centre against Human Trafficking",
    city: "Copenhagen",
    callingCode: "45",
    languages: ["da", "en"],
    person: "Mette Holm",
  },
  EE: {
    organisation: "Social Insurance Board, Child Protection Department",
    city: "Tallinn",
    callingCode: "372",
    languages: ["et", "en", "ru"],
    person: "Kadri Tamm",
  },
  FI: {
    organisation: "Assistance System for Victims of Human Trafficking",
    city: "Helsinki",
    callingCode: "358",
    languages: ["fi", "sv", "en"],
    person: "Aino Virtanen",
  },
  DE: {
    organisation: "Federal Contact Point for Unaccompanied Minors",
    city: "Berlin",
    callingCode: "49",
    languages: ["de", "en", "ar"],
    person: "Jonas Weber",
  },
  IS: {
    organisation: "National Agency for Children and Families",
    city: "Reykjavik",
    callingCode: "354",
    languages: ["is", "en"],
    person: "Sigrun Jonsdottir",
  },
  LV: {
    organisation: "State Inspectorate for Protection of Children's Rights",
    city: "Riga",
    callingCode: "371",
    languages: ["lv", "en", "ru"],
    person: "Ilze Berzina",
  },
  LT: {
    organisation: "State Child Rights Protection and Adoption Service",
    city: "Vilnius",
    callingCode: "370",
    languages: ["lt", "en", "ru", "pl"],
    person: "Ruta Kazlauskiene",
  },
  NO: {
    organisation: "Directorate for Children, Youth and Family Affairs",
    city: "Oslo",
    callingCode: "47",
    languages: ["no", "en"],
    person: "Ingrid Hansen",
  },
  PL: {
    organisation: "National Intervention Centre for Victims of Trafficking",
    city: "Warsaw",
    callingCode: "48",
    languages: ["pl", "en", "uk"],
    person: "Agnieszka Nowak",
  },
  SE: {
    organisation: "National Task Force against Human Trafficking",
    city: "Stockholm",
    callingCode: "46",
    languages: ["sv", "en", "ar"],
    person: "Karin Lindqvist",
  },
};

/** Stable ids, so seeding twice writes the same records instead of duplicates. */
function demoId(country: CountryEntry, slot: number): string {
  return createHash("sha256").update(`demo-contact-point:${country.code}:${slot}`).digest("hex").slice(0, 24);
}

/** The demo NCP office of a country: its city, calling code and languages serve the other demo records too. */
export function demoOffice(country: CountryEntry): DemoOffice {
  return (
    OFFICES[country.code] ?? {
      organisation: `${country.name} National Contact Point`,
      city: country.name,
      callingCode: "999",
      languages: ["en"],
      person: "Duty Officer",
    }
  );
}

/** A fictional number in the country's plan that reaches nobody. */
export function demoPhone(country: CountryEntry, suffix: string): string {
  const { callingCode } = demoOffice(country);
  return `+${callingCode}${"555000".slice(0, 9 - callingCode.length)}${suffix}`;
}

export function demoContactPoints(country: CountryEntry) {
  const office = demoOffice(country);
  const domain = `ncp.${country.code.toLowerCase()}.example`;
  const phone = (suffix: string) => demoPhone(country, suffix);
  return [
    {
      _id: demoId(country, 0),
      organisation: office.organisation,
      unit: "National Contact Point",
      email: `ncp@${domain}`,
      phone: phone("100"),
      languages: office.languages,
      address: `Demo Street 1, ${office.city}, ${country.name}`,
      workingHours: "Mon-Fri 08:00-16:00 local time",
      competences: [Competence.IDENTIFICATION, Competence.CARE, Competence.RETURN, Competence.REHABILITATION],
      person: office.person,
      directPhone: phone("101"),
      hotline24h: phone("199"),
      secureChannel: `x-road://${country.code}/ncp-child-protection`,
    },
    {
      _id: demoId(country, 1),
      organisation: office.organisation,
      unit: "Return and Reintegration Desk",
      email: `return@${domain}`,
      phone: phone("200"),
      languages: ["en", ...office.languages.slice(0, 1)].filter((l, i, all) => all.indexOf(l) === i),
      address: `Demo Street 1, ${office.city}, ${country.name}`,
      workingHours: "Mon-Fri 09:00-15:00 local time",
      competences: [Competence.RETURN, Competence.REHABILITATION],
      hotline24h: phone("199"),
    },
  ];
}
