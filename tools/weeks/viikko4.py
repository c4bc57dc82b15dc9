"""Week 4: ethics, law and accessibility of digital support; clients in vulnerable situations (CURRICULUM.md §5)."""

from notebook_writer import Check, Part, Week

INTRO = """
# Viikko 4: Digituen etiikka, lainsäädäntö ja saavutettavuus

Tällä viikolla aiheena ovat digituen pelisäännöt. Mitä saat tehdä asiakkaan puolesta ja mitä et? Mikä
asia kuuluu sinulle ja milloin ohjaat asiakkaan muualle? Tutustut myös saavutettavuuteen ja
selkeään kieleen sekä pohdit, miten tuet asiakasta, joka on haavoittuvassa asemassa.

**Tavoitteet.** Viikon jälkeen osaat

- toimia digituen eettisten periaatteiden ja lainsäädännön mukaan
- kertoa asiakkaalle, miten toinen ihminen voi asioida hänen puolestaan laillisesti
- tunnistaa oman roolisi rajat ja ohjata asiakkaan oikeaan paikkaan
- arvioida haavoittuvassa asemassa olevan asiakkaan digituen tarpeita
- kirjoittaa asiakkaalle selkeän ja saavutettavan ohjeen.

**Aikaa kuluu** noin puolitoista tai kaksi tuntia. Teet tehtävät viikon aikana silloin, kun se
sinulle sopii.

**Näin vastaat.** Kirjoita vastaukset tekstikenttiin ja valitse sopivat vaihtoehdot. Jokainen
vastaus tallentuu heti, ja kentän alle tulee teksti "Tallennettu klo …". Muistikirjaa ei tarvitse
tallentaa erikseen. Voit sulkea välilehden ja jatkaa myöhemmin, sillä vastauksesi ovat tallessa.
Kun olet valmis, palauta tehtävä osallistujan pikaoppaan ohjeen mukaan.
"""

