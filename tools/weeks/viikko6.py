"""Week 6: co-development and service design, my digital pilot (CURRICULUM.md §5, week 6)."""

from notebook_writer import Check, Part, Week

INTRO = """
# Viikko 6: Yhteiskehittäminen ja palvelumuotoilu: oma digikokeilu

Tervetuloa valmennuksen viimeiselle teemaviikolle! Viikolla 1 kokeilit digipalvelua asiakkaan
roolissa. Nyt käytät tätä kokemusta ja kaikkea, mitä olet valmennuksessa tähän mennessä oppinut.
Suunnittelet oman pienen digikokeilun, jonka voit tehdä työssäsi yhdessä asiakkaiden ja kollegoiden
kanssa. Apuna on palvelumuotoilu eli tapa kehittää palveluja asiakkaan näkökulmasta.

**Tavoitteet.** Viikon jälkeen osaat

- käyttää palvelumuotoilun perusmenetelmiä: tuplatimanttia, persoonaa ja ”Miten voisimme …?”
  -kysymystä
- suunnitella pienen, rajatun ja turvallisen digikokeilun omaan työhösi
- esitellä ideasi digitaalisesti, esimerkiksi tekstinä, kuvana tai piirroksena
- suunnitella, mistä saat kokeilulle tukea ja aikaa työyhteisössäsi.

**Aikaa kuluu** noin puolitoista tai kaksi tuntia. Teet tehtävät viikon aikana silloin, kun se
sinulle sopii.

**Näin vastaat.** Kirjoita vastaukset tekstikenttiin, rastita sopivat kohdat ja valitse sopivat
vaihtoehdot. Jaetussa tehtävässä voit kirjoittaa tekstin tai ladata kuvan. Jokainen vastaus
tallentuu heti, ja kentän alle tulee teksti "Tallennettu klo …". Muistikirjaa ei tarvitse tallentaa
erikseen. Voit sulkea välilehden ja jatkaa myöhemmin, sillä vastauksesi ovat tallessa. Kun olet
valmis, palauta tehtävä osallistujan pikaoppaan ohjeen mukaan.
"""

