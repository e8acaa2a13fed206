// Closed word lists the person detector reads. All entries are folded (see fold.ts): lower case, no
// diacritics. Lists of names themselves live in lexicon.ts.

const words = (text: string): ReadonlySet<string> => new Set(text.trim().split(/\s+/))

/** Honorifics before a name; the name after one is a person whatever its spelling. */
export const TITLES = words(`
  mr mrs ms miss mx mister dr doctor prof professor sir dame lady lord madam madame mme mlle monsieur
  herr frau fraulein sr sra srta senor senora senorita sig signor signora signorina dona rev reverend fr
  father sister brother capt captain col colonel gen general lt lieutenant sgt sergeant maj major cmdr
  hon honorable judge justice pres president gov governor sen senator rep representative mayor officer
  det detective insp inspector agent coach uncle aunt auntie grandma grandpa cousin
`)

/** Titles that are also ordinary words: only an honorific when capitalised or followed by a period. */
export const WEAK_TITLES = words(`
  father sister brother general major judge justice president governor senator representative mayor officer
  detective inspector agent coach uncle aunt auntie grandma grandpa cousin captain colonel doctor professor
  lady lord dame sir
`)

/** Name particles, written lower case inside a name: Willemine ten Pas, Ludwig van Beethoven. */
export const NAME_PARTICLES = words(`
  van von der den ten ter de del della delle dei degli di da das do dos du des la le lo el al bin ibn ben
  bint af av zu y e st saint mac
`)

/** Letters after a name: Kathrine Filemonsen DDS, Martin Luther King Jr. */
export const NAME_SUFFIXES = words(`jr sr ii iii iv phd md dds dmd esq cpa rn mba jd dvm do`)

/** Words that open a name after them: "My name is …", "call me …", "Dear …". Multi-word ones are matched
 * against the words just before the candidate, nearest last. */
export const STRONG_TRIGGERS: readonly (readonly string[])[] = [
  ['name', 'is'],
  ['name', "'s"],
  ['names', 'are'],
  ['name', 'was'],
  ['named'],
  ['call', 'me'],
  ['called'],
  ['known', 'as'],
  ['aka'],
  ['i', 'am'],
  ["i'm"],
  ['im'],
  ['this', 'is'],
  ['dear'],
  ['hi'],
  ['hello'],
  ['hey'],
  ['hiya'],
  ['greetings'],
  ['thanks'],
  ['thank', 'you'],
  ['regards'],
  ['best', 'wishes'],
  ['best'],
  ['yours'],
  ['warmly'],
  ['sincerely'],
  ['cheers'],
  ['signed'],
  ['attn'],
  ['attention'],
  ['cc'],
  ['user'],
  ['customer'],
  ['client'],
  ['patient'],
  ['name'],
  ['contact'],
  ['employee'],
  ['manager'],
  ['author'],
  ['witness'],
  ['applicant'],
  ['beneficiary'],
  ['guarantor'],
  ['signatory'],
  ['recipient'],
  ['sender'],
  ['owner'],
  ['holder'],
  ['cardholder'],
  ['passenger'],
  ['guest'],
  ['tenant'],
  ['landlord'],
  ['buyer'],
  ['seller'],
  ['payee'],
  ['payer'],
  ['insured'],
  ['claimant'],
  ['spouse'],
  ['guardian'],
  ['surname'],
  ['forename'],
  ['full', 'name'],
  ['first', 'name'],
  ['last', 'name'],
  ['given', 'name'],
  ['family', 'name'],
  ['from'],
  ['to'],
]

/** Of the triggers above, those that only count when a colon or a line break follows them ("From: Ada"). */
export const LABEL_TRIGGERS = words(`
  user customer client patient name contact employee manager author from to attn attention cc witness
  applicant beneficiary guarantor signatory recipient sender owner holder cardholder passenger guest tenant
  landlord buyer seller payee payer insured claimant spouse guardian surname forename best yours warmly
`)

/** Weaker cues before a name: "a tribute to …", "spoke with …", "heard … speak". */
export const WEAK_TRIGGERS = words(`
  by with to and or met meet meeting ask asked tell told heard saw see visited thank thanks love loves
  married marry hired fired invite invited introduce introducing assistant wife husband son daughter mother
  father brother sister friend colleague boss partner uncle aunt cousin nephew niece grandson granddaughter
  about for like unlike versus vs per
`)

