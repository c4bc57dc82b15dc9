"""Week 0: onboarding and baseline (CURRICULUM.md §5 week 0 and §6).

The baseline survey items (DC, DCR, MI, ETH, RR) are in ``data/items/kysely.yaml``: the closing week
asks the same ids, so each participant can see their change. Week 0 has no weekly self-assessment;
the survey replaces it.
"""

from notebook_writer import Check, Part, Week

INTRO = """
# Viikko 0: Aloitus ja lähtötaso

Tervetuloa valmennukseen! Jos luet tätä, olet jo kirjautunut sisään ja avannut ensimmäisen
muistikirjan. Hyvä alku.

Tällä viikolla tutustut siihen, miten valmennus toimii, ja kerrot, mistä lähdet liikkeelle. Vastaat
lähtötasokyselyyn, kirjoitat omat oppimistavoitteesi ja esittäydyt ryhmälle.

**Tavoitteet.** Viikon jälkeen osaat

- käyttää valmennuksen muistikirjoja omalla laitteellasi
- kertoa, miten valmennus etenee: viikkorytmi, yksityiset ja jaetut tehtävät, palaute ja muistutukset
- kuvata oman lähtötasosi ja oppimistavoitteesi
- toimia ryhmän yhteisten pelisääntöjen mukaan.

**Aikaa kuluu** noin tunnista puoleentoista tuntiin. Lähtötasokyselyyn menee siitä noin 20 minuuttia.
Teet tehtävät viikon aikana silloin, kun se sinulle sopii.

**Näin vastaat.** Kirjoita vastaukset tekstikenttiin ja valitse sopivat vaihtoehdot. Jokainen
vastaus tallentuu heti, ja kentän alle tulee teksti "Tallennettu klo …". Muistikirjaa ei tarvitse
tallentaa erikseen. Voit sulkea välilehden ja jatkaa myöhemmin, sillä vastauksesi ovat tallessa.
Kun olet valmis, palauta tehtävä osallistujan pikaoppaan ohjeen mukaan.
"""

