"""Week 3: information security and safe transactions in client work (CURRICULUM.md §5, week 3)."""

from notebook_writer import Check, Part, Week

INTRO = """
# Viikko 3: Tietoturva ja turvallinen asiointi asiakastyössä

Tällä viikolla perehdyt siihen, miten autat asiakasta asioimaan verkossa turvallisesti. Käyt läpi
tietoturvan perustaidot, tavallisimmat huijaukset, vahvan sähköisen tunnistamisen ja
Suomi.fi-valtuudet. Tarkistat myös oman toimintasi, sillä neuvoja on helpompi antaa, kun on ensin
ottanut ne itse käyttöön.

**Tavoitteet.** Viikon jälkeen osaat

- antaa asiakkaalle tietoturvan perusneuvoja: salalause, palvelukohtaiset salasanat, kaksivaiheinen
  tunnistautuminen, päivitykset ja huijausviestien tunnistaminen
- kertoa, mitä vahva sähköinen tunnistaminen on ja miksi pankkitunnuksia kannattaa käyttää vain
  pankissa
- kertoa, miten Suomi.fi-valtuuksilla voi laillisesti asioida toisen puolesta
- toimia niin, ettet koskaan käsittele asiakkaan tunnuksia.

**Aikaa kuluu** noin puolitoista tai kaksi tuntia. Teet tehtävät viikon aikana silloin, kun se
sinulle sopii.

**Näin vastaat.** Kirjoita vastaukset tekstikenttiin ja valitse sopivat vaihtoehdot. Tietovisassa
saat palautteen heti, kun valitset vaihtoehdon. Jokainen vastaus tallentuu heti, ja kentän alle
tulee teksti "Tallennettu klo …". Muistikirjaa ei tarvitse tallentaa erikseen. Voit sulkea
välilehden ja jatkaa myöhemmin, sillä vastauksesi ovat tallessa. Kun olet valmis, palauta tehtävä
osallistujan pikaoppaan ohjeen mukaan.
"""

