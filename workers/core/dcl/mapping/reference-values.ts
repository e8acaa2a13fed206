// Reference values that let samples speak for themselves: ISO 4217 currency codes, ISO 3166
// country codes, country names in the languages we read, US/Canadian/Brazilian/Australian region
// codes, gender words, street-type words and company legal forms.

const set = (s: string) => new Set(s.split(' '))

// ISO 4217 (active codes).
export const CURRENCIES = set(
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF ' +
    'CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG ' +
    'HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA ' +
    'MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD ' +
    'RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD ' +
    'UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL',
)

// ISO 3166-1 alpha-2 and alpha-3.
export const COUNTRY_CODES_2 = set(
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA ' +
    'CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA ' +
    'GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
    'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS ' +
    'MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS ' +
    'RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW ' +
    'TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW UK',
)
export const COUNTRY_CODES_3 = set(
  'ARG AUS AUT BEL BGR BRA CAN CHE CHL CHN COL CZE DEU DNK EGY ESP EST FIN FRA GBR GRC HKG HRV HUN IDN IND IRL ISL ' +
    'ISR ITA JPN KOR LTU LUX LVA MAR MEX MYS NGA NLD NOR NZL PER PHL POL PRT ROU RUS SAU SGP SRB SVK SVN SWE THA TUR ' +
    'TWN UKR URY USA VNM ZAF ARE',
)

// Country names as exports write them, folded to lower case without accents.
export const COUNTRY_NAMES = new Set(
  [
    'united states',
    'united states of america',
    'usa',
    'u.s.',
    'u.s.a.',
    'america',
    'united kingdom',
    'great britain',
    'england',
    'scotland',
    'wales',
    'ireland',
    'canada',
    'mexico',
    'brazil',
    'brasil',
    'argentina',
    'chile',
    'colombia',
    'peru',
    'germany',
    'deutschland',
    'allemagne',
    'alemania',
    'alemanha',
    'germania',
    'duitsland',
    'france',
    'frankreich',
    'francia',
    'franca',
    'frankrijk',
    'spain',
    'spanien',
    'espagne',
    'espana',
    'espanha',
    'spagna',
    'spanje',
    'portugal',
    'italy',
    'italien',
    'italie',
    'italia',
    'italie',
    'netherlands',
    'the netherlands',
    'nederland',
    'niederlande',
    'pays-bas',
    'paises bajos',
    'holland',
    'belgium',
    'belgien',
    'belgique',
    'belgica',
    'belgie',
    'switzerland',
    'schweiz',
    'suisse',
    'suiza',
    'svizzera',
    'austria',
    'osterreich',
    'autriche',
    'sweden',
    'norway',
    'denmark',
    'finland',
    'poland',
    'polen',
    'pologne',
    'czech republic',
    'czechia',
    'hungary',
    'greece',
    'turkey',
    'russia',
    'ukraine',
    'romania',
    'india',
    'china',
    'japan',
    'south korea',
    'korea',
    'singapore',
    'australia',
    'new zealand',
    'south africa',
    'nigeria',
    'egypt',
    'israel',
    'united arab emirates',
    'saudi arabia',
    'luxembourg',
    'estados unidos',
    'reino unido',
    'royaume-uni',
    'vereinigtes konigreich',
    'vereinigte staaten',
    'etats-unis',
    'stati uniti',
    'verenigde staten',
  ].map((n) => n.normalize('NFKD').replace(/\p{M}/gu, '')),
)

// US states, Canadian provinces, Brazilian and Australian states (as 2-3 letter codes).
export const REGION_CODES = set(
  'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA ' +
    'RI SC SD TN TX UT VT VA WA WV WI WY DC AB BC MB NB NL NS NT NU ON PE QC SK YT AC AP AM BA CE DF ES GO MA MG MS MT ' +
    'PA PB PR PE PI RJ RN RS RO RR SC SP SE TO NSW VIC QLD TAS ACT',
)

export const GENDER_WORDS = set(
  'male female m f man woman men women other unknown diverse divers nonbinary non-binary x u mannlich weiblich ' +
    'homme femme masculin feminin masculino femenino feminino maschio femmina maschile femminile vrouw',
)

// Street-type words (end or start of a street line) in the languages we read.
export const STREET_WORDS = set(
  'st st. street rd rd. road ave ave. avenue blvd blvd. boulevard way lane ln ln. dr dr. drive ct court pl place ' +
    'sq square hwy highway pkwy parkway terrace ter cres crescent row strasse str str. weg allee platz gasse ring damm ' +
    'ufer rue av. bd chemin impasse quai calle c/ avenida avda paseo plaza camino carrer rua travessa largo praca via ' +
    'viale corso piazza vicolo straat laan plein gracht kade dijk singel',
)

// Legal forms and words that end company names.
export const COMPANY_WORDS = set(
  'inc inc. incorporated llc l.l.c. ltd ltd. limited corp corp. corporation co co. company gmbh ag kg ohg se ug sa ' +
    's.a. sas sarl s.a.r.l. sl s.l. slu spa s.p.a. srl s.r.l. bv b.v. nv n.v. oy ab as a/s aps pty plc llp lp ' +
    'group holdings holding industries enterprises technologies technology systems solutions logistics labs ' +
    'partners ventures consulting services international global gruppe ltda ltda. eireli me cia',
)
