// Common English given-name diminutives, so "Bill" and "William" compare as one name. Each line is a
// formal name and the short forms people are registered under; a short form may belong to several.

const GROUPS = `
abigail abby abbie gail
abraham abe bram
alan al
albert al bert bertie
alexander alex alec sandy xander lex
alexandra alex alexa sandra sandy lexie
alfred alf alfie fred freddie
alice allie ally
amanda mandy manda
andrew andy drew
angela angie
anthony tony ant
arthur art artie
barbara barb barbie babs
benjamin ben benny benji
bernard bernie
beverley bev
bradley brad
brian bri
caroline carol carrie caro
catherine cathy kate katie cat kath kathy
charles charlie chuck chas chaz
charlotte lottie charlie
christine chris chrissy tina
christopher chris kit topher
cynthia cindy
daniel dan danny
david dave davey
deborah deb debbie debra
dennis den
donald don donny
dorothy dot dottie
douglas doug
edward ed eddie ted teddy ned
eleanor ellie nora nell
elizabeth liz lizzie beth betty betsy eliza libby lisa elsie bess
emily em emmy millie
eugene gene
frances fran frankie
francis frank fran
frederick fred freddie
gabriel gabe
gabrielle gabby gabi
geoffrey geoff jeff
gerald gerry jerry
gregory greg
harold harry hal
henry harry hank hal
isabella izzy bella isabel
jacob jake jack
james jim jimmy jamie jem
janet jan
jennifer jen jenny
jeremy jerry
jessica jess jessie
john jack johnny jon
jonathan jon jonny
joseph joe joey jo
josephine jo josie
joshua josh
judith judy
katherine kate katie kath kathy kat kit
kenneth ken kenny
kimberley kim
lawrence larry laurie
leonard len lenny leo
lucinda cindy lucy
madeleine maddie madi
margaret maggie meg peggy marge margie greta rita
matilda tilly tilda
matthew matt matty
michael mike mick mickey mikey
michelle shelley
nathan nate nat
nathaniel nate nat
nicholas nick nicky
nicole nikki nic
pamela pam
patricia pat patty trish tricia
patrick pat paddy
peter pete
philip phil pip
phillip phil pip
rebecca becky bec becca
richard rick dick rich ricky
robert rob bob bobby robbie bert
ronald ron ronnie
rosemary rose rosie
samantha sam sammy
samuel sam sammy
sarah sally sadie
stephanie steph steffi
stephen steve stevie
steven steve stevie
susan sue susie suzy
theodore theo ted teddy
thomas tom tommy
timothy tim timmy
victoria vicky tori
vincent vince vinnie
walter walt wally
william will bill billy willie liam
zachary zach zack
`

const groupsOf = new Map<string, number[]>()
for (const [id, line] of GROUPS.trim().split('\n').entries()) {
  for (const name of line.trim().split(/\s+/)) {
    const ids = groupsOf.get(name)
    if (ids) ids.push(id)
    else groupsOf.set(name, [id])
  }
}

/** Whether two folded given names are a formal name and a short form of it, or two short forms of one name. */
export function sameNameVariants(a: string, b: string): boolean {
  if (a === b) return true
  const ga = groupsOf.get(a)
  const gb = groupsOf.get(b)
  if (!ga || !gb) return false
  return ga.some((g) => gb.includes(g))
}
