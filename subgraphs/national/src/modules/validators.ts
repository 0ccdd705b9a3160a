import { Matches, ValidateBy } from "class-validator";
import ISO6391 from "iso-639-1";

/** Each element must be an ISO 639-1 language code. */
export const IsLanguageCode = () =>
  ValidateBy(
    {
      name: "isLanguageCode",
      validator: {
        validate: (value: unknown) => typeof value === "string" && ISO6391.validate(value),
        defaultMessage: (args) =>
          `'${String(args?.value)}' is not an ISO 639-1 language code (e.g. en, sv, lt)`,
      },
    },
    { each: true },
  );

const E164 = /^\+[1-9]\d{6,14}$/;

/** An E.164 phone number. */
export const IsPhoneNumber = () =>
  Matches(E164, { message: "must be an E.164 phone number such as +46812345678" });
