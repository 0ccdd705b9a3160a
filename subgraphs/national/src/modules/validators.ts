import { ValidateBy } from "class-validator";
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