THEORY = """
## 1. Tietoturva kuuluu digitukeen

Digi- ja väestötietoviraston (DVV) mukaan digituen tavoite on, että asiakas oppii käyttämään
sähköisiä palveluja itsenäisesti ja turvallisesti [1]. Turvallisuus ei siis ole erillinen aihe,
vaan se kulkee mukana jokaisessa ohjaustilanteessa.

DigComp 2.2 -viitekehyksessä aihe kuuluu osa-alueeseen turvallisuus [2]. Tällä viikolla tärkeimpiä
ovat osaamiset 4.1 laitteiden suojaaminen ja 4.2 henkilötietojen ja yksityisyyden suojaaminen.
Lisäksi käsittelemme osaamisia 2.6 digitaalisen identiteetin hallinta ja 1.2 datan, tiedon ja
digitaalisen sisällön arviointi [3].

## 2. Perustaidot, joita voit neuvoa asiakkaalle

Traficomin Kyberturvallisuuskeskus neuvoo muun muassa näin [4]:

- **Ota käyttöön kaksivaiheinen tunnistautuminen** kaikissa palveluissa, joissa se on mahdollista,
  esimerkiksi sähköpostissa ja sosiaalisen median sovelluksissa. Silloin käyttäjätunnuksen ja
  salasanan lisäksi tarvitaan vielä yksi tieto, esimerkiksi puhelimeen tuleva kertakäyttöinen koodi.
  Se suojaa tiliä, vaikka käyttäjätunnus ja salasana olisivat joutuneet vääriin käsiin.
- **Pidä laitteet ja sovellukset päivitettyinä.**

Kyberturvallisuuskeskuksen arjen tietoturvavinkeissä (joulukuu 2025) neuvotaan lisäksi [5]:

- vaihda laitteiden oletussalasanat ja käytä vahvoja ja yksilöllisiä salasanoja
- asenna sovelluksia vain virallisista sovelluskaupoista
- älä avaa epäilyttäviä linkkejä tai liitteitä, ja tarkista viestin lähettäjä ja kieliasu
- ole varovainen paketti- ja toimitusviestien kanssa
- älä jaa henkilö- tai pankkitietoja viestien kautta
- lukitse laitteet näytönlukituksella ja PIN-koodilla
- pidä varmuuskopiot tärkeistä tiedoista.

Salasanoista DVV:n asiantuntija Kimmo Rousku antaa neljä neuvoa [6]. Ensinnäkin jokaisessa
palvelussa pitää olla eri salasana. Toiseksi salasanan pitää olla laadukas: vaikeasti muistettavan
merkkisotkun sijaan kannattaa käyttää **salalausetta**, joka muodostuu useasta sanasta.
Kolmanneksi kaksivaiheinen tunnistautuminen kannattaa ottaa käyttöön. Neljänneksi
**salasanojen hallintaohjelma** pitää salasanat tallessa käyttäjän puolesta.

## 3. Näin huijaukset toimivat

Kyberturvallisuuskeskus on varoittanut esimerkiksi Suomi.fi-palvelun nimissä lähetetyistä
viesteistä. Niissä väitetään, että Verohallinnolta on tullut viesti, ja kehotetaan avaamaan se
linkistä. Linkki vie rikollisten sivulle, joka kalastelee pankkitunnuksia [7]. Pankkien nimissä
lähetetyissä viesteissä vastaanottajaa on peloteltu esimerkiksi tuntemattomalla ulkomaan
maksulla, jotta hän soittaisi viestissä olevaan numeroon. Numerosta vastaa pankin sijasta
huijari [8].

Huijaukselle on tyypillistä kiire ja pelottelu. Kyberturvallisuuskeskus sanoo sen suoraan:
huijarit vetoavat paniikkiin. Se muistuttaa myös, ettei se koskaan kysy pankkitunnuksia, pyydä
kiireellisiä rahansiirtoja tai pyydä asentamaan etähallintaohjelmaa [9].

Kerro asiakkaalle ainakin nämä kolme asiaa:

1. Viestin linkin kautta ei koskaan syötetä pankkitunnuksia [7].
2. Jos viesti tai puhelu pelottelee ja kiirehtii, pysähdy. Kyberturvallisuuskeskus neuvoo
   katkaisemaan epäilyttävän puhelun ja soittamaan itse viralliseen asiakaspalveluun [9].
3. Jos asiakas on jo maksanut huijauksen perusteella tai rikollinen on päässyt hänen
   verkkopankkiinsa tai saanut hänen maksukorttinsa tiedot, hänen pitää ottaa heti yhteys
   pankkiinsa [8].

## 4. Vahva sähköinen tunnistaminen

Vahvalla sähköisellä tunnistamisella varmistetaan, kuka palvelussa asioi. Vahvasta sähköisestä
tunnistamisesta annetun lain (617/2009) alkuperäisen 2 §:n mukaan tunnistamisessa käytetään
vähintään kahta seuraavista [10]:

- jotain, mitä käyttäjä **tietää** (esimerkiksi salasana)
- jotain, mitä käyttäjällä **on** (esimerkiksi sirukortti)
- jokin käyttäjän **ominaisuus** (esimerkiksi sormenjälki).

Suomessa kuluttajalla on kolme vahvan tunnistamisen välinettä: pankkitunnukset, mobiilivarmenne ja
valtion varmennekortti. Finanssiala ja FiCom suosittelivat elokuussa 2025 muistisääntöä
**"pankkitunnuksilla pankkiin, mobiilivarmenteella muualle"**. Syynä ovat huijaukset: rikolliset
tekevät viranomaisten palveluja muistuttavia valesivuja, joilla he kalastelevat pankkitunnuksia
[11].

## 5. Toisen puolesta asiointi: Suomi.fi-valtuudet

Toisen ihmisen tunnistusvälineitä ei saa käyttää. Suomi.fi-palvelun ohjeen mukaan toisen puolesta
asioiva kirjautuu aina omilla tunnistusvälineillään [12]. Tämä koskee myös sinua ammattilaisena,
vaikka asiakas itse tarjoaisi tunnuksiaan.

Laillinen tapa asioida toisen puolesta on **Suomi.fi-valtuudet** [13]:

- **Mitä?** Sähköinen valtakirja. Valtuuttaja ja valtuutettu sopivat, mitä asioita valtuutettu saa
  hoitaa. Valtuus tallentuu valtuusrekisteriin, ja se on voimassa valtuuttajan päättämän ajan.
- **Kuka?** Valtuuden voi antaa 18 vuotta täyttänyt. Alaikäisen puolesta asioi huoltaja.
- **Missä?** Esimerkiksi OmaKannassa, Verohallinnon palveluissa, apteekissa (apteekkivaltuus) sekä
  monissa kuntien ja sosiaali- ja terveyspalveluissa, kuten ajanvarauksessa.
- **Miten?** Valtuuden voi antaa verkossa. Valtuuksia käytetään vahvasti tunnistautuneena, ja se
  tekee niistä turvallisia. Jos valtuutettu pyytää valtuutta, se tulee voimaan vasta, kun
  valtuuttaja on hyväksynyt sen.

Jos asiakas ei pysty valtuuttamaan verkossa, esimerkiksi koska hänellä ei ole tunnistusvälinettä,
hän voi valtuuttaa **hakemuksella**. Hakemuksen voi tehdä sähköisesti tai postitse, ja DVV:n
palvelupisteet auttavat [13]. DVV:n mukaan vuodesta 2022 läheisen on voinut valtuuttaa myös ilman
pankkitunnuksia [14]. Joidenkin hyvinvointialueiden palvelupisteissä on tarjolla myös
**avustettua valtuuttamista** [15].

**Valmennuksen sääntö ammattilaiselle.** Asiakas näppäilee tunnuksensa aina itse. Sinä et kysy,
katso, kirjoita ylös tai tallenna asiakkaan salasanoja, PIN-koodeja tai pankkitunnuksia. Jos jonkun
pitää asioida asiakkaan puolesta, käytetään Suomi.fi-valtuuksia. Palvelukohtaisissa kysymyksissä
ohjaat asiakkaan palveluntarjoajan omaan neuvontaan. Sääntö nojaa DVV:n digituen eettiseen
ohjeistukseen [1], Suomi.fi-palvelun ohjeeseen [12] ja finanssialan suosituksiin digiopastajille.
Finanssiala muistuttaa, että pankit ja vakuutusyhtiöt neuvovat omissa palveluissaan ja että
raha-asioissa asiakas tunnistautuu omilla tunnuksillaan [16].

## 6. Henkilötiedot ja digitaalinen jalanjälki

DigCompin osaaminen 4.2 tarkoittaa henkilötietojen ja yksityisyyden suojaamista digitaalisissa
ympäristöissä. Siihen kuuluu ymmärrys siitä, miten tunnistettavia tietoja käytetään ja jaetaan niin,
että suojaa itseään ja muita. Lisäksi on hyvä tietää, että palvelut kertovat tietosuojaselosteessa,
miten ne käyttävät henkilötietoja [3].

Osaaminen 2.6 on digitaalisen identiteetin hallintaa. Siihen kuuluu oman maineen suojaaminen ja
niiden tietojen hallinta, joita ihminen itse tuottaa eri palveluissa [3]. Näitä jälkiä kutsutaan
usein digitaaliseksi jalanjäljeksi. Asiakastyössä voitte esimerkiksi miettiä yhdessä, mitä asiakas
kertoo itsestään verkossa ja kenelle.

## 7. Epäilyttävän tiedon tarkistaminen

DVV:n ensimmäisen Digitaitoraportin (2022) mukaan suomalaiset pärjäävät kansainvälisessä
vertailussa hyvin. Vain yhdellä osa-alueella Suomi jää vertailumaista selvästi jälkeen: netissä
vastaan tulevan, epätodelta vaikuttavan tiedon oikeellisuus jää meillä muita maita useammin
tarkistamatta, koska sitä ei osata tehdä [17]. DigCompissa tämä on osaaminen 1.2: lähteiden
uskottavuuden ja luotettavuuden kriittinen arviointi [3]. Huijausviestin tunnistaminen vaatii samaa
taitoa: pysähdy, mieti, kuka viestin lähetti ja mitä se pyytää, ja tarkista asia itse luotettavasta
lähteestä.
"""

