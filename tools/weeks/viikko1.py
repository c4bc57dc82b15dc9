"""Week 1: the professional as a client of digital services (CURRICULUM.md §5, week 1)."""

from notebook_writer import Check, Part, Week

INTRO = """
# Viikko 1: Ammattilainen digipalvelun asiakkaana

Tervetuloa ensimmäiseen teemaviikkoon! Tällä viikolla asetut asiakkaan asemaan. Hoidat itse yhden
asian sähköisessä palvelussa ja kirjaat, miten se sujui ja miltä se tuntui. Kokemus on pohja koko
valmennukselle: kun tiedät omasta kokemuksestasi, missä kohdassa asiointi takkuaa, ymmärrät paremmin
myös asiakastasi.

**Tavoitteet.** Viikon jälkeen osaat

- kuvata, millaisia haasteita ja ratkaisuja sähköiseen asiointiin liittyy asiakkaan näkökulmasta
- kirjata asiakaspolun vaiheet, esteet ja tunteet
- kertoa, mitä digituki ja digirohkeus tarkoittavat
- tunnistaa, missä omaa digiosaamistasi kannattaa kehittää.

**Aikaa kuluu** noin puolitoista tai kaksi tuntia. Teet tehtävät viikon aikana silloin, kun se
sinulle sopii.

**Näin vastaat.** Kirjoita vastaukset tekstikenttiin ja valitse sopivat vaihtoehdot. Jokainen
vastaus tallentuu heti, ja kentän alle tulee teksti "Tallennettu klo …". Muistikirjaa ei tarvitse
tallentaa erikseen. Voit sulkea välilehden ja jatkaa myöhemmin, sillä vastauksesi ovat tallessa.
Kun olet valmis, palauta tehtävä osallistujan pikaoppaan ohjeen mukaan.
"""

THEORY = """
## 1. Miksi kokeilla palvelua itse asiakkaana?

Valmennus perustuu TiimiVerkko-hankkeessa kehitettyyn malliin, jossa ammattilainen käyttää
digipalveluja ensin itse asiakkaan roolissa. Kun kokee palvelun hyödyt ja hankaluudet omin käsin,
ymmärrys asiakkaan tilanteesta laajenee. Samalla syntyy parempia ideoita palvelujen kehittämiseen,
johon palaamme valmennuksen lopussa [1][2].

## 2. Mitä digituki on?

Digi- ja väestötietovirasto (DVV) määrittelee digituen tueksi, jota annetaan sähköisten palvelujen ja
laitteiden käyttöön. Tavoitteena on, että asiakas oppii käyttämään niitä itsenäisesti ja
turvallisesti. Digitukea annetaan kolmella tavalla:

- **lähitukena** kasvokkain
- **etätukena** esimerkiksi chatissa, puhelimessa tai videoyhteydellä
- **koulutuksina**.

DVV:n mukaan useimmat ihmiset haluavat ja pystyvät oppimaan digitaitoja, kun motivaatio ja ohjaus
ovat kunnossa. Digitukea antavan tavoite on, että asiakas pärjää jatkossa itse. Siksi hyvä digituen
antaja kannustaa asiakasta tekemään asiat omin käsin ja tuntee myös oman osaamisensa rajat [3].

## 3. Digirohkeus

DVV:n määritelmän mukaan digirohkeus on itseluottamusta, jonka varassa ihminen uskaltaa kokeilla ja
ottaa käyttöön uusia tai päivittyneitä digitaalisia laitteita ja palveluja ja kehittyä niiden
käytössä. Jokainen uusi tai muuttunut palvelu vaatii, että sietää hetken epävarmuutta [4].

Kukaan ei ole pelkästään "digirohkea" tai "digipelokas". Digirohkeus syntyy ympäristön, laitteiden
ja ihmisen yhteisvaikutuksesta. Se ei tarkoita, ettei jännittäisi, vaan sitä, että pystyy voittamaan
pelkonsa [5].

DVV:n Digitaitoraportin mukaan vuonna 2022

- 79 prosentilla suomalaisista oli vähintään perustason digitaidot
- 39 prosenttia tarvitsi usein tukea digitaalisten palvelujen käytössä [6].

Moni asiakkaasi kuuluu siis siihen suureen joukkoon, joka tarvitsee tukea ainakin joskus.

## 4. Digitaidot, jotka jokaisella pitäisi olla

DVV julkaisi toukokuussa 2023 suosituksen digitaidoista, jotka jokaisen tulisi hallita. Jokaisen
pitäisi ainakin osata käyttää sähköpostia, hoitaa omia asioitaan digitaalisissa palveluissa sekä
hallita salasanojaan ja tunnistautumistaan. Kaikissa ikäryhmissä pidettiin tärkeänä myös sitä, että
ihminen tuntee oman osaamisensa tason ja luottaa siihen, että voi kehittää sitä [7].

## 5. DigComp: kartta digiosaamiseen

Euroopan unionin DigComp 2.2 -viitekehys jakaa kansalaisen digiosaamisen viiteen osa-alueeseen ja
21 osaamiseen [8]. Osa-alueet ovat

1. informaatio- ja datalukutaito
2. viestintä ja yhteistyö
3. digitaalisen sisällön luominen
4. turvallisuus
5. ongelmanratkaisu.

Tällä viikolla tärkeimpiä ovat nämä kolme osaamista:

- **2.3 Kansalaisena toimiminen digitaalisten teknologioiden avulla:** osallistuminen yhteiskuntaan
  julkisten ja yksityisten digipalvelujen kautta.
- **5.2 Tarpeiden ja teknologisten ratkaisujen tunnistaminen:** esimerkiksi digitaalisen ympäristön
  säätäminen omiin tarpeisiin, kuten saavutettavuusasetusten käyttö.
- **5.4 Digitaalisen osaamisen puutteiden tunnistaminen:** ymmärrys siitä, missä oma osaaminen
  kaipaa päivittämistä, ja taito tukea muita heidän digiosaamisensa kehittämisessä [9].

Osaamisten suomenkieliset nimet ovat valmennuksen omia käännöksiä, koska virallista suomennosta ei ole.

## 6. Kokemuksesta oppimiseen

David Kolbin kokemuksellisen oppimisen mallissa oppiminen kulkee kehänä: kokemus, sen pohtiminen,
käsitteiden muodostaminen ja uuden kokeileminen [10]. Tämä viikko seuraa samaa kehää:

1. **Kokemus:** hoidat asian digipalvelussa asiakkaana.
2. **Pohdinta:** kirjaat, mitä tapahtui ja miltä tuntui.
3. **Käsitteet:** peilaat kokemustasi digitukeen ja digirohkeuteen.
4. **Kokeilu:** mietit, mitä teet toisin, kun ohjaat seuraavaa asiakasta.
"""