THEORY = """
## 1. Miksi kehittää palveluja yhdessä?

Palvelu toimii hyvin vain, jos se sopii niille, jotka sitä käyttävät. Siksi uusia palveluja
kannattaa kehittää yhdessä asiakkaiden ja kollegoiden kanssa. Tätä kutsutaan yhteiskehittämiseksi.

TiimiVerkko-hankkeessa ammattilaiset ja asiakkaat ideoivat, suunnittelivat ja toteuttivat
digikokeiluja tasavertaisesti yhdessä, ja jokaisen osaamista hyödynnettiin. Menetelmäksi valittiin
palvelumuotoilu, koska se ottaa hyvin huomioon asiakkaan tarpeet, odotukset ja näkökulman [2].
Yhteiskehittämisessä ammattilaisen ja asiakkaan roolit voivat vaihtua osaamisen mukaan [1].

Hankkeessa huomattiin myös, että uusi teknologia ei yksin tee palveluista parempia. Sen tekevät
ihmiset, jotka teknologiaa käyttävät [1][2].

## 2. Asiakasymmärrys ja persoona

Palvelumuotoilussa asiakas on aina keskiössä. Asiakasymmärrys on asiakkailta kerättyä ja
analysoitua tietoa. Sen avulla nähdään, mitä asiakas palvelussa arvostaa ja mikä hiertää tai estää
häntä käyttämästä palvelua. Asiakkaan kokemus syntyy koko palvelusta, ei sen yksittäisistä osista [3].

Sinulla on jo aineistoa. Viikon 1 asiakaspolkupäiväkirjaan kirjasit, missä kohdassa asiointi
takkusi ja miltä se tuntui. Tunnet myös asiakkaidesi arjen työsi kautta. Voit lisäksi kysyä
asiakkailta ja kollegoilta, mikä digiasioinnissa on heistä hankalinta.

**Persoona** on kuvitteellinen henkilö, joka tiivistää yhden asiakasryhmän tarpeet ja hankaluudet.
SoTyDigi-hankkeessa persoonat ja asiakasprofiilit rakennettiin kerätyn asiakasymmärryksen pohjalta.
Profiilien erot kannattaa tuoda näkyviin, jotta palvelun voi suunnata erilaisille asiakkaille [3].
Persoona ei ole oikea asiakas, eikä ketään voi tunnistaa siitä. Esimerkki:

> **Kuvitteellinen persoona Jari, 58.** Jari on ollut pitkään työttömänä. Hänellä on älypuhelin
> mutta ei tietokonetta. Pankkiasiat hän hoitaa puhelimella, mutta viranomaisten verkkopalvelut
> jännittävät. Hän pelkää tekevänsä virheen, joka vaikuttaa hänen etuuksiinsa. Jaria kiinnostaa
> kalastus, ja hän katsoo kalastusvideoita puhelimeltaan.

SoTyDigi-hankkeessa todettiin, että asiakkaan motivaatio herää parhaiten, kun hän huomaa
digipalvelun hyödyttävän itseään. Alku löytyy usein harrastuksesta tai muusta kiinnostuksen
kohteesta. Sen jälkeen on helpompi opetella myös viranomaisasiointia [3].

## 3. Ongelmasta haasteeksi: ”Miten voisimme …?”

Palvelumuotoilussa ongelma muotoillaan haasteeksi, jotta asialle voidaan tehdä jotain. Tarkoitus ei
ole keksiä heti nopeaa vastausta. Ensin kysytään, mitä haastetta oikeastaan ollaan ratkaisemassa.
SoTyDigi-hankkeen valmennuksessa haastetta tarkasteltiin näillä kysymyksillä [3]:

- Mikä aiheuttaa haasteen nyt?
- Mikä muodostaa kuilun ongelman ja ratkaisun välille?
- Milloin ja missä ongelma tulee esiin?
- Millaisia vaikutuksia haasteella on esimerkiksi aikaan tai rahaan?
- Kuinka tärkeää haaste on ratkaista, ja miksi?

Sen jälkeen ideoita haettiin ”Miten voisimme …?” -kysymyksellä [3]. Ongelma ”Jari ei uskalla
asioida verkossa” muuttuu esimerkiksi kysymykseksi ”Miten voisimme auttaa Jaria kokeilemaan
verkkoasiointia niin, ettei virheen pelko estä häntä?” Hyvä kysymys ei sisällä valmista ratkaisua,
joten siihen voi keksiä monta vastausta.

## 4. Tuplatimantti: neljä vaihetta

Brittiläisen Design Councilin tuplatimanttimalli (Double Diamond) jakaa kehittämisen neljään
vaiheeseen. Mallissa on kaksi timanttia. Kummassakin ajatellaan ensin laajasti ja kerätään monta
vaihtoehtoa, sitten rajataan ja valitaan. Ensimmäinen timantti koskee ongelmaa, toinen
ratkaisua [4].

1. **Tutki:** selvitä, miten asiakkaat kokevat asian. Apuna voi käyttää esimerkiksi
   asiakaspäiväkirjoja, asiakaspolkuja ja persoonia.
2. **Määrittele:** valitse haaste, johon tartut, ja kirjoita se ”Miten voisimme …?” -kysymykseksi.
3. **Kehitä:** ideoi monta ratkaisua yhdessä muiden kanssa ja kokeile niitä.
4. **Toteuta:** testaa ratkaisua pienesti, paranna toimivaa ja luovu siitä, mikä ei toimi.

Design Councilin mukaan yksi suurimmista virheistä on ohittaa ensimmäinen timantti. Silloin
ratkaistaan helposti väärää ongelmaa. Vaiheisiin voi myös palata [4].

Palvelumuotoilua on käytetty myös digituen kehittämisessä. Varsinais-Suomessa selvitettiin
palvelumuotoilun avulla, millaista digitukea asiakkaat tarvitsevat. Mukana oli sekä digitukea
tarvitsevia että sitä antavia. Sen jälkeen alueen digituen verkostojen työpajoissa perehdyttiin
myös Digi- ja väestötietoviraston (DVV) digituen eettiseen ohjeistukseen [5][6].

## 5. Pieni digikokeilu

Kokeilulla testaat ideaa, ennen kuin siitä tulee pysyvä tapa toimia. Hyvä kokeilu on

- **pieni:** yksi idea, yksi asiakasryhmä ja yksi väline
- **määräaikainen:** sillä on alku ja loppu, esimerkiksi neljä viikkoa
- **mitattava:** päätät etukäteen, mistä tiedät, toimiko se. Voit esimerkiksi laskea, moniko
  asiakas kokeili, pyytää asiakkailta palautetta asteikolla 1–5 tai kirjata omia havaintojasi.
- **turvallinen:** et vie asiakkaiden tietoja uuteen välineeseen ilman organisaatiosi hyväksyntää.

Turvallisuuteen kuuluu myös se, mitä opit viikoilla 3 ja 4. Käytä vain välineitä, jotka
organisaatiosi on hyväksynyt. Asiakas kirjoittaa tunnuksensa aina itse, etkä pyydä tai tallenna
niitä. Kerro asiakkaalle, että kokeiluun osallistuminen on vapaaehtoista, ja tarjoa myös toinen
tapa hoitaa asia.

TiimiVerkko-hankkeessa uusia digipalveluja juurrutettiin osaksi arkea esimerkiksi
palvelulupausten, palvelukuvausten, nimettyjen vastuuhenkilöiden ja aikataulutettujen
jatkosuunnitelmien avulla [2]. Kehittäminen ei etene suoraviivaisesti, vaan jokaisessa
organisaatiossa sen omien mahdollisuuksien mukaan [2]. Jos idea ei toimi, sen saa haudata ja
aloittaa alusta [1].

## 6. Näin viet kokeilun työyhteisöön

TiimiVerkko-hanke antaa digipalvelujen kehittäjille nämä vinkit [1][2]:

- **Digituki.** Mieti etukäteen, keneltä kysyt, kun eteen tulee digipulma. Sopikaa yhdessä, miten
  tukea saa.
- **Varaa aikaa kalenterista.** Varaa aika kehittämiselle etukäteen, jotta se ei jää kiireen
  jalkoihin.
- **Tue kollegaa.** Ensimmäinen kerta on aina vaikein. Kehittäjä tarvitsee tuekseen työnohjausta,
  sparrausta ja riittävän tiimin.
- **Digiagentti.** Etsi työyhteisöstä ihminen, jota kehittäminen innostaa. Tällainen sisäinen
  agentti auttaa jaksamaan silloinkin, kun muiden into hiipuu.
- **Ajattele isosti.** Ideoi rohkeasti ja kuuntele kaikkien ideat, hulluimmatkin.
- **Sovella.** Uusi väline ei yksin riitä. Toimintatapaa pitää osata soveltaa erilaisiin
  tilanteisiin.

## 7. Digiminäpystyvyys: jokainen voi oppia

Minäpystyvyys on psykologi Albert Banduran käsite. Se tarkoittaa ihmisen uskoa siihen, että hän
pystyy tekemään sen, mitä tilanne vaatii. Vahvimmin sitä kasvattavat omat onnistumiset [7].
Digiminäpystyvyys on samaa uskoa digitaalisissa asioissa. TiimiVerkko-hankkeen mukaan jokainen osaa
ja kykenee, kunhan saa riittävästi taitoja, kannustusta ja rohkaisua. Digiminäpystyvyys kehittyy
yhteisön tuella. Hankkeessa koulutukset, digikeskustelut ja digituki lisäsivät osallistujien
digiminäpystyvyyttä, ja kynnys ideoida ja kokeilla uusia digipalveluja madaltui [2].

Ennen kuin voi ohjata muita, on harjoiteltava itse. Työntekijällä pitäisi olla myös mahdollisuus
puhua ääneen omista digipeloistaan [3]. Pieni, onnistunut kokeilu vahvistaa siis sekä sinun että
asiakkaasi rohkeutta.

## 8. Kun esittelet ideasi

DigComp 2.2 -viitekehyksessä digitaalisen sisällön luomiseen kuuluu sisällön tekeminen ja
muokkaaminen eri muodoissa. Siihen kuuluu myös ymmärrys siitä, miten tekijänoikeudet ja lisenssit
koskevat digitaalista tietoa ja sisältöä [8][9]. Kun esittelet ideasi ryhmälle, helpointa on
käyttää omaa piirrosta tai itse ottamaasi kuvaa. Jos käytät jonkun muun tekemää kuvaa, tarkista
ensin, millä ehdoilla sitä saa käyttää, ja mainitse tekijä.
"""