THEORY = """
Laurea-ammattikorkeakoulun Motivoiva digineuvonta -koulutuksessa ammattilainen oppii toimimaan
digituen eettisten ohjeiden ja lainsäädännön mukaan. Hän oppii myös arvioimaan haavoittuvassa
asemassa olevien asiakkaiden tarpeita [1]. Samat taidot ovat tämän viikon aiheena.

## 1. Digituen eettiset periaatteet

Digi- ja väestötietovirasto (DVV) on laatinut digituelle eettisen ohjeistuksen. Sen tavoite on
turvallinen ja laadukas digituki, joka annetaan yhteisymmärryksessä. Ohjeistus kuvaa sekä tuen
antajan että tuen saajan velvollisuudet [2]. Tuen antajana

- autat asiakasta sähköisten palvelujen ja laitteiden käytössä
- tähtäät siihen, että asiakas pärjää jatkossa itse
- kannustat asiakasta tekemään asiat ohjauksen aikana omin käsin
- tunnet rajasi eli tunnistat, missä oma osaamisesi loppuu [2].

DVV muistuttaa myös, että tukitilanne on hyvä paikka oppia yhdessä [2]. Ohjeistuksessa on enemmän
kohtia kuin tähän on koottu, joten lue se kokonaan DVV:n sivulta.

Valmennuksen toimintaohje on lisäksi tämä: **asiakkaan tiedot ovat luottamuksellisia.** Kun autat
asiakasta, näet usein hänen viestejään, raha-asioitaan tai terveystietojaan. Noudata niissä samoja
salassapito- ja tietosuojaohjeita kuin muussakin asiakastyössäsi. Älä kuvaa asiakkaan näyttöä äläkä
kirjoita hänen tietojaan muistiin ilman työhön liittyvää syytä.

## 2. Tunnukset ovat asiakkaan omat

Suomi.fi-viestien ohjeessa sanotaan selvästi: toisen puolesta asioiva kirjautuu aina omilla
tunnistusvälineillään, eikä toisen ihmisen tunnistusvälineitä saa käyttää [3]. Finanssialan
suositusten mukaan asiakas tunnistautuu pankin ja vakuutusyhtiön palveluihin omilla tunnuksillaan [4].
Finanssiala ja FiCom neuvoivat elokuussa 2025: ”pankkitunnuksilla pankkiin, mobiilivarmenteella
muualle”. Syynä on se, että huijarit tekevät viranomaisten palveluja jäljitteleviä sivuja ja
kalastelevat niillä pankkitunnuksia [5].

Näistä lähteistä on koottu valmennuksen sääntö [2][3][4]:

- Asiakas näppäilee tunnuksensa itse.
- Sinä et kysy, katso, kirjoita muistiin etkä tallenna asiakkaan salasanoja, tunnuslukuja tai
  pankkitunnuksia.
- Jos jonkun täytyy asioida asiakkaan puolesta, käytetään Suomi.fi-valtuuksia.

Käytännön vinkki: sano ääneen ”Käännän katseeni pois, kun näppäilet tunnusluvun.” Näin asiakas
oppii, että tunnukset kuuluvat vain hänelle.

## 3. Toisen puolesta asiointi: Suomi.fi-valtuudet

Suomi.fi-valtuus on sähköinen valtakirja. Valtuuttaja ja valtuutettu sopivat, mitä asioita
valtuutettu saa hoitaa. Valtuuttaja päättää myös, kuinka kauan valtuus on voimassa. Pyydetty valtuus
tulee voimaan vasta, kun valtuuttaja on vahvistanut sen. Valtuuden voi antaa 18 vuotta täyttänyt, ja
alaikäisen puolesta toimii huoltaja. Valtuuksia käytetään esimerkiksi OmaKannassa, Verohallinnon
palveluissa, apteekeissa sekä monissa kuntien ja hyvinvointialueiden palveluissa [6].

Jos asiakas ei pysty valtuuttamaan verkossa, esimerkiksi koska hänellä ei ole vahvan tunnistamisen välinettä,
valtuuden voi antaa hakemuksella. Hakemuksen voi tehdä sähköisesti tai paperilla, tarvittaessa
avustajan kanssa, ja DVV:n palvelupisteet auttavat [6]. Vuodesta 2022 lähtien valtuuden on voinut
antaa luotetulle henkilölle myös silloin, kun valtuuttajalla ei ole pankkitunnuksia [7]. Joidenkin
hyvinvointialueiden palvelupisteissä saa apua avustettuun valtuuttamiseen [8].

## 4. Kenelle asia kuuluu?

Hallintolain 8 §:n mukaan viranomaisen on toimivaltansa rajoissa neuvottava asiakasta asian
hoitamisessa. Neuvonta on maksutonta. Jos asia ei kuulu viranomaiselle, sen on ohjattava asiakas
oikean viranomaisen puoleen [9]. DVV:n ohjeistus muistuttaa, että viranomaisen on hallintolain
mukaan neuvottava omien palvelujensa käytössä. Jokaisessa viranomaisen palvelussa pitää kertoa,
mistä apua saa. Kansalaisneuvonta ohjaa ihmisiä oikeisiin palveluihin [2].

Finanssialan suosituksissa työnjako on selvä. Palvelujen tarjoajat eli pankit, vakuutusyhtiöt ja
viranomaiset ohjaavat asiakkaita omissa palveluissaan. Yleinen digituki neuvoo lähinnä laitteiden
käytössä. Jos olet epävarma, ohjaa asiakas pankin tai vakuutusyhtiön omaan neuvontaan [4].

Sinun ei siis tarvitse osata jokaista palvelua. Riittää, että

- tunnistat, milloin asia ei kuulu sinulle
- etsit asiakkaan kanssa palvelun omat neuvonnan yhteystiedot
- kerrot Kansalaisneuvonnasta, jos asiakas ei tiedä, mihin kääntyä.

Katso Kansalaisneuvonnan yhteystiedot aina sen verkkosivulta, sillä puhelinnumerot ja aukioloajat
voivat muuttua.

## 5. Saavutettavuus ja digipalvelulaki

Saavutettavaa palvelua pystyy käyttämään mahdollisimman moni, myös apuvälineiden avulla. Laki
digitaalisten palvelujen tarjoamisesta (306/2019) eli digipalvelulaki tuli voimaan 1.4.2019. Se
koskee julkista sektoria ja joitakin muita toimijoita, esimerkiksi finanssialaa sekä palveluja,
joiden rahoituksesta yli puolet on julkista. Laki vaatii kolmea asiaa [10]:

1. Palvelun on täytettävä EN 301 549 -standardin saavutettavuusvaatimukset. Standardi viittaa
   WCAG 2.1 -ohjeiden AA-tasoon.
2. Palvelulla on oltava **saavutettavuusseloste**.
3. Palvelussa on oltava **palautekanava**, jonka kautta voi antaa palautetta saavutettavuudesta.
   Palautteeseen on vastattava 14 päivän kuluessa.

Lain noudattamista valvoo Etelä-Suomen aluehallintovirasto [10].

WCAG-ohjeissa on neljä periaatetta [11]. Arkikielellä ne tarkoittavat tätä:

- **Havaittava:** sisällön voi nähdä tai kuulla. Esimerkiksi kuvalla on tekstikuvaus.
- **Hallittava:** palvelua voi käyttää eri tavoin, esimerkiksi pelkällä näppäimistöllä.
- **Ymmärrettävä:** tekstit ja toiminnot ovat selkeitä, ja virheen voi korjata.
- **Toimintavarma:** palvelu toimii eri laitteilla ja apuvälineillä, kuten ruudunlukijalla.

Vaatimustasoja on kolme: A, AA ja AAA. Useimmat lait edellyttävät AA-tasoa [11].

## 6. Selkokieli ja selkeä yleiskieli

Hallintolain 9 § velvoittaa viranomaiset käyttämään asiallista, selkeää ja ymmärrettävää kieltä [12].
**Selkeä kieli** tarkoittaa tekstiä, jonka sanat, rakenne ja ulkoasu auttavat lukijaa löytämään,
ymmärtämään ja käyttämään tarvitsemansa tiedon helposti. Se sopii kaikille lukijoille.
**Selkokieli** on yleiskieltä helpompi suomen kielen muoto. Sen sisältöä, sanastoa ja rakennetta on
mukautettu niille, joiden on vaikea lukea tai ymmärtää yleiskieltä [13]. Selkokeskuksen arvion mukaan
selkokieltä tarvitsee Suomessa 632 000–812 000 ihmistä eli noin 11–14 prosenttia väestöstä [14].

Kun kirjoitat asiakkaalle ohjeen,

- kerro yksi asia yhdessä lauseessa
- aloita lause sillä, mitä asiakas tekee: ”Paina Kirjaudu-painiketta.”
- kirjoita painikkeiden nimet juuri niin kuin ne näkyvät näytöllä
- numeroi vaiheet.

## 7. Asiakas haavoittuvassa asemassa

Digituen tarve syntyy usein elämän muutoksissa, esimerkiksi kun ihminen jää työttömäksi, sairastuu
tai hänen lapsensa aloittaa koulun. Tuen tarvetta lisäävät myös laitteiden tai verkkoyhteyden puute
sekä pelko ja kielteiset asenteet. Pahimmillaan seurauksena on digisyrjäytyminen: ihminen jää
digitaalisten palvelujen ulkopuolelle [15][16].

Asiakastyössä kohtaat esimerkiksi asiakkaan, jolla

- ei ole laitetta tai verkkopankkitunnuksia
- on vielä heikko suomen kielen taito
- on muistin ongelmia
- on pelkoa tai huonoja kokemuksia
- on läheinen, joka haluaa asiakkaan tunnukset itselleen.

Jos epäilet, että joku käyttää asiakkaan tunnuksia tai rahoja väärin, älä jää asian kanssa yksin.
Toimi organisaatiosi ohjeiden mukaan ja puhu esihenkilösi tai työparisi kanssa. Jos asiakas on
maksanut huijarille tai huijari on päässyt hänen verkkopankkiinsa, asiakkaan on otettava heti yhteys
pankkiinsa [17].

DigComp-viitekehyksessä tähän liittyy kaksi osaamista. Osaamiseen 4.3 (terveyden ja hyvinvoinnin
suojaaminen) kuuluu tietoisuus siitä, miten digitaalinen teknologia voi tukea hyvinvointia ja
osallisuutta. Osaamiseen 5.2 (tarpeiden ja teknologisten ratkaisujen tunnistaminen) kuuluu
digitaalisen ympäristön säätäminen omiin tarpeisiin, esimerkiksi saavutettavuusasetuksilla [18].
Näytä asiakkaalle vaikkapa, miten tekstiä suurennetaan tai miten puhelin lukee tekstin ääneen.

**Tarvekartoitus** on valmennuksen oma muistilista. Käy nämä asiat läpi asiakkaan kanssa:

1. laite ja verkkoyhteys
2. vahva sähköinen tunnistautuminen: pankkitunnukset, mobiilivarmenne tai varmennekortti [5]
3. kieli
4. lukeminen, näkö, liikkuminen ja muisti
5. aiemmat kokemukset ja pelot
6. mitä hyötyä asiakas itse saa
7. kuka muu tukee asiakasta
8. mitä palveluja asiakas tarvitsee nyt
9. tarvitaanko valtuutus
10. minne asiakkaan voi ohjata.
"""