PRIVATE = """
## Yksityinen tehtävä: asiakaspolkupäiväkirja

Tämän tehtävän näette vain sinä ja ohjaajasi.

1. Valitse yksi arkinen asiointitehtävä, jonka voit tehdä omalla laitteellasi. Esimerkiksi:
   - etsi Suomi.fi-palvelusta jokin palvelu ja sen neuvonnan yhteystiedot
   - varaa aika jossakin julkisessa sähköisessä palvelussa tai etene varaukseen asti ja keskeytä
     ennen vahvistusta
   - etsi jonkin julkisen verkkopalvelun saavutettavuusseloste.
2. Tee tehtävä alusta loppuun niin kuin asiakas tekisi. **Älä syötä kenenkään muun tietoja.** Älä
   myöskään kirjoita tähän henkilötunnustasi tai muita arkaluonteisia tietojasi.
3. Kirjaa päiväkirjaan jokainen vaihe: mitä teit, kauanko se kesti, miltä tuntui asteikolla 1–5
   (1 = todella hankalaa, 5 = sujui hyvin), mikä hankaloitti ja missä kohdassa tarjottiin apua.

Ohjaaja lukee päiväkirjasi ja kirjoittaa sinulle palautteen.
"""

REFLECTION = """
## Pohdi kokemustasi

Pohdinta etenee Gibbsin reflektiivisen kehän vaiheiden mukaan: ensin kuvaat tapahtuneen, sitten
tunteesi, sen jälkeen pohdit syitä ja lopuksi sitä, mitä teet jatkossa [11]. Muutama virke
kuhunkin kysymykseen riittää.
"""

SELF_ASSESSMENT = """
## Itsearviointi

Arvioi, miten hyvin väitteet kuvaavat sinua juuri nyt. Vertaa itseäsi viikon tavoitteisiin sivun
alussa. Itsearviointi tukee omaa oppimistasi: numeroa ei arvostella, ja samoja asioita kysytään
uudelleen valmennuksen lopussa. Jos et osaa arvioida jotakin kohtaa, valitse "En osaa sanoa".
"""

SHARED = """
## Jaettu tehtävä ryhmälle

Kerro ryhmälle yksi este, johon törmäsit asioidessasi, ja yksi "Miten voisimme …?" -kysymys, joka
voisi madaltaa estettä. Esimerkiksi: "Miten voisimme auttaa asiakasta löytämään neuvonnan
yhteystiedot nopeammin?" Kommentoi lisäksi kannustavasti yhden toisen osallistujan ajatusta [12][13].

Päätät itse, jaetaanko ajatuksesi: omalla nimelläsi, nimimerkillä vai ei lainkaan. Jos et valitse
mitään, ajatusta ei jaeta. Ohjaaja kokoaa jaetut ajatukset ryhmän yhteiselle seinälle. Älä kirjoita
jaettuun tehtävään asiakkaiden tietoja.
"""