THEORY = """
## 1. Ammattilainen asiakkaan roolissa

Valmennus perustuu TiimiVerkko-hankkeessa kehitettyyn malliin. Siinä ammattilainen käyttää
digipalveluja ensin itse asiakkaan roolissa. Oma kokemus auttaa ymmärtämään, millaisia hyötyjä ja
haasteita palvelussa on asiakkaalle. Samalla omat digitaidot ja ohjausosaaminen vahvistuvat [1].

## 2. Näin valmennus etenee

Valmennus alkaa yhteisellä aloitustapaamisella. Siinä käydään läpi valmennuksen periaatteet,
tutustutaan muistikirjoihin ja varmistetaan, että jokainen pääsee kirjautumaan [1].

Sen jälkeen on kuusi teemaviikkoa. Jokaisella viikolla on yksi teema, jossa on teoriaosuus ja
tehtäviä [1]:

1. Ammattilainen digipalvelun asiakkaana
2. Digivuorovaikutus ja osallisuus etäohjauksessa
3. Tietoturva ja turvallinen asiointi asiakastyössä
4. Digituen etiikka, lainsäädäntö ja saavutettavuus
5. Motivoiva digineuvonta
6. Yhteiskehittäminen ja palvelumuotoilu: oma digikokeilu.

Valmennukseen osallistutaan työajalla, ja päätät itse, milloin teet viikon tehtävät [1]. Viikko
alkaa maanantaina ja päättyy sunnuntaina. Aikaa kuluu noin puolitoista tai kaksi tuntia viikossa.

**Muistutukset.** Tehtävistä muistutetaan pikaviestipalvelussa [1]. Tässä valmennuksessa muistutus
tulee kolmesti viikossa: maanantaina, kun uusi teema avautuu, torstaina ja sunnuntaina, kun viikko
päättyy.

**Kahdenlaisia tehtäviä.** Osa tehtävistä on yksityisiä: ne näette vain sinä ja ohjaajasi. Osa
tehtävistä on jaettuja: niissä ryhmä jakaa ajatuksiaan viikon teemasta [1]. Jaetussa tehtävässä
valitset aina itse, jaetaanko vastauksesi omalla nimelläsi, nimimerkillä vai ei lainkaan.

**Palaute.** Jokaisesta tehtävästä saat ohjaajalta kirjallisen palautteen tai valmistumismerkinnän [1].

**Jatkuva arviointi.** Valmennusta arvioidaan koko ajan [1]. Jokaisen viikon lopussa on lyhyt ja
vapaaehtoinen pulssikysely, jonka vastausten avulla kehitämme valmennusta.

**Päätös.** Valmennus päättyy yhteiseen päätöstapaamiseen. Siinä käydään läpi kokemuksia,
oivalluksia, haasteita ja kehityskohteita [1]. Päätösviikolla vastaat myös samaan kyselyyn kuin nyt.

## 3. Ryhmän pelisäännöt

Verkossa toimivalle ryhmälle kannattaa laatia yhteiset pelisäännöt. Osallistumista helpottaa, kun
jokainen saa valita itselleen luontevan tavan osallistua, esimerkiksi kirjoittaa, kuvata tai
piirtää. Ryhmän kannattaa myös sopia, esittäytyvätkö osallistujat omalla nimellään vai
nimimerkillä [2]. Tässä ehdotus, jonka pohjalta sovimme säännöt aloitustapaamisessa:

1. Kommentoimme toistemme ajatuksia kannustavasti ja asiallisesti. Huomaamme onnistumiset, sillä
   pelkkiä neuvoja ei yleensä koeta kannustaviksi [2].
2. Emme kirjoita asiakkaiden tietoja mihinkään. Esimerkit ovat keksittyjä, kuten "kuvitteellinen
   asiakas Aino, 67".
3. Se, mitä ryhmässä kerrotaan, jää ryhmään.
4. Jokainen osallistuu omalla tavallaan ja omaan tahtiinsa.
5. Keskeneräisyys ja kysyminen ovat sallittuja. Kukaan ei osaa kaikkea.
6. Jos tekniikka takkuaa, kerromme siitä ohjaajalle. Yksin ei tarvitse pärjätä.

## 4. Mitä mittaamme ja miksi

Valmennuksen mallissa osallistujien digiosaamisen tarpeet kartoitetaan alussa kyselyllä, ja
sisältöä painotetaan niiden mukaan [1]. Siksi tällä viikolla vastaat lähtötasokyselyyn.

Kyselyn runkona on Euroopan unionin DigComp 2.2 -viitekehys, joka kuvaa kansalaisen digiosaamista
[3]. Siinä on viisi osa-aluetta ja 21 osaamista [3][4]:

1. informaatio- ja datalukutaito
2. viestintä ja yhteistyö
3. digitaalisen sisällön luominen
4. turvallisuus
5. ongelmanratkaisu.

DigCompissa on kahdeksan taitotasoa, jotka jakautuvat neljään ryhmään: perustaso (1–2), keskitaso
(3–4), edistynyt taso (5–6) ja erittäin erikoistunut taso (7–8) [4]. Mitä korkeampi taso, sitä
vaativampia tehtäviä ihminen hallitsee ja sitä itsenäisemmin hän toimii [5]. Tasolla 5 hän osaa jo
ohjata muita [6]. Asiakkaan ohjaaminen vaatii siis enemmän kuin saman asian tekeminen itse.
Osa-alueiden ja tasojen suomenkieliset nimet ovat valmennuksen omia käännöksiä, koska virallista
suomennosta ei ole.

Kyselyssä on yksi väite kustakin 21 osaamisesta. Lisäksi kysytään digirohkeudesta, motivoivasta
ohjauksesta ja digituen etiikasta sekä valmiudestasi käyttää digitaalisia keinoja asiakastyössä.
Väitteet on laadittu tätä valmennusta varten. Kysely ei ole koe, eikä se anna sinulle
DigComp-tasoa.

**Itsearviointi tukee oppimista.** Itsearvioinnissa vertaat omaa osaamistasi selvästi kerrottuihin
kriteereihin. Tarkoitus on löytää omat vahvuudet ja kehittämiskohteet [7]. Tutkimusten perusteella
itsearviointia kannattaa käyttää oppimisen tukena, ei arvosanan perusteena [8]. Siksi vastauksiasi
ei arvostella, eikä oikeita vastauksia ole. Samat kysymykset esitetään päätösviikolla, jolloin näet
oman muutoksesi.

## 5. Vastauksesi ja tietosuoja

Valmennuksessa antamasi vastaukset ovat henkilötietoja, koska ne kertovat sinusta. Siksi kerromme,
kuka näkee mitäkin.

- **Ohjaajasi** näkee yksityiset vastauksesi, myös pohdintasi, ja kirjoittaa niistä sinulle
  palautteen.
- **Koordinaattorit** näkevät vain koko ryhmän yhteenvetoja asteikkokysymyksistä. He eivät näe
  pohdintojasi eivätkä muita kirjoittamiasi tekstejä. Jos ryhmässä on alle viisi vastaajaa,
  yhteenvetoja ei näytetä lainkaan.
- **Muut osallistujat** näkevät vain jaettujen tehtävien vastaukset ja vain silloin, kun olet itse
  valinnut jakamisen.

Vastauksiasi säilytetään valmennuksen ajan. Voit pyytää ohjaajaltasi kopion vastauksistasi tai
pyytää poistamaan ne. Jos sinulla on kysyttävää tietojen käsittelystä, kysy ohjaajalta.

Älä kirjoita mihinkään vastaukseen asiakkaan tunnistettavia tietoja. Älä myöskään kirjoita omia
arkaluonteisia tietojasi, kuten henkilötunnustasi tai terveystietojasi.
"""