QUIZ_MESSAGES = """
## Yksityinen tehtävä, osa A: tilannetietovisa

Tämän tehtävän näette vain sinä ja ohjaajasi.

Tietovisassa on kahdeksan kysymystä. Kolmessa ensimmäisessä arvioit viestiä, jonka asiakas näyttää
sinulle. Lopuissa viidessä ratkaiset tilanteen asiakastyössä. Kaikki asiakkaat ja viestit ovat
keksittyjä.

- **Vastaa jokaiseen kysymykseen.** Saat palautteen heti, kun valitset vaihtoehdon.
- Palaute kertoo, miksi vaihtoehto on hyvä tai huono. Voit vaihtaa valintaa ja lukea myös muiden
  vaihtoehtojen palautteen.
- **Valmistumismerkintä ei riipu siitä, osuiko vastaus oikeaan.** Riittää, että olet vastannut
  jokaiseen kysymykseen. Tietovisa on oppimista varten.
- Kysymyksissä 1 ja 6 voit valita useamman vaihtoehdon. Muissa valitset yhden.

Vastaukset perustuvat teoriaosan lähteisiin. Palaa tarvittaessa teoriaan.
"""

QUIZ_SITUATIONS = """
### Tilanteita asiakastyöstä

Seuraavissa viidessä kysymyksessä kuvitteellinen asiakas tarvitsee apuasi. Valitse, miten toimit
tai mitä neuvot.
"""

