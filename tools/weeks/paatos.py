"""Closing week: closing, post-survey and feedback (CURRICULUM.md §5 closing week, §6).

The post-survey asks the baseline items of week 0 by the same ids (kysely.yaml), grouped as in week 0,
so the dashboards can compare each participant's start and end by id.
"""

from notebook_writer import Check, Part, Week

INTRO = """
# Päätösviikko: jälkikysely, toimintasuunnitelma ja palaute

Tervetuloa valmennuksen viimeiselle viikolle! Nyt on aika katsoa taaksepäin ja eteenpäin. Vastaat
jälkikyselyyn, jossa ovat samat väitteet kuin aloitusviikon kyselyssä, ja vertaat, mikä on
muuttunut. Sen jälkeen laadit suunnitelman, jolla viet oppimasi omaan asiakastyöhösi. Lopuksi
annat palautetta, jonka avulla valmennusta kehitetään seuraaville ryhmille.

**Tavoitteet.** Viikon jälkeen osaat

- tiivistää, mitä olet valmennuksessa oppinut ja mistä sen huomaat
- verrata nykyistä osaamistasi lähtötasoon ja selittää eroja
- laatia konkreettisen toimintasuunnitelman
- antaa palautetta valmennuksen kehittämiseksi.

**Aikaa kuluu** noin puolitoista tai kaksi tuntia. Lisäksi osallistut ryhmän yhteiseen
päätöstapaamiseen. Teet tehtävät viikon aikana silloin, kun se sinulle sopii.

**Näin vastaat.** Kirjoita vastaukset tekstikenttiin ja valitse sopivat vaihtoehdot. Jokainen
vastaus tallentuu heti, ja kentän alle tulee teksti "Tallennettu klo …". Muistikirjaa ei tarvitse
tallentaa erikseen. Voit sulkea välilehden ja jatkaa myöhemmin, sillä vastauksesi ovat tallessa.
Kun olet valmis, palauta tehtävä osallistujan pikaoppaan ohjeen mukaan.
"""