PRIVATE = """
## Yksityinen tehtävä: suunnittele oma digikokeilu

Tämän tehtävän näette vain sinä ja ohjaajasi. Suunnittelet pienen digikokeilun, jonka voisit tehdä
omassa työssäsi. Etene tuplatimantin vaiheiden mukaan:

1. **Persoona.** Kuvaile kuvitteellinen henkilö, joka edustaa yhtä asiakasryhmääsi. Käytä
   aineistona viikon 1 asiakaspolkupäiväkirjaa ja sitä, mitä tiedät asiakkaidesi arjesta.
2. **”Miten voisimme …?”** Valitse yksi persoonasi haaste ja kirjoita siitä kysymys.
3. **Kokeilusuunnitelma.** Kerro, mitä kokeilet, kenen kanssa, milloin ja kuinka kauan. Kerro myös,
   mistä tiedät kokeilun onnistuneen, mitä tukea tarvitset ja mitä riskejä näet. Apukysymykset
   näet tekstikentän yläpuolella.
4. **Ensimmäiset askeleet.** Rastita vähintään kaksi askelta, jotka lupaat ottaa.

**Älä kirjoita mitään, mistä asiakkaan voi tunnistaa.** Persoona on keksitty, eikä se saa muistuttaa
ketään yksittäistä asiakasta. Älä myöskään kirjoita henkilötunnustasi, terveystietojasi tai muita
arkaluonteisia tietojasi.

Ohjaaja lukee suunnitelmasi ja kirjoittaa sinulle palautteen.
"""