/** Verbs and words after a name that a person does: "Alvir spent a year", "… said". */
export const PERSON_VERBS_AFTER = words(`
  said says say told tells asked asks wrote writes write replied replies answered answers explained added
  noted argued thinks thought believes believed wants wanted knows knew loves loved likes liked hates hated
  lives lived died born works worked joined left spent listed gave given given took takes went goes came
  comes called calls emailed texted met meets sent sends signed runs ran leads led founded became becomes
  smiled laughed cried speaks spoke talked talks walked sings sang played plays starred directed composed
  recorded released performed won lost married divorced graduated studied teaches taught retired resigned
  who whose will would can could should has had was is does did shall may might must
`)

/** Pronouns that point back at a person: "Hakuba had given Hakuba his address". */
export const PERSON_PRONOUNS = words(`he she him her his hers himself herself they them their`)

/** Words that make the capitalised words before them an organisation. */
export const ORG_WORDS = words(`
  inc incorporated ltd limited llc llp lp plc corp corporation company co cos group holdings holding bank
  banks insurance assurance technologies technology tech systems labs laboratories partners associates
  university college institute foundation services solutions global international research capital
  investments investment analytics software media health healthcare airlines airways motors industries
  enterprises consulting consultants agency gmbh ag sa sas sarl srl spa bv nv ab oy kg pty
  trust fund ventures studios studio records press publishing publishers network networks communications
  energy pharmaceuticals pharma bioscience biosciences sciences logistics transit transport movers lines
  traffic reports business care dynamics digital data cloud online store stores shop market markets
  hotel hotels restaurant cafe club team fc association society council committee department ministry
  office center centre hospital clinic school academy church museum library news times post journal
  magazine weekly daily tv radio film films pictures entertainment games brands brand products foods
  motors auto automotive electric electronics chemicals steel oil gas mining construction realty properties
  estates management marketing financial finance credit securities exchange partners llp authority
  commission agency bureau union party army navy council
`)

/** Street words after a name (Crown Street, Kishiev Squares: USPS suffixes and their kin) or before one (Rue …). */
export const STREET_WORDS_AFTER = words(`
  street st road rd avenue ave av boulevard blvd lane ln drive dr way place pl court ct square squares sq
  terrace crescent close parkway pkwy highway hwy circle cir alley row plaza turnpike trail trl path point
  pt flat flats island islands isle dam courts park gardens garden walk grove heights ridge crossing loop
  hill hills valley view mount port harbor harbour bridge brook creek lake lakes meadow meadows mill mills
  estate estates village junction springs station fields forest glen hollow knoll landing manor pass pike
  pines plains prairie ranch rapids river run shoal shore shores summit tunnel vista wall wells ways via
  expressway freeway motorway mews wharf quay embankment gate gates green common commons cove bay bend
  burg burgs bypass camp canyon cape causeway center centers cliff cliffs club corner corners crest curve
  divide extension falls ferry fork forks fort freeway haven inlet key keys knolls lock locks lodge mall
  mission motorway neck orchard oval overpass passage radial ramp ridges route shoals skyway spur stravenue
  stream throughway trace track trafficway underpass union unions viaduct ville str ut utca vej gade
`)

export const STREET_WORDS_BEFORE = words(`
  rue via viale calle avenida avda rua strada ulica ul utca ut ulitsa prospekt odos leoforos piazza largo
  travessa praca paseo carrer carretera camino chemin impasse quai allee cours plac aleja trg namesti
  namestie calea bulevardul strada sokak caddesi bulvar suite apt apartment unit box floor fl room bldg
  building dept po
`)

/** Endings of one-word street names in other languages (Betburweg, Hammarvägen, Ditscheinergasse). */
export const STREET_SUFFIX =
  /(?:strasse|strase|gasse|weg|vej|gade|gatan|vagen|veien|vegen|katu|kuja|allee|platz|plein|laan|straat|gracht|steeg|stradde|straede|vaenget|torget|torv|bakken|utca|ulica|ulice|cesta|prospekt|caddesi|sokak|sokagi)$/