THEORY = """
## 1. Yhteinen päätöstapaaminen

Valmennus päättyy ryhmän yhteiseen tapaamiseen, kuten TiimiVerkon mallissa. Tapaamisessa käydään
läpi kokemuksia, oivalluksia ja haasteita sekä muita valmennuksen aikana esiin tulleita tärkeitä
asioita. Lisäksi mietitään, mitä kannattaa kehittää seuraavaksi [1]. Ohjaaja kertoo, milloin
tapaaminen on ja miten siihen osallistutaan.

Tapaamisessa kerrataan myös kaksi ryhmän yhteistä tuotosta. Ne jäävät sinulle työkaluiksi:

- **etäohjauksen pelisäännöt**, jotka laaditte yhdessä viikolla 2
- **tietoturvavinkit asiakkaalle**, jotka kirjoititte viikolla 3.

Voit käyttää niitä omassa työssäsi ja kertoa niistä työyhteisöllesi. Tapaamiseen kannattaa
valmistautua: tee ensin jälkikysely ja pohdinta. Silloin sinulla on valmiina ajatus, jonka voit
kertoa muille.

## 2. Kuusi teemaa lyhyesti

- **Viikko 1: Ammattilainen digipalvelun asiakkaana.** Hoidit itse asian sähköisessä palvelussa ja
  kirjasit asiakaspolun esteineen ja tunteineen. Kun tiedät omasta kokemuksestasi, missä asiointi
  takkuaa, ymmärrät paremmin myös asiakastasi [1].
- **Viikko 2: Digivuorovaikutus ja osallisuus etäohjauksessa.** Suunnittelit etäohjauksen
  vaiheet ennen tapaamista, sen aikana ja sen jälkeen. Asiakas voi osallistua monella tavalla,
  esimerkiksi kirjoittamalla, kommentoimalla, kuvin tai videolla [2].
- **Viikko 3: Tietoturva ja turvallinen asiointi.** Kertasit neuvoja, joita voit antaa asiakkaalle
  salasanoista, tunnistautumisesta ja huijausviesteistä. Asiakas tunnistautuu aina itse, eikä toisen
  ihmisen tunnistusvälineitä saa käyttää [3]. Jos läheisen pitää hoitaa asioita asiakkaan puolesta,
  asiakas voi valtuuttaa hänet Suomi.fi-valtuuksilla [4].
- **Viikko 4: Digituen etiikka, lainsäädäntö ja saavutettavuus.** Digituen tavoite on, että
  asiakas oppii käyttämään palveluja itsenäisesti ja turvallisesti. Hyvä digituen antaja kannustaa
  asiakasta tekemään asiat itse ja tuntee oman osaamisensa rajat [5].
- **Viikko 5: Motivoiva digineuvonta.** Motivoivan keskustelun eli motivoivan haastattelun
  perustaitoja ovat avoimet kysymykset, vahvistukset, heijastava kuuntelu ja yhteenvedot [6]. Harjoittelit
  kuuntelemaan, mitä asiakas itse sanoo muutoksen puolesta.
- **Viikko 6: Yhteiskehittäminen ja oma digikokeilu.** Palvelumuotoilussa ongelma muotoillaan
  haasteeksi, ja ratkaisuja ideoidaan "Miten voisimme …?" -kysymyksillä [7]. Suunnittelit oman
  digikokeilun, jota voit nyt viedä eteenpäin.

## 3. Miten luet omaa muutostasi

Itsearvioinnissa vertaat omaa osaamistasi ennalta kerrottuihin tavoitteisiin. Tarkoitus on löytää
vahvuutesi ja kehittämiskohteesi, jotta voit oppia lisää [8]. Heidi Andrade kävi vuonna 2019
julkaistussa katsauksessaan läpi 76 tutkimusta itsearvioinnista. Hänen johtopäätöksensä on, että
itsearviointia kannattaa käyttää oppimisen tukena eikä arvosanan perusteena [9]. Siksi
valmennuksessa numeroa ei arvostella.

Lue omaa muutostasi rehellisesti ja lempeästi:

- **Pienempi luku kuin alussa** ei välttämättä tarkoita, että osaamisesi olisi heikentynyt.
  Valmennuksen aikana saatoit huomata, että aiheeseen kuuluu paljon enemmän kuin alussa ajattelit.
  Silloin arvioit itseäsi nyt tarkemmalla mittapuulla. Tämäkin on oppimista.
- **Suurempi luku** voi kertoa, että osaamisesi ja itseluottamuksesi ovat kasvaneet. Mieti, mistä
  sen huomaat käytännössä.
- **Sama luku** voi tarkoittaa, että asia oli sinulle jo tuttu tai että se ei ollut valmennuksen
  pääpaino.

Numeroa tärkeämpää on perustelu: mitä osaat nyt tehdä, ja mistä tiedät sen? Näyttöä ovat
esimerkiksi viikkotehtäväsi, ohjaajan palautteet ja tilanteet, joissa olet jo kokeillut uutta
toimintatapaa asiakkaan kanssa.

Vastaa jälkikyselyyn ensin niin kuin asiat ovat nyt. Katso vasta sen jälkeen, mitä vastasit
alussa: kyselyn jälkeen kohta *Oma muutoksesi* näyttää aloitusviikon ja nykyiset vastauksesi
rinnakkain osa-alueittain. Sen näet vain sinä ja ohjaajasi.

## 4. Toimintasuunnitelma: oppimisesta teoiksi

Gibbsin reflektiivisen kehän viimeinen vaihe on toimintasuunnitelma: mitä teet, kun vastaava
tilanne tulee uudelleen eteen [10]. Tällä viikolla suunnitelma koskee koko valmennusta. Hyvä
toimenpide on niin pieni, että sen ensimmäisen askeleen voi ottaa heti ensi viikolla.

TiimiVerkon vinkit mallin soveltajille sopivat myös oman suunnitelmasi tueksi [1]:

- **Varaa aikaa kalenteristasi.** Uuden kokeileminen ja kehittäminen vievät aikaa, ja aika kannattaa
  varata etukäteen.
- **Sovi tuesta.** Mieti, millaista tukea tarvitset ja keneltä sen saat.
- **Tue kollegaasi ja pyydä tukea.** Ensimmäinen kerta voi olla raskas, koska valmiita vastauksia
  ei vielä ole. Työnohjaus ja sparraus auttavat.
- **Löydä digiagentti.** Innostunut työkaveri pitää kehittämisen käynnissä silloinkin, kun muiden
  into hiipuu.
- **Sovella.** Pelkkä uusi tekniikka ei paranna palvelua. Tärkeintä ovat toimintatavat, jotka
  työyhteisö itse kehittää ja sovittaa erilaisiin tilanteisiin.
"""