CASE = """
## Yksityinen tehtävä, osa 1: eettinen tapausanalyysi

Tämän tehtävän näette vain sinä ja ohjaajasi. Lue kuvitteellinen tapaus ja analysoi se teorian
avulla.

> **Kuvitteellinen asiakas Aino, 67.** Aino tulee tapaamiseesi paperinippu kädessään. Hänen
> puolisonsa kuoli keväällä, ja puoliso hoiti ennen perheen raha-asiat ja verkkoasioinnin. Ainon
> pitäisi hakea etuutta verkkopalvelussa, ja hakuaika päättyy ensi viikolla. Aino ojentaa sinulle
> paperin, jolle hän on kirjoittanut pankkitunnuksensa ja tunnuslukunsa. ”Tee sinä tämä, sinä osaat.
> En minä kuitenkaan ymmärrä noita koneita.” Aino kertoo, että naapurin poika on luvannut hoitaa
> kaikki hänen asiansa, jos hän antaa tunnukset tälle. Aino unohtaa välillä, mitä on jo tehnyt, ja
> hän on selvästi väsynyt ja huolissaan rahoista.

Kirjoita analyysi kenttään. Apukysymykset ovat kentän yläpuolella. Tavoite on vähintään 60 sanaa.
Kirjoita vastaukseesi ainakin yksi lause juuri niin kuin sanoisit sen Ainolle.

Jos mietit omia asiakastilanteitasi, älä kirjoita mitään, mistä asiakkaan voisi tunnistaa. Älä
myöskään kirjoita omia arkaluonteisia tietojasi, kuten henkilötunnustasi tai terveystietojasi.
"""