/** Countries, nationalities, languages, continents, regions and world cities: capitalised, never a person. */
export const PLACES_AND_PEOPLES = words(`
  afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas bahrain
  bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia herzegovina botswana brazil brunei
  bulgaria burkina faso burundi cambodia cameroon canada chile china colombia comoros congo rica
  croatia cuba cyprus czech czechia republic denmark djibouti dominica dominican ecuador egypt 
  equatorial guinea eritrea estonia eswatini ethiopia fiji finland france gabon gambia germany ghana
  greece grenada guatemala guyana haiti honduras hungary iceland india indonesia iran iraq ireland 
  italy jamaica japan kazakhstan kenya kiribati korea kosovo kuwait kyrgyzstan laos latvia lebanon
  lesotho liberia libya liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali malta
  mauritania mauritius mexico micronesia moldova monaco mongolia montenegro morocco mozambique
  myanmar namibia nauru nepal netherlands holland zealand nicaragua niger nigeria macedonia norway oman
  pakistan palau palestine panama papua paraguay peru philippines poland portugal qatar romania russia
  rwanda samoa sao tome saudi arabia senegal serbia seychelles singapore slovakia
  slovenia somalia africa sudan spain sri lanka suriname sweden switzerland syria taiwan tajikistan
  tanzania thailand timor togo tonga tobago tunisia turkey turkiye turkmenistan tuvalu uganda
  ukraine emirates kingdom states america usa uk uae uruguay uzbekistan vanuatu vatican venezuela vietnam
  yemen zambia zimbabwe greenland greenlander faroe aland puerto rico guam martinique guadeloupe reunion
  europe asia oceania antarctica arctic atlantic pacific scandinavia balkans caribbean mediterranean
  american americans british english scottish welsh irish french german germans dutch flemish belgian swiss
  austrian italian spanish portuguese brazilian mexican canadian australian russian russians ukrainian polish
  czech slovak slovenian croatian serbian bosnian hungarian romanian bulgarian greek turkish turk kurdish
  arab arabic persian iranian iraqi israeli jewish hebrew chinese japanese korean vietnamese thai indian
  hindi pakistani bengali nepali tamil filipino indonesian malaysian african nigerian kenyan egyptian
  moroccan algerian ethiopian somali swedish swede norwegian danish dane finnish finn icelandic estonian
  latvian lithuanian belarusian georgian armenian chechen kazakh uzbek mongolian tibetan latin latino
  latina hispanic european asian nordic slavic celtic catholic protestant christian muslim islamic hindu
  buddhist orthodox lutheran baptist methodist evangelical sikh
  london paris berlin madrid rome vienna prague budapest warsaw moscow kyiv kiev amsterdam brussels
  copenhagen stockholm oslo helsinki reykjavik dublin lisbon athens istanbul ankara cairo dubai riyadh
  tokyo osaka kyoto beijing shanghai shenzhen hong kong seoul taipei bangkok delhi mumbai bangalore
  karachi lahore dhaka jakarta manila singapore melbourne brisbane perth auckland 
  toronto montreal vancouver ottawa chicago boston seattle atlanta
  miami detroit philadelphia york angeles vegas orleans nairobi lagos
  johannesburg cape town zurich geneva munich hamburg frankfurt cologne barcelona valencia seville porto
  naples venice marseille lyon nice bordeaux toulouse manchester liverpool birmingham glasgow
  edinburgh cardiff belfast rio janeiro buenos aires lima bogota caracas havana
  tallinn riga vilnius minsk bucharest belgrade zagreb ljubljana sarajevo bratislava nuuk
  alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho illinois
  iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri
  nebraska nevada hampshire jersey mexico ohio oklahoma oregon pennsylvania rhode tennessee texas utah
  vermont wisconsin wyoming ontario quebec alberta manitoba saskatchewan nunavut yukon queensland
  tasmania bavaria saxony catalonia andalusia tuscany lombardy sicily sardinia normandy brittany
  provence flanders wallonia scotland wales england
  north south east west northern southern eastern western central upper lower new old saint san santa
  los las el
`)

/** Months, weekdays and festivals: capitalised, never a person on their own. */
export const CALENDAR_WORDS = words(`
  january february march april may june july august september october november december jan feb mar apr
  jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mon tue tues wed
  thu thur thurs fri sat sun christmas easter halloween thanksgiving ramadan diwali hanukkah today tomorrow
  yesterday tonight
`)