OWN_CHECK = """
## Yksityinen tehtävä, osa B: oman toiminnan tietoturvatarkistus

Ennen kuin neuvot asiakasta, tarkista oma tilanteesi. Tämänkin osan näette vain sinä ja ohjaajasi.

1. Rastita listasta ne perustaidot, jotka ovat jo käytössä omissa laitteissasi ja palveluissasi.
   Jos mikään ei vielä ole, valitse "En vielä mitään näistä".
2. Kirjoita sen jälkeen lyhyesti, vähintään 30 sanaa. Kerro, mitkä taidot ovat jo tapanasi, mitkä
   eivät vielä ole ja miksi. Kerro myös, minkä yhden asian otat käyttöön tällä viikolla.

**Älä kirjoita vastaukseen salasanojasi, PIN-koodejasi tai muita tunnistetietojasi.** Riittää, että
kerrot, onko jokin tapa käytössä. Älä myöskään kirjoita mitään, mistä asiakkaan voi tunnistaa,
äläkä omia arkaluonteisia tietojasi, kuten henkilötunnustasi tai terveystietojasi.

Ohjaaja lukee vastauksesi ja kirjoittaa sinulle palautteen.
"""

REFLECTION = """
## Pohdi kokemustasi

Pohdinta etenee Gibbsin reflektiivisen kehän vaiheiden mukaan: ensin kuvaat tapahtuneen, sitten
tunteesi, sen jälkeen pohdit syitä ja lopuksi sitä, mitä teet jatkossa [18]. Muutama virke
kuhunkin kysymykseen riittää.

Jos et ole itse kohdannut tilannetta, jossa asiakas tarjosi tunnuksiaan, voit kuvitella sellaisen
tai kertoa tilanteesta yleisellä tasolla. Älä kirjoita mitään, mistä asiakkaan voi tunnistaa.
"""

SELF_ASSESSMENT = """
## Itsearviointi

Arvioi, miten hyvin väitteet kuvaavat sinua juuri nyt. Vertaa itseäsi viikon tavoitteisiin sivun
alussa. Itsearviointi tukee omaa oppimistasi: numeroa ei arvostella, ja samoja asioita kysytään
uudelleen valmennuksen lopussa. Jos et osaa arvioida jotakin kohtaa, valitse "En osaa sanoa".
"""