REFLECTION = """
## Pohdi suunnitelmaasi

Kolbin kokemuksellisen oppimisen kehässä tämä viikko on uuden kokeilemisen vaihe: viikon 1
kokemuksesta ja valmennuksen teoriasta syntyy kokeilu omaan työhön [10]. Pohdinta etenee Gibbsin
reflektiivisen kehän mukaan: ensin kuvaat, mistä ideasi syntyi, sitten pohdit oletuksiasi ja
lopuksi sitä, miten varmistat kokeilun onnistumisen [11]. Muutama virke kuhunkin kysymykseen
riittää.
"""

SELF_ASSESSMENT = """
## Itsearviointi

Arvioi, miten hyvin väitteet kuvaavat sinua juuri nyt. Vertaa itseäsi viikon tavoitteisiin sivun
alussa. Itsearviointi tukee omaa oppimistasi: numeroa ei arvostella, ja samoja asioita kysytään
uudelleen valmennuksen lopussa. Jos et osaa arvioida jotakin kohtaa, valitse "En osaa sanoa".
"""

SHARED = """
## Jaettu tehtävä ryhmälle

Esittele kokeiluideasi ryhmälle lyhyesti. Voit kirjoittaa muutaman virkkeen tai ladata kuvan,
esimerkiksi valokuvan paperille piirtämästäsi luonnoksesta [12]. Kerro ainakin, mitä aiot kokeilla
ja kenen kanssa.

Kommentoi lisäksi yhden toisen osallistujan ideaa. Kirjoita kommenttiisi yksi ”Miten voisimme …?”
-kysymys, joka voisi viedä ideaa eteenpäin [3]. Käymme kokeilut yhdessä läpi valmennuksen
päätöstapaamisessa.

Päätät itse, jaetaanko ideasi: omalla nimelläsi, nimimerkillä vai ei lainkaan. Jos et valitse
mitään, ideaa ei jaeta. Ohjaaja kokoaa jaetut ideat ryhmän yhteiselle seinälle. Älä kirjoita
jaettuun tehtävään asiakkaiden tietoja äläkä kuvaa asiakkaita tai heidän asiakirjojaan.
"""