ACCESS = """
## Yksityinen tehtävä, osa 2: saavutettavuusseloste

Valitse yksi julkinen verkkopalvelu, jota asiakkaasi käyttävät. Etsi palvelusta linkki
”Saavutettavuusseloste”. Katso ensin sivun alalaidasta. Jos linkkiä ei näy, kokeile palvelun omaa
hakua.

Kirjaa kenttään

- minkä palvelun selosteen tarkistit
- löytyikö seloste ja kuinka helposti
- mitä puutteita seloste mainitsee ja mitä ne merkitsisivät asiakkaallesi
- miten palvelulle voi antaa palautetta saavutettavuudesta.

Tavoite on vähintään 20 sanaa.
"""

REFLECTION = """
## Pohdi kokemustasi

Pohdinta etenee Gibbsin reflektiivisen kehän vaiheiden mukaan: ensin kuvaat tilanteen, sitten
pohdit sen syitä ja opetuksia ja lopuksi sitä, mitä teet jatkossa [19]. Muutama virke kuhunkin
kysymykseen riittää. Kun kuvaat tilannetta, älä kirjoita mitään, mistä asiakkaan voisi tunnistaa.
"""

SELF_ASSESSMENT = """
## Itsearviointi

Arvioi, miten hyvin väitteet kuvaavat sinua juuri nyt. Vertaa itseäsi viikon tavoitteisiin sivun
alussa. Itsearviointi tukee omaa oppimistasi: numeroa ei arvostella, ja samoja asioita kysytään
uudelleen valmennuksen lopussa. Jos et osaa arvioida jotakin kohtaa, valitse "En osaa sanoa".
"""