CHANGE = """
## Oma muutoksesi

Kun olet vastannut kaikkiin yllä oleviin väittämiin, aja alla oleva solu uudelleen (valitse se ja
paina Shift + Enter). Taulukko näyttää jokaisesta osa-alueesta aloitusviikon ja nykyisten
vastaustesi keskiarvon. Vertailussa ovat mukana vain väittämät, joihin vastasit molemmilla
kerroilla. Taulukon näet vain sinä ja ohjaajasi.
"""

SURVEY_INTRO = """
## Jälkikysely

Seuraavat väitteet ovat samat, joihin vastasit aloitusviikolla. Vastaa niin kuin asiat ovat
juuri nyt. Älä katso aloitusviikon vastauksiasi ennen kuin olet vastannut kaikkiin väitteisiin.

Valitse jokaisesta väitteestä yksi vaihtoehto: 1 = täysin eri mieltä, 2 = jokseenkin eri mieltä,
3 = ei samaa eikä eri mieltä, 4 = jokseenkin samaa mieltä, 5 = täysin samaa mieltä. Jos et osaa
arvioida jotakin kohtaa, valitse "En osaa sanoa". Itsearviointia ei arvostella: se tukee omaa
oppimistasi.

Ensin ovat digiosaamisen viisi osa-aluetta, sitten digirohkeus, motivoiva ohjaus ja digituen
etiikka ja lopuksi kaksi valmiusjanaa.
"""

SURVEY_AREA1 = """
### Osa-alue 1: Informaatio- ja datalukutaito
"""

SURVEY_AREA2 = """
### Osa-alue 2: Viestintä ja yhteistyö
"""

SURVEY_AREA3 = """
### Osa-alue 3: Digitaalisen sisällön luominen
"""

SURVEY_AREA4 = """
### Osa-alue 4: Turvallisuus
"""

SURVEY_AREA5 = """
### Osa-alue 5: Ongelmanratkaisu
"""

SURVEY_COURAGE = """
### Digirohkeus ja varmuus asiakkaan ohjaamisessa
"""

SURVEY_MI_ETHICS = """
### Motivoiva ohjaus ja digituen etiikka
"""

SURVEY_RULERS = """
### Valmiusjanat

Valitse janalta luku 0–10. Vastaa sen jälkeen kahteen lisäkysymykseen: *Miksi et valinnut
pienempää lukua?* ja *Mikä nostaisi lukua yhdellä?* Lisäkysymykset auttavat sinua huomaamaan, mikä
jo tukee sinua ja mikä veisi eteenpäin.
"""

ACTION_PLAN = """
## Yksityinen tehtävä: toimintasuunnitelma

Tämän tehtävän näette vain sinä ja ohjaajasi.

Kirjoita kolme toimenpidettä, joilla viet valmennuksessa oppimaasi omaan asiakastyöhösi. Kerro
jokaisesta

- mitä teet
- mikä on ensimmäinen askel
- milloin otat sen (päivämäärä tai viikko)
- kuka sinua tukee.

Esimerkiksi: "Käytän ryhmämme etäohjauksen pelisääntöjä seuraavassa ryhmäohjauksessa. Ensimmäinen
askel: lähetän säännöt osallistujille etukäteen maanantaina 8.3. Tukena on tiimimme digiagentti."

Kaikki kolme toimenpidettä ovat pakollisia. Kahdeksan sanaa kuhunkin riittää, mutta saat kirjoittaa
enemmän. Kirjoita lopuksi, keneltä saat tukea. Rooli riittää, nimeä ei tarvita.

Älä kirjoita suunnitelmaan mitään, mistä asiakkaan voi tunnistaa. Älä myöskään kirjoita omia
arkaluonteisia tietojasi, kuten henkilötunnustasi tai terveystietojasi.

Ohjaaja lukee suunnitelmasi ja kirjoittaa sinulle palautteen.
"""