BACKGROUND = """
## Taustatiedot

Aloitetaan muutamalla taustakysymyksellä. Ohjaaja käyttää niitä, kun hän valitsee esimerkkejä ja
lisämateriaaleja ryhmälle sopiviksi. Taustatietoja kysytään vain kerran.

Kerro ammatistasi tai tehtävästäsi nimike tai lyhyt kuvaus. Työnantajaasi ei tarvitse mainita.
"""

SURVEY = """
## Lähtötasokysely

Kysely kartoittaa, mistä lähdet liikkeelle. Siihen kuluu noin 20 minuuttia. Oikeita tai vääriä
vastauksia ei ole. Vastaa sen mukaan, miten asia on juuri nyt, älä sen mukaan, miten toivoisit sen
olevan.

Kysely on jaettu seitsemään osaan: ensin DigCompin viisi osa-aluetta, sitten digirohkeus,
motivoiva ohjaus ja etiikka ja lopuksi kaksi janaa. Voit pitää välillä tauon, sillä vastauksesi
tallentuvat heti.

Arvioi, miten hyvin kukin väite kuvaa sinua. Jos väitteen asia on sinulle vieras, sekin on hyödyllistä
tietoa: valitse silloin vaihtoehto, joka kuvaa tilannetta parhaiten. Valitse "En osaa sanoa" vain,
jos et pysty arvioimaan asiaa lainkaan.
"""

AREA_1 = """
### Osa-alue 1: Informaatio- ja datalukutaito

Tämä osa koskee tiedon etsimistä verkosta, sen luotettavuuden arviointia sekä tiedostojen
järjestämistä ja tallentamista [9].
"""

AREA_2 = """
### Osa-alue 2: Viestintä ja yhteistyö

Tämä osa koskee viestintää ja tiedon jakamista digitaalisilla välineillä, julkisten sähköisten
palvelujen käyttöä, yhteistyötä verkossa, verkkoviestinnän hyviä tapoja ja sitä, mitä itsestäsi
näkyy verkossa [9].
"""