SOURCES = """
## Lähteet

1. Innokylä: Ammattilainen digipalvelujen asiakkaana -verkkovalmennus. TiimiVerkko, Jyväskylän
   ammattikorkeakoulu, ESR 2018–2020.
   <https://innokyla.fi/fi/toimintamalli/ammattilainen-digipalvelujen-asiakkaana-verkkovalmennus>
2. Paasu-Hynynen, S. (2021). Digisti työelämässä TiimiVerkon malliin. JAMK TikiTalk -blogi 15.2.2021.
   <https://blogit.jamk.fi/tikitalk/2021/02/15/digisti-tyoelamassa-tiimiverkon-malliin/>
3. Ollaranta, S. (2022). Yhteiskehittämistä asiakas- ja käyttäjäymmärryksen pohjalta digitaitojen
   parantamiseksi. SoTyDigi.
   <https://sotydigi.fi/2022/12/yhteiskehittamista-asiakas-ja-kayttajaymmarryksen-pohjalta-digitaitojen-parantamiseksi/>
4. Design Council: The Double Diamond (tuplatimanttimalli). Kopio:
   <https://it.scribd.com/document/407918797/Design-Diamond> ; kuvaus: Open Change Academy,
   <https://www.openchangeacademy.co.uk/double-diamond>
5. Digituki Varsinais-Suomessa -hanke: Palvelumuotoilu digituen verkostojen tukena. Turun kaupunki,
   Blogi digipalveluista.
   <https://turku-fi.prod.tku.wunder.io/blogit/blogi-digipalveluista/palvelumuotoilu-digituen-verkostojen-tukena>
6. Digi- ja väestötietovirasto: Digituen eettinen ohjeistus. <https://dvv.fi/digituen-eettinen-ohjeistus>
7. Bandura, A. (1977). Self-efficacy: Toward a unifying theory of behavioral change. Psychological
   Review 84(2). <https://verdi.cs.ucl.ac.uk/constructDB/publications/bandura-selfefficacy-1977.html>
8. Vuorikari, R., Kluzer, S. & Punie, Y. (2022). DigComp 2.2: The Digital Competence Framework for
   Citizens. Publications Office of the European Union. <https://doi.org/10.2760/115376>
9. DigComp-osaamisten nimet ja kuvaukset (CSV). <https://github.com/dini-ag-kim/digComp/blob/main/DigComp.csv>
10. Kolb, D. A. (1984). Experiential Learning: Experience as the Source of Learning and Development.
    Tiivistelmä: <https://en.wikipedia.org/wiki/Kolb%27s_experiential_learning>
11. Gibbs, G. (1988). Learning by Doing. Tiivistelmä Gibbsin reflektiivisestä kehästä:
    <https://www.nutshell100.com/subject/gibbs-reflective-cycle>
12. Innokylä: Digivuorovaikutus osallisuuden tukena asiakastyössä. TiimiVerkko.
"""

FEEDBACK = """
## Ohjaajan palaute

Ohjaaja lukee kokeilusuunnitelmasi ja pohdintasi ja kirjoittaa sinulle henkilökohtaisen
palautteen. Näet palautteen tämän kohdan alla, kun ohjaaja on julkaissut sen.
"""

PRIVATE_ITEMS = ("W6_PERSONA", "W6_HMW", "W6_PILOT", "W6_STEPS")
REFLECTION_ITEMS = ("W6_R_DESC", "W6_R_ANAL", "W6_R_PLAN")
SELF_ASSESSMENT_ITEMS = ("W6_SA1", "W6_SA2", "W6_SA3", "W6_SA4", "W6_SA5")

WEEK = Week(
    id="viikko6",
    intro=INTRO,
    theory=(("teoria", THEORY),),
    parts=(
        Part("kokeilu_ohje", PRIVATE, PRIVATE_ITEMS),
        Part("pohdinta_ohje", REFLECTION, REFLECTION_ITEMS),
        Part("itsearviointi_ohje", SELF_ASSESSMENT, SELF_ASSESSMENT_ITEMS),
        Part("jaettu_ohje", SHARED, ("W6_SHARED", "W6_SHARE")),
    ),
    checks=(
        Check("valmis_kokeilu", PRIVATE_ITEMS),
        Check("valmis_pohdinta", REFLECTION_ITEMS),
        Check("valmis_itsearviointi", SELF_ASSESSMENT_ITEMS),
        Check("valmis_jaettu", ("W6_SHARED",)),
    ),
    feedback=FEEDBACK,
    sources=SOURCES,
)