REFLECTION = """
## Pohdi koko valmennusta

Kysymykset nojaavat Gibbsin reflektiivisen kehän loppuvaiheisiin: mitä opit, mistä muutokset
johtuvat ja mitä teet seuraavaksi [10]. Vastaa kysymykseen itsearvioinnista
vasta, kun olet verrannut jälkikyselyn vastauksiasi aloitusviikon vastauksiin.
Muutama virke kuhunkin kysymykseen riittää.
"""

FEEDBACK_SURVEY = """
## Palaute valmennuksesta

Palautteesi avulla valmennusta kehitetään seuraaville ryhmille. Arvioi väitteet samalla
asteikolla 1–5 kuin jälkikyselyssä. Kriittinenkin palaute on tervetullutta.

Näin palautteesi käsitellään:

- **Koordinaattorit** lukevat palautteen koko ryhmän yhteenvetona, eivät nimellä.
- **Ohjaajasi** lukee avoimet vastaukset. Hän näkee ne palautuksesi yhteenvedossa.

Kun vastaat kaikkiin yhdeksään väitteeseen, saat tästä osasta valmistumismerkinnän. "En osaa sanoa"
käy vastaukseksi. Avoimet kysymykset ovat vapaaehtoisia. Palautteen sisältö ei vaikuta
merkintöihisi. Älä kirjoita avoimiin vastauksiin asiakkaiden tai muiden osallistujien tietoja.
"""

SHARED = """
## Jaettu tehtävä: päätösseinä

Kerro ryhmälle yksi oivallus valmennuksesta ja yksi konkreettinen seuraava askel. Esimerkiksi:
"Oivallus: kun annan asiakkaan tehdä itse ja vain kysyn, hän uskaltaa kokeilla enemmän. Seuraava
askel: ensi viikolla annan asiakkaan pitää puhelinta omassa kädessään koko ohjauksen ajan."

Voit kirjoittaa ajatuksesi tai ladata kuvan, esimerkiksi valokuvan tai piirroksen. Jos lataat
kuvan, varmista, ettei siinä näy asiakkaita, asiakastietoja tai muiden ihmisten kasvoja.
Osallistu lisäksi yhteiseen päätöstapaamiseen, jos pystyt.

Päätät itse, jaetaanko ajatuksesi: omalla nimelläsi, nimimerkillä vai ei lainkaan. Jos et valitse
mitään, ajatusta ei jaeta. Ohjaaja kokoaa jaetut ajatukset ryhmän päätösseinälle. Älä kirjoita
jaettuun tehtävään asiakkaiden tietoja.
"""

SOURCES = """
## Lähteet

1. Innokylä: Ammattilainen digipalvelujen asiakkaana -verkkovalmennus. TiimiVerkko, Jyväskylän
   ammattikorkeakoulu, ESR 2018–2020.
   <https://innokyla.fi/fi/toimintamalli/ammattilainen-digipalvelujen-asiakkaana-verkkovalmennus>
2. Innokylä: Digivuorovaikutus osallisuuden tukena asiakastyössä. TiimiVerkko.
3. Suomi.fi: Using Messages in different life events (ohje: kirjaudu aina omilla
   tunnistusvälineilläsi). <https://www.suomi.fi/instructions-and-support/messages/using-messages-in-different-life-events>
4. Digi- ja väestötietovirasto: Suomi.fi-valtuudet. <https://dvv.fi/suomi.fi-valtuudet>
5. Digi- ja väestötietovirasto: Digituen eettinen ohjeistus. <https://dvv.fi/digituen-eettinen-ohjeistus>
6. NHA: Motivoiva haastattelu (blogi). <https://nha.fi/blogi/motivoiva-haastattelu>
7. Ollaranta, S. (2022). Yhteiskehittämistä asiakas- ja käyttäjäymmärryksen pohjalta digitaitojen
   parantamiseksi. SoTyDigi.
   <https://sotydigi.fi/2022/12/yhteiskehittamista-asiakas-ja-kayttajaymmarryksen-pohjalta-digitaitojen-parantamiseksi/>
8. Andrade, H. & Valtcheva, A. (2009). Promoting learning and achievement through self-assessment.
   Tiivistelmä: IMPACT-portaali, käsite "Self-assessment". <https://impactportal.eu/concept-self-assessment/>
9. Andrade, H. L. (2019). A Critical Review of Research on Student Self-Assessment. Frontiers in
   Education 4:87. <https://doi.org/10.3389/feduc.2019.00087>
10. Gibbs, G. (1988). Learning by Doing. Tiivistelmä Gibbsin reflektiivisestä kehästä:
    <https://www.nutshell100.com/subject/gibbs-reflective-cycle>
"""