AREA_3 = """
### Osa-alue 3: Digitaalisen sisällön luominen

Tämä osa koskee ohjeiden, kuvien ja videoiden tekemistä, valmiiden sisältöjen muokkaamista ja
tekijänoikeuksia. Viimeinen väite koskee ohjelmoinnin perusajatusta. Ohjelmointia ei tarvitse
osata: riittää, että arvioit, miten ymmärrät asian [9].
"""

AREA_4 = """
### Osa-alue 4: Turvallisuus

Tämä osa koskee laitteiden ja henkilötietojen suojaamista, oman ja muiden hyvinvoinnin suojaamista
digitaalisessa ympäristössä sekä laitteiden ympäristövaikutuksia [9].
"""

AREA_5 = """
### Osa-alue 5: Ongelmanratkaisu

Tämä osa koskee teknisten ongelmien selvittämistä, sopivan digitaalisen ratkaisun valitsemista,
uusien toimintatapojen kehittämistä sekä oman ja muiden digiosaamisen kehittämistä [9].
"""

COURAGE = """
### Digirohkeus ja varmuus asiakkaan ohjaamisessa

Digirohkeus on itseluottamusta, jonka varassa ihminen uskaltaa kokeilla ja ottaa käyttöön uusia tai
päivittyneitä digitaalisia laitteita ja palveluja [10]. Tämän osan väitteet koskevat omaa
rohkeuttasi, varmuuttasi asiakkaan ohjaajana ja sitä, mistä saat itse tukea.
"""

MI_ETHICS = """
### Motivoiva ohjaus ja digituen etiikka

Näitä aiheita käsitellään viikolla 4 (digituen etiikka) ja viikolla 5 (motivoiva digineuvonta).
Jos jokin käsite, kuten muutospuhe tai Suomi.fi-valtuudet, on sinulle vielä vieras, se on täysin
odotettavaa. Vastaa sen mukaan, miten osaat asian nyt.
"""

RULERS = """
### Valmiutesi käyttää digitaalisia keinoja asiakastyössä

Janalla arvioit asiaa asteikolla 0–10, jossa 0 tarkoittaa "ei lainkaan" ja 10 "erittäin paljon".
Valitse ensin luku ja vastaa sitten kahteen lyhyeen jatkokysymykseen: miksi et valinnut pienempää
lukua ja mikä nostaisi lukua yhdellä [11].
"""

NEEDS = """
## Tarvekartoitus

Kerro, mitä haluat oppia ja miten osallistut mieluiten. Ohjaaja painottaa esimerkkejä ja
lisämateriaaleja ryhmän toiveiden mukaan [1].

Tarvekartoitukseen vastaaminen on suositeltavaa mutta vapaaehtoista. Siitä ei ole
valmistumismerkintää.

Saavutettavuustarpeista riittää kertoa, mikä sinua auttaa, esimerkiksi isompi teksti tai lisäaika.
Älä kerro diagnooseja tai muita terveystietojasi.
"""

GOALS = """
## Yksityinen tehtävä: omat oppimistavoitteesi

Tämän tehtävän näette vain sinä ja ohjaajasi.

1. Kirjoita 2–3 omaa oppimistavoitetta valmennukselle. Hyvä tavoite kertoo, mitä haluat osata ja
   missä tilanteessa. Esimerkiksi: "Osaan opastaa asiakasta ottamaan Suomi.fi-viestit käyttöön niin,
   että hän tekee vaiheet itse." Apuna voit käyttää lähtötasokyselyn ja tarvekartoituksen
   vastauksiasi.
2. Kirjoita yksi digiasia, jota haluat uskaltaa kokeilla valmennuksen aikana. Se voi olla pieni,
   esimerkiksi videotapaamisen järjestäminen tai uuden sovelluksen kokeileminen.

Älä kirjoita asiakkaan tunnistettavia tietoja äläkä omia arkaluonteisia tietojasi, kuten
henkilötunnustasi tai terveystietojasi. Ohjaaja lukee tavoitteesi ja kirjoittaa sinulle palautteen.
Palaamme tavoitteisiin päätösviikolla.
"""