SHARED = """
## Jaettu tehtävä ryhmälle: tietoturvavinkki asiakkaalle

Kirjoita yksi tietoturvavinkki asiakkaalle selkeällä kielellä, **enintään kolme virkettä**. Valitse
vinkki tämän viikon teoriasta ja kirjoita se niin, että asiakas ymmärtää sen ilman lisäselityksiä.
Esimerkiksi: "Käytä pankkitunnuksia vain verkkopankissa. Muihin palveluihin, kuten OmaKantaan,
voit kirjautua mobiilivarmenteella." [11]

Ohjaaja kokoaa jaetut vinkit ryhmän yhteiselle seinälle. Niistä syntyy ryhmän yhteinen
"Tietoturvavinkit asiakkaalle" -lista, jota voit käyttää omassa työssäsi.

Kommentoi seinällä vähintään yhden toisen osallistujan vinkkiä. Arvioi, onko vinkki selkeää kieltä.
Selkeä kieli tarkoittaa tekstiä, jonka sanamuoto, rakenne ja ulkoasu auttavat lukijaa löytämään,
ymmärtämään ja käyttämään tarvitsemansa tiedon helposti [19]. Voit kysyä itseltäsi:

- Löytääkö asiakas vinkistä heti, mitä hänen pitää tehdä?
- Ymmärtääkö hän jokaisen sanan?
- Osaako hän toimia vinkin mukaan?

Päätät itse, jaetaanko vinkkisi: omalla nimelläsi, nimimerkillä vai ei lainkaan. Jos et valitse
mitään, vinkkiä ei jaeta. Älä kirjoita jaettuun tehtävään asiakkaiden tietoja.
"""

SOURCES = """
## Lähteet

1. Digi- ja väestötietovirasto: Digituen eettinen ohjeistus. <https://dvv.fi/digituen-eettinen-ohjeistus>
2. Vuorikari, R., Kluzer, S. & Punie, Y. (2022). DigComp 2.2: The Digital Competence Framework for
   Citizens. Publications Office of the European Union. <https://doi.org/10.2760/115376>
3. DigComp-osaamisten nimet ja kuvaukset (CSV). <https://github.com/dini-ag-kim/digComp/blob/main/DigComp.csv>
4. Kyberturvallisuuskeskus (Traficom): Tietoturvavinkit kuuluvat 112-päivään.
   <https://kyberturvallisuuskeskus.fi/fi/ajankohtaista/tietoturvavinkit-kuuluvat-112-paivaan>
5. Verkkouutiset 19.12.2025: Verkkorikollinen vaanii myös jouluna – muista nämä vinkit (Traficomin
   Kyberturvallisuuskeskuksen vinkit).
   <https://www.verkkouutiset.fi/a/verkkorikollinen-vaanii-myos-jouluna-muista-nama-vinkit/>
6. MTV Uutiset 2021: Nettihuijarit ovat entistäkin ovelampia (haastateltavana Kimmo Rousku, DVV).
   <https://www.mtvuutiset.fi/artikkeli/nettihuijarit-ovat-entistakin-ovelampia-verkossa-piilee-jalleen-uusi-salakavala-huijauskeino/8062618>
7. Verkkouutiset 13.2.2026: Saitko tällaisen viestin? Älä klikkaa linkkiä (Kyberturvallisuuskeskuksen
   varoitus Suomi.fi-palvelun nimissä lähetetyistä viesteistä).
   <https://www.verkkouutiset.fi/a/saitko-tallaisen-viestin-ala-klikkaa-linkkia/>
8. MTV Uutiset 6.2.2026: Varoitus pelotteluviesteistä (Kyberturvallisuuskeskuksen varoitus pankkien
   nimissä lähetetyistä viesteistä).
   <https://www.mtvuutiset.fi/artikkeli/varoitus-pelotteluviesteista-jos-menet-lankaan-olet-pian-tekemisissa-huijarin-kanssa/9293004>
9. Verkkouutiset 17.10.2025: Saitko tällaisen yhteydenoton Traficomin nimissä? Rahasi voivat olla
   vaarassa. <https://www.verkkouutiset.fi/a/saitko-tallaisen-yhteydenoton-traficomin-nimissa-rahasi-voivat-olla-vaarassa/>
10. Laki vahvasta sähköisestä tunnistamisesta ja sähköisistä luottamuspalveluista 617/2009, 2 §
    (alkuperäinen säädös). <https://finlex.fi/fi/lainsaadanto/saadoskokoelma/2009/617>
11. Finanssiala ry ja FiCom ry, tiedote 15.8.2025: Pankkitunnuksilla vain pankkiin – valitse
    huijareiden vuoksi tarkkaan, miten tunnistaudut verkossa.
    <https://www.sttinfo.fi/tiedote/71368390/pankkitunnuksilla-vain-pankkiin-valitse-huijareiden-vuoksi-tarkkaan-miten-tunnistaudut-verkossa?lang=fi>
12. Suomi.fi: Viestien käyttö eri elämäntilanteissa (ohje).
    <https://www.suomi.fi/instructions-and-support/messages/using-messages-in-different-life-events>
13. Digi- ja väestötietovirasto: Suomi.fi-valtuudet. <https://dvv.fi/suomi.fi-valtuudet>
14. Digi- ja väestötietovirasto, tiedote 6.10.2022: A trusted person may now be authorised by the
    assignor to use digital services on their behalf even if they do not have online banking codes.
    <https://dvv.fi/en/-/a-trusted-person-may-now-be-authorised-by-the-assignor-to-use-digital-services-on-their-behalf-even-if-they-do-not-have-online-banking-codes>
15. Suomi.fi: Suomi.fi-valtuudet, avustettu valtuuttaminen henkilöasiakkaille (Digi- ja
    väestötietovirasto).
    <https://www.suomi.fi/services/suomi-fi-e-authorizations-assisted-authorisation-for-private-customers-digital-and-population-data-services-agency/318006dd-14f9-42db-927e-b79ba6fa9dd6>
16. Finanssiala ry: Digituki ja finanssialan palvelut – suositukset digiopastajille.
    <https://www.finanssiala.fi/julkaisut/turvalliset-digipalvelut-arjen-apuna/>
17. Finanssiala ry: Suomalaisten digitaitoraportti julkaistu ensimmäistä kertaa – Suomella pyyhkii
    hyvin, jatkossa olennaista on digirohkeus.
    <https://www.finanssiala.fi/uutiset/suomalaisten-digitaitoraportti-julkaistu-ensimmaista-kertaa-suomella-pyyhkii-hyvin-jatkossa-olennaista-on-digirohkeus/>
18. Gibbs, G. (1988). Learning by Doing. Tiivistelmä Gibbsin reflektiivisestä kehästä:
    <https://www.nutshell100.com/subject/gibbs-reflective-cycle>
19. Kielikello: Ymmärrettävää kieltä erilaisille lukijoille.
    <https://www.kielikello.fi/-/ymm%C3%A4rrett%C3%A4v%C3%A4%C3%A4-kielt%C3%A4-erilaisille-lukijoille>
"""

