// The regions a tenant's default phone region may be: libphonenumber-js's (the library that reads the
// numbers), named for people with Intl.DisplayNames. Client-safe: the settings select and the server's
// validation use the same list.
import { getCountries, getCountryCallingCode, isSupportedCountry, type CountryCode } from "libphonenumber-js";

export interface PhoneRegionOption {
  code: CountryCode;
  /** "United Kingdom" (the code itself where the runtime has no name for it). */
  name: string;
  /** "+44" */
  callingCode: string;
}

export function isPhoneRegionCode(code: string): code is CountryCode {
  return isSupportedCountry(code);
}

/** Every region, sorted by its name in `locale`. */
export function phoneRegionOptions(locale = "en"): PhoneRegionOption[] {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([locale], { type: "region", fallback: "code" });
  } catch {
    // A runtime without region names: codes only.
  }
  const collator = new Intl.Collator(locale);
  return getCountries()
    .map((code) => ({ code, name: names?.of(code) ?? code, callingCode: `+${getCountryCallingCode(code)}` }))
    .sort((a, b) => collator.compare(a.name, b.name));
}