REFLECTION = """
## Pohdi lähtötilannettasi

Pohdinnat etenevät koko valmennuksen ajan Gibbsin reflektiivisen kehän vaiheiden mukaan: ensin
kuvaat tilanteen, sitten tunteesi, sen jälkeen pohdit syitä ja lopuksi sitä, mitä teet jatkossa [12].
Tällä viikolla aloitat kahdesta ensimmäisestä vaiheesta. Muutama virke kuhunkin kysymykseen riittää.
"""

SHARED = """
## Jaettu tehtävä: esittäydy ryhmälle

Kun ryhmän jäsenet tietävät toisistaan jotakin, verkossa on helpompi osallistua [2]. Esittele itsesi
ryhmälle haluamallasi tavalla: kirjoita teksti tai lataa kuva, esimerkiksi valokuva tai piirros.
Kerro esittelyssäsi

- ammattisi tai tehtäväsi
- yksi digitaalinen väline, josta pidät
- yksi digihaaste, johon olet törmännyt asiakastyössä.

Jos lataat kuvan, valitse kuva, jossa ei näy muita ihmisiä eikä asiakirjoja.

Päätät itse, jaetaanko esittelysi: omalla nimelläsi, nimimerkillä vai ei lainkaan. Jos et valitse
mitään, esittelyä ei jaeta. Ohjaaja kokoaa jaetut esittelyt ryhmän yhteiselle seinälle.
Valmistumismerkinnän saat esittelystä, vaikka et jakaisi sitä. Älä kirjoita jaettuun tehtävään
asiakkaiden tietoja.
"""

SOURCES = """
## Lähteet

1. Innokylä: Ammattilainen digipalvelujen asiakkaana -verkkovalmennus. TiimiVerkko, Jyväskylän
   ammattikorkeakoulu, ESR 2018–2020.
   <https://innokyla.fi/fi/toimintamalli/ammattilainen-digipalvelujen-asiakkaana-verkkovalmennus>
2. Innokylä: Digivuorovaikutus osallisuuden tukena asiakastyössä. TiimiVerkko, Jyväskylän
   ammattikorkeakoulu, ESR 2018–2020.
3. Vuorikari, R., Kluzer, S. & Punie, Y. (2022). DigComp 2.2: The Digital Competence Framework for
   Citizens. Publications Office of the European Union. <https://doi.org/10.2760/115376>
4. DCE4Change: Digital Competence Framework for Citizens.
   <https://sites.google.com/view/dce4change/digital-citizenship/digital-competence-framework-for-citizens> ;
   Digital Youth: DigComp-taitotasot. <https://digital-youth.eu/flips/flip1/14/>
5. ENCODE guidelines: DigComp 2.2 Framework. <https://encode-guidelines.github.io/guidelines/digcomp/>
6. European Commission, Joint Research Centre: Learning to swim in the Digital Ocean (DigComp 2.1:n
   taitotasot, infografiikka).
   <https://fdocuments.net/document/foundation-intermediate-advanced-highly-specialised-level-level-1-level.html>
7. IMPACT portal: Self-assessment (Andrade & Valtcheva 2009). <https://impactportal.eu/concept-self-assessment/>
8. Andrade, H. L. (2019). A Critical Review of Research on Student Self-Assessment. Frontiers in
   Education 4:87. <https://doi.org/10.3389/feduc.2019.00087>
9. DigComp-osaamisten nimet ja kuvaukset (CSV). <https://github.com/dini-ag-kim/digComp/blob/main/DigComp.csv>
10. Digi- ja väestötietovirasto: Digiosaamisen tilannekuva (Digitaitoraportti).
    <https://dvv.fi/digiosaamisen-tilannekuva>
11. Case Western Reserve University, Center for Evidence-Based Practices: Readiness Ruler.
    <https://case.edu/socialwork/centerforebp/resources/readiness-ruler> ; Importance and confidence
    rulers. <https://observingsolution.com/library/techniques/importance-and-confidence-rulers/>
12. Gibbs, G. (1988). Learning by Doing. Tiivistelmä Gibbsin reflektiivisestä kehästä:
    <https://www.nutshell100.com/subject/gibbs-reflective-cycle>
"""