FEEDBACK = """
## Ohjaajan palaute

Ohjaaja lukee tietovisan vastauksesi, oman toimintasi tietoturvatarkistuksen ja pohdintasi ja
kirjoittaa sinulle henkilökohtaisen palautteen. Näet palautteen tämän kohdan alla, kun ohjaaja on
julkaissut sen.
"""

QUIZ = tuple(f"W3_Q{n}" for n in range(1, 9))
OWN = ("W3_OWNLIST", "W3_OWNCHECK")
REFLECT = ("W3_R_DESC", "W3_R_FEEL", "W3_R_ANAL", "W3_R_PLAN")
SELF = ("W3_SA1", "W3_SA2", "W3_SA3", "W3_SA4", "W3_SA5")

WEEK = Week(
    id="viikko3",
    intro=INTRO,
    theory=(("teoria", THEORY),),
    parts=(
        Part("tietovisa_viestit_ohje", QUIZ_MESSAGES, QUIZ[:3]),
        Part("tietovisa_tilanteet_ohje", QUIZ_SITUATIONS, QUIZ[3:]),
        Part("oma_kaytanto_ohje", OWN_CHECK, OWN),
        Part("pohdinta_ohje", REFLECTION, REFLECT),
        Part("itsearviointi_ohje", SELF_ASSESSMENT, SELF),
        Part("jaettu_ohje", SHARED, ("W3_SHARED", "W3_SHARE")),
    ),
    checks=(
        Check("valmis_tietovisa", QUIZ),
        Check("valmis_oma_kaytanto", OWN),
        Check("valmis_pohdinta", REFLECT),
        Check("valmis_itsearviointi", SELF),
        Check("valmis_jaettu", ("W3_SHARED",)),
    ),
    feedback=FEEDBACK,
    sources=SOURCES,
)