SHARED = """
## Jaettu tehtävä ryhmälle

Valitse yksi lause, jollaisen asiakas usein saa ohjeena. Se voi olla julkisesta verkkopalvelusta tai
oma muotoilusi, kunhan siinä ei ole asiakkaan tietoja. Kirjoita lause ensin sellaisenaan ja sitten
selkeällä kielellä. Esimerkiksi:

- Ennen: ”Liitteet tulee toimittaa sähköisesti asiointipalvelun kautta ennen määräajan päättymistä.”
- Jälkeen: ”Lähetä liitteet asiointipalvelussa. Viimeinen päivä on 15.2.”

Käytä apuna teorian kohdan 6 vinkkejä. Lue myös muiden jakamia ohjeita asiakkaan silmin: ymmärtäisikö
asiakas, mitä hänen pitää tehdä? Kommentoi kannustavasti yhden toisen osallistujan ohjetta.

Päätät itse, jaetaanko ohjeesi: omalla nimelläsi, nimimerkillä vai ei lainkaan. Jos et valitse
mitään, ohjetta ei jaeta. Ohjaaja kokoaa jaetut ohjeet ryhmän yhteiselle seinälle. Älä kirjoita
jaettuun tehtävään asiakkaiden tietoja.
"""

SOURCES = """
## Lähteet

1. Innokylä: Motivoiva digineuvonta sotepalveluissa -koulutus. Laurea-ammattikorkeakoulu, DigiOn,
   ESR 2021–2023. <https://innokyla.fi/fi/toimintamalli/motivoiva-digineuvonta-sotepalveluissa-koulutus>
2. Digi- ja väestötietovirasto: Digituen eettinen ohjeistus. <https://dvv.fi/digituen-eettinen-ohjeistus>
3. Suomi.fi: Using Messages in different life events (ohje toisen puolesta asioinnista).
   <https://www.suomi.fi/instructions-and-support/messages/using-messages-in-different-life-events>
4. Finanssiala: Digituki ja finanssialan palvelut – suositukset digiopastajille.
   <https://www.finanssiala.fi/julkaisut/turvalliset-digipalvelut-arjen-apuna/>
5. Finanssiala ja FiCom, tiedote 15.8.2025: Pankkitunnuksilla vain pankkiin – valitse huijareiden
   vuoksi tarkkaan, miten tunnistaudut verkossa.
   <https://www.sttinfo.fi/tiedote/71368390/pankkitunnuksilla-vain-pankkiin-valitse-huijareiden-vuoksi-tarkkaan-miten-tunnistaudut-verkossa?lang=fi>
6. Digi- ja väestötietovirasto: Suomi.fi-valtuudet. <https://dvv.fi/suomi.fi-valtuudet> ja
   <https://www.suomi.fi/valtuudet>
7. Digi- ja väestötietovirasto, tiedote 6.10.2022: A trusted person may now be authorised by the
   assignor to use digital services on their behalf even if they do not have online banking codes.
   <https://dvv.fi/en/-/a-trusted-person-may-now-be-authorised-by-the-assignor-to-use-digital-services-on-their-behalf-even-if-they-do-not-have-online-banking-codes>
8. Suomi.fi: Suomi.fi e-Authorizations: assisted authorisation for private customers.
   <https://www.suomi.fi:443/services/suomi-fi-e-authorizations-assisted-authorisation-for-private-customers-digital-and-population-data-services-agency/318006dd-14f9-42db-927e-b79ba6fa9dd6>
   ja Digi- ja väestötietovirasto: Events related to acting on behalf of another person in 2025.
   <https://dvv.fi/en/events-related-to-acting-on-behalf-of-another-person-in-2025>
9. Hallintolaki 434/2003, 8 § (neuvonta). Tieteen termipankki: Neuvonta hallintomenettelyssä.
   <https://tieteentermipankki.fi/wiki/Oikeustiede:neuvonta_hallintomenettelyss%C3%A4>
10. Saavutettavuusvaatimukset.fi: Digipalvelulain vaatimukset.
    <https://www.saavutettavuusvaatimukset.fi/digipalvelulain-vaatimukset/> ja Papunet: Laki
    digitaalisten palvelujen tarjoamisesta.
    <https://papunet.net/saavutettavuus/lait-ja-standardit/laki-digitaalisten-palvelujen-tarjoamisesta/>
11. Includia: Guide to WCAG (WCAG 2.1:n periaatteet ja tasot).
    <https://www.includia.com/guides/posts/guide-to-wcag>
12. Ketju-lehti: Kaikki ovat kielessä kiinni (hallintolain 9 §).
    <https://ketju-lehti.fi/aiheet/selkokieli/kaikki-ovat-kielessa-kiinni/>
13. Kielikello: Ymmärrettävää kieltä erilaisille lukijoille.
    <https://www.kielikello.fi/-/ymm%C3%A4rrett%C3%A4v%C3%A4%C3%A4-kielt%C3%A4-erilaisille-lukijoille>
14. Kotimaisten kielten keskus: Hyvää selkokielen päivää! (selkokielen tarvearvio).
    <https://kotus.fi/hyvaa-selkokielen-paivaa-2>
15. Rantala, Monni & Veltheim: Verkko-opintoa laatimassa: Motivoivassa digineuvonnassa yhdistyvät
    motivoiva keskustelu ja digitaitojen opettelu. Laurea Journal.
    <https://journal.laurea.fi/verkko-opintoa-laatimassa-motivoivassa-digineuvonnassa-yhdistyvat-motivoiva-keskustelu-ja-digitaitojen-opettelu/>
16. Silvennoinen, P.: Digituki osana sote-ammattilaisten muuttuvaa työnkuvaa. Laurea Journal.
    URN:NBN:fi-fe2023052145626. <https://urn.fi/URN:NBN:fi-fe2023052145626>
17. MTV Uutiset 6.2.2026: Varoitus pelotteluviesteistä.
    <https://www.mtvuutiset.fi/artikkeli/varoitus-pelotteluviesteista-jos-menet-lankaan-olet-pian-tekemisissa-huijarin-kanssa/9293004>
18. DigComp-osaamisten nimet ja kuvaukset (CSV). <https://github.com/dini-ag-kim/digComp/blob/main/DigComp.csv>
19. Gibbs, G. (1988). Learning by Doing. Tiivistelmä Gibbsin reflektiivisestä kehästä:
    <https://www.nutshell100.com/subject/gibbs-reflective-cycle>
"""