FEEDBACK = """
## Ohjaajan palaute

Ohjaaja lukee oppimistavoitteesi, pohdintasi ja esittelysi ja kirjoittaa sinulle henkilökohtaisen
palautteen. Näet palautteen tämän kohdan alla, kun ohjaaja on julkaissut sen.
"""

BACKGROUND_ITEMS = ("W0_ROLE", "W0_SECTOR", "W0_CLIENTS", "W0_YEARS", "W0_DIGIUSE", "W0_DEVICES", "W0_TRAINING")
AREA_ITEMS = (
    ("DC11", "DC12", "DC13"),
    ("DC21", "DC22", "DC23", "DC24", "DC25", "DC26"),
    ("DC31", "DC32", "DC33", "DC34"),
    ("DC41", "DC42", "DC43", "DC44"),
    ("DC51", "DC52", "DC53", "DC54"),
)
COURAGE_ITEMS = ("DCR1", "DCR2", "DCR3", "DCR4", "DCR5")
MI_ETHICS_ITEMS = ("MI1", "MI2", "MI3", "MI4", "ETH1", "ETH2", "ETH3", "ETH4")
RULER_ITEMS = ("RR1", "RR2")
SURVEY_ITEMS = tuple(i for area in AREA_ITEMS for i in area) + COURAGE_ITEMS + MI_ETHICS_ITEMS + RULER_ITEMS
REFLECTION_ITEMS = ("W0_R_EXPECT", "W0_R_NERVOUS")

WEEK = Week(
    id="viikko0",
    intro=INTRO,
    theory=(("teoria", THEORY),),
    parts=(
        Part("taustatiedot_ohje", BACKGROUND, BACKGROUND_ITEMS),
        Part("kysely_ohje", SURVEY),
        Part("alue1_ohje", AREA_1, AREA_ITEMS[0]),
        Part("alue2_ohje", AREA_2, AREA_ITEMS[1]),
        Part("alue3_ohje", AREA_3, AREA_ITEMS[2]),
        Part("alue4_ohje", AREA_4, AREA_ITEMS[3]),
        Part("alue5_ohje", AREA_5, AREA_ITEMS[4]),
        Part("digirohkeus_ohje", COURAGE, COURAGE_ITEMS),
        Part("mi_etiikka_ohje", MI_ETHICS, MI_ETHICS_ITEMS),
        Part("janat_ohje", RULERS, RULER_ITEMS),
        Part("tarpeet_ohje", NEEDS, ("W0_NEEDS", "W0_NEEDS_MORE", "W0_MODES", "W0_ACCESS", "W0_REMIND")),
        Part("tavoitteet_ohje", GOALS, ("W0_GOALS", "W0_DARE")),
        Part("pohdinta_ohje", REFLECTION, REFLECTION_ITEMS),
        Part("esittely_ohje", SHARED, ("W0_INTRO", "W0_SHARE")),
    ),
    checks=(
        Check("valmis_taustatiedot", ("W0_ROLE", "W0_SECTOR", "W0_CLIENTS", "W0_DIGIUSE")),
        Check("valmis_lahtotaso", SURVEY_ITEMS),
        Check("valmis_tavoitteet", ("W0_GOALS", "W0_DARE")),
        Check("valmis_pohdinta", REFLECTION_ITEMS),
        Check("valmis_esittely", ("W0_INTRO",)),
    ),
    feedback=FEEDBACK,
    sources=SOURCES,
)