/** Words that open a sentence or a greeting and are never a name, whatever their capital. */
export const NEVER_NAMES = words(`
  i i'm i'd i'll i've a an the this that these those there here it it's its he she we they you your yours
  my mine our ours his her hers their them me us him who whom whose what which when where why how yes no
  not ok okay hi hello hey dear thanks thank please sorry well oh ah wow yeah yep nope hmm bye goodbye
  and or but if then so because as at by for from in into of on onto to up with without about above
  after before below between during over under again also just only very too all any each every some
  such both either neither none nothing something anything everything someone anyone everyone nobody
  is are was were be been being am do does did have has had will would can could should shall may
  might must let lets let's mr mrs ms dr prof sir madam re fw fwd subject
  user bot agent customer client patient doctor nurse manager admin system assistant ceo cfo cto coo
  team staff support sales hr it ai api url pdf faq id iban bic swift ssn sin nin pin cvv cvc dob vat tin
  ein ip uri dns vpn sms otp csv json xml html http https sdk eta asap fyi aka rsvp ps etc
`)

/** Software, data and cloud products and vendors the platform's own prompts name: never a person. */
export const PRODUCTS_AND_VENDORS = words(`
  postgres postgresql mysql mariadb sqlite mongodb mongo redis valkey kafka rabbitmq cassandra dynamodb
  elasticsearch opensearch clickhouse bigquery redshift snowflake databricks duckdb pglite pgvector neon
  upstash supabase firebase kubernetes docker terraform ansible jenkins airflow dagster prefect dbt
  fivetran airbyte stitch segment mixpanel amplitude looker tableau powerbi metabase superset grafana
  datadog splunk sentry pagerduty salesforce hubspot pipedrive zoho marketo pardot mailchimp sendgrid
  twilio zendesk intercom freshdesk jira confluence asana trello notion airtable monday clickup slack
  discord zoom teams webex outlook gmail github gitlab bitbucket vercel netlify heroku cloudflare aws
  azure gcp openai anthropic gemini chatgpt llama mistral cohere huggingface shopify stripe
  paypal adyen klarna quickbooks xero netsuite sap oracle workday servicenow okta auth0 microsoft google
  amazon apple meta facebook instagram whatsapp linkedin youtube tiktok twitter ibm intel nvidia cisco
  hp lenovo samsung sony siemens bosch accenture deloitte kpmg pwc gartner forrester excel word
  powerpoint sharepoint onedrive dropbox box wordpress magento woocommerce hono wrangler workerd vite
  react typescript javascript python java golang rust node nodejs deno bun linux windows macos ios android
  autonomos
`)

/** Nouns after a capitalised word that make it a product or a system, not a person: "the Shopify orders stream". */
export const THING_NOUNS_AFTER = words(`
  connector connectors stream streams table tables dashboard dashboards campaign campaigns cluster clusters
  webhook webhooks channel channels workspace workspaces instance instances database databases bucket
  buckets collection collections warehouse api apis sdk app apps plugin plugins integration integrations
  pipeline pipelines schema schemas server servers endpoint endpoints ticket tickets repo repository
  deployment deployments queue queues topic topics index export exports import imports sync syncs node
  nodes account accounts org orgs tenant tenants license licenses subscription plan plans migration
  migrations release releases version versions build builds job jobs model models support service
  services helpdesk website site portal platform
`)

/** Nouns after a capitalised word that make it a place or a site: "our Montijo office", "the Rohod bridge". */
export const PLACE_NOUNS_AFTER = words(`
  office offices branch branches headquarters hq campus store plant factory site airport station harbour
  harbor port region area district county province city town village municipality suburb bridge river
  lake mountain valley beach coast island border embassy consulate hospital university school
`)

/** Going somewhere: "moved from Montijo to Bessastaðahreppur", "a flight to Hirvli". */
export const MOTION_WORDS = words(`
  move moved moves moving travel travels travelled traveled traveling travelling fly flew flies flying flight
  flights trip trips drive drove driving go goes went going return returned returning relocate relocated
  relocating emigrate emigrated commute commuting road train bus ferry
`)

/** What follows a name called out at the start of a sentence: "Labrie, thank you for …". */
export const VOCATIVE_NEXT = words(
  `thank thanks please welcome sorry congratulations could can would will i we you your`,
)