FEEDBACK = """
## Ohjaajan palaute

Ohjaaja lukee tapausanalyysisi, saavutettavuustarkistuksesi ja pohdintasi ja kirjoittaa sinulle
henkilökohtaisen palautteen. Näet palautteen tämän kohdan alla, kun ohjaaja on julkaissut sen.
"""

REFLECTION_ITEMS = ("W4_R_DESC", "W4_R_ANAL", "W4_R_CONC", "W4_R_PLAN")
SELF_ITEMS = ("W4_SA1", "W4_SA2", "W4_SA3", "W4_SA4", "W4_SA5")

WEEK = Week(
    id="viikko4",
    intro=INTRO,
    theory=(("teoria", THEORY),),
    parts=(
        Part("tapaus_ohje", CASE, ("W4_CASE",)),
        Part("saavutettavuus_ohje", ACCESS, ("W4_ACCESS",)),
        Part("pohdinta_ohje", REFLECTION, REFLECTION_ITEMS),
        Part("itsearviointi_ohje", SELF_ASSESSMENT, SELF_ITEMS),
        Part("jaettu_ohje", SHARED, ("W4_SHARED", "W4_SHARE")),
    ),
    checks=(
        Check("valmis_tapaus", ("W4_CASE",)),
        Check("valmis_saavutettavuus", ("W4_ACCESS",)),
        Check("valmis_pohdinta", REFLECTION_ITEMS),
        Check("valmis_itsearviointi", SELF_ITEMS),
        Check("valmis_jaettu", ("W4_SHARED",)),
    ),
    feedback=FEEDBACK,
    sources=SOURCES,
)