SOURCES = """
## Lähteet

1. Innokylä: Ammattilainen digipalvelujen asiakkaana -verkkovalmennus. TiimiVerkko, Jyväskylän
   ammattikorkeakoulu, ESR 2018–2020.
   <https://innokyla.fi/fi/toimintamalli/ammattilainen-digipalvelujen-asiakkaana-verkkovalmennus>
2. Paasu-Hynynen, S. (2021). Digisti työelämässä TiimiVerkon malliin. JAMK TikiTalk -blogi 15.2.2021.
   <https://blogit.jamk.fi/tikitalk/2021/02/15/digisti-tyoelamassa-tiimiverkon-malliin/>
3. Digi- ja väestötietovirasto: Digituen eettinen ohjeistus. <https://dvv.fi/digituen-eettinen-ohjeistus>
4. Digi- ja väestötietovirasto: Digiosaamisen tilannekuva (Digitaitoraportti).
   <https://dvv.fi/digiosaamisen-tilannekuva>
5. Piirainen, M. (DVV): Digirohkeus on tulevaisuuden digitaito. Kuntalehti, kolumni.
   <https://kuntalehti.fi/kolumnit/minna-piiraisen-kolumni-digirohkeus-on-tulevaisuuden-digitaito/>
6. Digi- ja väestötietovirasto, tiedote 2.12.2022: Suomalaiset pysyvät digikehityksen mukana hyvin,
   mutta ilman digitukea emme pärjää.
   <https://dvv.fi/-/suomalaiset-pysyvat-digikehityksen-mukana-hyvin-mutta-ilman-digitukea-emme-parjaa>
7. Digi- ja väestötietovirasto, 8.5.2023: Everyone should have these digital skills.
   <https://dvv.fi/en/-/everyone-should-have-these-digital-skills>
8. Vuorikari, R., Kluzer, S. & Punie, Y. (2022). DigComp 2.2: The Digital Competence Framework for
   Citizens. Publications Office of the European Union. <https://doi.org/10.2760/115376>
9. DigComp-osaamisten nimet ja kuvaukset (CSV). <https://github.com/dini-ag-kim/digComp/blob/main/DigComp.csv>
10. Kolb, D. A. (1984). Experiential Learning: Experience as the Source of Learning and Development.
    Tiivistelmä: <https://en.wikipedia.org/wiki/Kolb%27s_experiential_learning>
11. Gibbs, G. (1988). Learning by Doing. Tiivistelmä Gibbsin reflektiivisestä kehästä:
    <https://www.nutshell100.com/subject/gibbs-reflective-cycle>
12. Ollaranta, S. (2022). Yhteiskehittämistä asiakas- ja käyttäjäymmärryksen pohjalta digitaitojen
    parantamiseksi. SoTyDigi.
    <https://sotydigi.fi/2022/12/yhteiskehittamista-asiakas-ja-kayttajaymmarryksen-pohjalta-digitaitojen-parantamiseksi/>
13. Innokylä: Digivuorovaikutus osallisuuden tukena asiakastyössä. TiimiVerkko.
"""

FEEDBACK = """
## Ohjaajan palaute

Ohjaaja lukee asiakaspolkupäiväkirjasi ja pohdintasi ja kirjoittaa sinulle henkilökohtaisen
palautteen. Näet palautteen tämän kohdan alla, kun ohjaaja on julkaissut sen.
"""

WEEK = Week(
    id="viikko1",
    intro=INTRO,
    theory=(("teoria", THEORY),),
    parts=(
        Part("tehtava_ohje", PRIVATE, ("W1_DIARY",)),
        Part("pohdinta_ohje", REFLECTION, ("W1_R_DESC", "W1_R_FEEL", "W1_R_ANAL", "W1_R_PLAN")),
        Part("itsearviointi_ohje", SELF_ASSESSMENT, ("W1_SA1", "W1_SA2", "W1_SA3", "W1_SA4", "W1_SA5")),
        Part("jaettu_ohje", SHARED, ("W1_SHARED", "W1_SHARE")),
    ),
    checks=(
        Check("valmis_paivakirja", ("W1_DIARY",)),
        Check("valmis_pohdinta", ("W1_R_DESC", "W1_R_FEEL", "W1_R_ANAL", "W1_R_PLAN")),
        Check("valmis_itsearviointi", ("W1_SA1", "W1_SA2", "W1_SA3", "W1_SA4", "W1_SA5")),
        Check("valmis_jaettu", ("W1_SHARED",)),
    ),
    feedback=FEEDBACK,
    sources=SOURCES,
)