FEEDBACK = """
## Ohjaajan palaute

Ohjaaja lukee toimintasuunnitelmasi ja pohdintasi ja kirjoittaa sinulle henkilökohtaisen
palautteen. Näet palautteen tämän kohdan alla, kun ohjaaja on julkaissut sen.
"""

AREA1 = ("DC11", "DC12", "DC13")
AREA2 = ("DC21", "DC22", "DC23", "DC24", "DC25", "DC26")
AREA3 = ("DC31", "DC32", "DC33", "DC34")
AREA4 = ("DC41", "DC42", "DC43", "DC44")
AREA5 = ("DC51", "DC52", "DC53", "DC54")
COURAGE = ("DCR1", "DCR2", "DCR3", "DCR4", "DCR5")
MI_ETHICS = ("MI1", "MI2", "MI3", "MI4", "ETH1", "ETH2", "ETH3", "ETH4")
RULERS = ("RR1", "RR2")
POST_SURVEY = AREA1 + AREA2 + AREA3 + AREA4 + AREA5 + COURAGE + MI_ETHICS + RULERS

ACTIONS = ("C_ACTION1", "C_ACTION2", "C_ACTION3", "C_SUPPORT")
REFLECTIONS = ("C_R_CHANGED", "C_R_SURPRISE", "C_R_FIRST")
COURSE_FEEDBACK = ("CF1", "CF2", "CF3", "CF4", "CF5", "CF6", "CF7", "CF8", "CF9")
COURSE_FEEDBACK_OPEN = ("CF_HELP", "CF_CHANGE", "CF_MISSING")

WEEK = Week(
    id="paatos",
    intro=INTRO,
    theory=(("teoria", THEORY),),
    parts=(
        Part("jalkikysely_ohje", SURVEY_INTRO),
        Part("kysely_tieto_ohje", SURVEY_AREA1, AREA1),
        Part("kysely_viestinta_ohje", SURVEY_AREA2, AREA2),
        Part("kysely_sisallot_ohje", SURVEY_AREA3, AREA3),
        Part("kysely_turvallisuus_ohje", SURVEY_AREA4, AREA4),
        Part("kysely_ongelmanratkaisu_ohje", SURVEY_AREA5, AREA5),
        Part("kysely_digirohkeus_ohje", SURVEY_COURAGE, COURAGE),
        Part("kysely_mi_etiikka_ohje", SURVEY_MI_ETHICS, MI_ETHICS),
        Part("kysely_janat_ohje", SURVEY_RULERS, RULERS),
        Part("muutos_ohje", CHANGE, code='nb.compare_with("viikko0")'),
        Part("suunnitelma_ohje", ACTION_PLAN, ACTIONS),
        Part("pohdinta_ohje", REFLECTION, REFLECTIONS),
        Part("palaute_ohje", FEEDBACK_SURVEY, COURSE_FEEDBACK + COURSE_FEEDBACK_OPEN),
        Part("jaettu_ohje", SHARED, ("C_SHARED", "C_SHARE")),
    ),
    checks=(
        Check("valmis_jalkimittaus", POST_SURVEY),
        Check("valmis_toimintasuunnitelma", ACTIONS),
        Check("valmis_pohdinta", REFLECTIONS),
        Check("valmis_palaute", COURSE_FEEDBACK),
        Check("valmis_jaettu", ("C_SHARED",)),
    ),
    feedback=FEEDBACK,
    sources=SOURCES,
)
