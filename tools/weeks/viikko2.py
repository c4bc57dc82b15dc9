"""Week 2: digital interaction and participation in remote guidance (CURRICULUM.md §5, week 2)."""

from notebook_writer import Check, Part, Week

INTRO = """
# Viikko 2: Digivuorovaikutus ja osallisuus etäohjauksessa

Tervetuloa toiselle teemaviikolle! Viime viikolla kokeilit digipalvelua itse asiakkaana. Nyt vaihdat
roolia ja olet se, joka ohjaa. Mietit, miten ohjaat asiakasta tai ryhmää verkon välityksellä niin, että jokainen
pääsee mukaan omalla tavallaan. Suunnittelet yhden etäohjauksen alusta loppuun ja ehdotat ryhmälle
yhtä etäohjauksen pelisääntöä.

**Tavoitteet.** Viikon jälkeen osaat

- suunnitella etäohjauksen muistilistan avulla: mitä teet ennen ohjausta, sen aikana ja sen jälkeen
- tarjota asiakkaalle ainakin kolme tapaa osallistua
- käyttää vuorovaikutuksen keinoja, jotka tukevat läsnäoloa ja osallistumista
- sopia ryhmän kanssa verkko-ohjauksen pelisäännöistä.

**Aikaa kuluu** noin puolitoista tai kaksi tuntia. Teet tehtävät viikon aikana silloin, kun se
sinulle sopii.

**Näin vastaat.** Kirjoita vastaukset tekstikenttiin ja valitse sopivat vaihtoehdot. Jokainen
vastaus tallentuu heti, ja kentän alle tulee teksti "Tallennettu klo …". Muistikirjaa ei tarvitse
tallentaa erikseen. Voit sulkea välilehden ja jatkaa myöhemmin, sillä vastauksesi ovat tallessa.
Kun olet valmis, palauta tehtävä osallistujan pikaoppaan ohjeen mukaan.
"""

THEORY = """
## 1. Digivuorovaikutus voi madaltaa kynnystä

Etäohjauksella tarkoitamme tässä ohjausta, jossa ohjaava ammattilainen ja asiakas eivät ole samassa
paikassa. He pitävät yhteyttä verkon tai puhelimen välityksellä. Digi- ja väestötietoviraston (DVV) mukaan
etätukea annetaan esimerkiksi chatissa, puhelimessa tai videoyhteydellä [1].

Etäohjaus voi olla uusi kokemus sekä ohjaajalle että asiakkaalle. Digitaalinen vuorovaikutus voi
vahvistaa osallistumista, vertaistukea ja läsnäolon tunnetta. Verkossa käytävä keskustelu voi myös
madaltaa kynnystä osallistua [2]. Hyöty ei kuitenkaan synny itsestään. Tämän viikon aihe on, miten
rakennat etäohjauksen niin, että jokainen voi osallistua.

## 2. Anna asiakkaan valita, miten hän osallistuu

Ihmiset ilmaisevat itseään eri tavoin. Kun tarjoat useita tapoja osallistua, asiakas voi valita
niistä luontevimman tai itselleen helpoimman [2]. Tapoja ovat esimerkiksi

- vapaa kirjoittaminen
- toisten kirjoittamien tekstien kommentointi
- keskustelu videoyhteydellä
- piirtäminen
- valokuvien jakaminen ja käsittely.

Kerro myös, miten kutakin tapaa käytetään. Jos pyydät valokuvaa, kerro, mihin ja miten kuva
ladataan [2].

Etäohjaus voi olla **reaaliaikaista**. Silloin olette yhteydessä samaan aikaan, esimerkiksi
videopuhelussa. Se voi olla myös **ajasta riippumatonta**. Silloin kukin osallistuu, kun hänelle
sopii, esimerkiksi viestein tai keskustelualueella. Ajasta riippumaton vuorovaikutus ei ole sidottu
aikaan eikä paikkaan. Siksi osallistuja voi päättää itse, milloin ja miten hän osallistuu [2]. Tämä
valmennuskin on esimerkki ajasta riippumattomasta ohjauksesta.

## 3. Ennen ohjausta: valmistaudu

Valmistelu on erityisen tärkeää, jos asiakas on etäohjauksessa ensimmäistä kertaa. Hän tarvitsee
silloin tavallista enemmän tukea ja ohjausta. Hyvän pohjan etäohjaukselle luovat nämä asiat [2]:

- Annat asiakkaalle selkeät ohjeet etukäteen.
- Kerrot ajoissa aikataulusta ja siitä, miten ohjaus etenee.
- Testaat välineet etukäteen.
- Varaudut teknisiin ongelmiin.
- Varmistat, että tila on sopiva.
- Suunnittelet riittävän väljän aikataulun.
- Varaat aikaa omalle valmistautumisellesi.

Tekniseen ongelmaan varautuminen tarkoittaa käytännössä varasuunnitelmaa. Sovi asiakkaan kanssa
etukäteen, mitä teette, jos yhteys ei toimi. Voit esimerkiksi soittaa hänelle puhelimella.

Kirjoita ennakko-ohjeet selkeällä kielellä. Selkeä kieli on tekstiä, jonka sanamuoto, rakenne ja
ulkoasu auttavat lukijaa löytämään, ymmärtämään ja käyttämään tarvitsemansa tiedon [3]. Käytä
lyhyitä virkkeitä, kerro yksi asia kerrallaan ja numeroi vaiheet.

## 4. Ohjauksen aikana

Käy alussa asiakkaan kanssa läpi, miten ohjelma toimii, mitä siinä voi tehdä ja mitä työkaluja on
käytössä. Kun sekä sinun että asiakkaan videokuva näkyy, myös sanaton viestintä välittyy jossain
määrin [2].

Vuorovaikutuksessa tärkeitä ovat ystävällisyys ja kohteliaisuus. Puhu selkeästi ja rauhallisessa
rytmissä, ja pidä myös kehonkielesi rauhallisena. Aloita puheenvuorosi esittäytymällä ja päätä se
selkeästi [2].

Siedä hiljaisuutta. Asiakas tarvitsee aikaa miettiä, ja tauot luovat kiireettömän ilmapiirin.
Läsnäolon tunnetta lisää, kun kerrot ääneen tai kirjoitat näkyviin, mitä teet. Voit sanoa
esimerkiksi "mietin hetken tätä asiaa" tai "hetkinen, etsin tähän liittyvän lähteen" [2].

Muista, että olet itse esimerkki. Asiakas oppii sinun toiminnastasi, miten verkossa toimitaan [2].

## 5. Ohjauksen lopuksi

Ohjauksen lopussa

- kertaa, mitä puhuitte ja mihin päädyitte
- jätä aikaa kysymyksille
- kokoa yhteen, mitä sovitte jatkosta
- kiitä asiakasta osallistumisesta [2].

Kannusta asiakasta. Kehu esimerkiksi sitä, mitä hän teki ohjauksen aikana. Kokemusten mukaan
pelkkiä neuvoja ei koeta kannustaviksi, mutta onnistumisten huomaaminen palkitsee. Myönteinen
palaute antaa asiakkaalle myös luottamusta käyttää uutta palvelua jatkossa [2].

## 6. Kun ohjaat ryhmää

Laatikaa ryhmälle etätoiminnan pelisäännöt [2]. Voitte sopia esimerkiksi

- kuinka pitkiä puheenvuoroja kukin voi käyttää
- miten puheenvuoroa pyydetään
- saako osallistuja olla myös hiljainen kuuntelija.

Sinun tehtäväsi on kertoa osallistujille toimintatavoista ja perustella ne. Selvitä myös, miksi
osallistujat tulevat ohjaukseen ja mitä he tarvitsevat. Ryhmän oma aktiivisuus ja yhteisöllisyys
lisäävät halua osallistua, joten hyödynnä niitä [2].

Toisiin tutustuminen madaltaa kynnystä osallistua. Koko ryhmän yhteinen tapaaminen kasvokkain on hyvä
alku, ja sen voi järjestää myös etänä videoyhteydellä. Jos yhteistä tapaamista ei voi järjestää,
varaa tutustumiselle tilaa verkkokeskustelussa. Anna vinkkejä esittäytymiseen ja salli
esittäytyminen kuvin, videoin tai tekstein. Mieti myös etukäteen, esiintyvätkö osallistujat
omalla nimellään vai nimimerkillä [2].

## 7. Muistilista: mikä vahvistaa osallisuutta?

Osallisuus vahvistuu, kun osallistuja

- voi osallistua matalalla kynnyksellä
- voi tuoda esiin omat digihaasteensa ja tuen tarpeensa
- saa kokeilla opittua omilla laitteillaan
- saa yksilöllistä ohjausta, kun tarvitsee
- saa itse valita, kokeileeko, kuunteleeko vai osallistuuko aktiivisesti.

Osallisuutta vahvistaa myös se, että osallistuja toimii tutussa ryhmässä tai pienryhmässä ja
tuttujen ammattilaisten kanssa. Lisäksi tarpeet kysytään osallistujilta, ja ohjaus rakennetaan
niiden pohjalta [2].

## 8. Verkkoetiketti ja viestinnän sovittaminen

DigComp 2.2 -viitekehyksessä [4] tämän viikon aiheet kuuluvat osa-alueeseen viestintä ja yhteistyö.
Viikon tärkeimmät osaamiset ovat nämä [5]:

- **2.1 Vuorovaikutus digitaalisten teknologioiden avulla:** vuorovaikutus erilaisten digitaalisten
  välineiden avulla ja ymmärrys siitä, mikä viestintätapa sopii kuhunkin tilanteeseen.
- **2.4 Yhteistyö digitaalisten teknologioiden avulla:** digitaalisten välineiden käyttö
  yhteistyöhön sekä tiedon ja sisältöjen yhteiseen tuottamiseen.
- **2.5 Verkkoetiketti:** verkon käyttäytymisnormien tunteminen, viestinnän sovittaminen
  vastaanottajaan sekä kulttuurisen ja sukupolvien välisen moninaisuuden huomioiminen.

Etäohjauksessa verkkoetiketti näkyy arjen valintoina. Puhu ja kirjoita niin, että juuri tämä
asiakas ymmärtää. Vältä lyhenteitä ja ammattisanastoa. Kerro, milloin vastaat viesteihin. Kysy
asiakkaalta, mikä yhteydenpidon tapa sopii hänelle parhaiten.

Osaamisten suomenkieliset nimet ovat valmennuksen omia käännöksiä, koska virallista suomennosta ei ole.
"""

PRIVATE = """
## Yksityinen tehtävä: etäohjauksen suunnitelma

Tämän tehtävän näette vain sinä ja ohjaajasi.

Suunnittele yksi etäohjaus kuvitteelliselle asiakkaalle tai ryhmälle. Keksi asiakas itse. Se voi
olla esimerkiksi kuvitteellinen asiakas Aino, 67, joka haluaa oppia varaamaan ajan verkossa, tai
kuvitteellinen viiden hengen työnhakijaryhmä, joka harjoittelee videohaastattelua. Noin sivun
mittainen suunnitelma riittää.

Kirjoita suunnitelmaan nämä kuusi asiaa:

1. **Tavoite:** mitä asiakas osaa tai on saanut hoidettua ohjauksen jälkeen?
2. **Väline:** millä välineellä ohjaat? Onko ohjaus reaaliaikaista vai ajasta riippumatonta?
3. **Ennakko-ohjeet:** mitä kerrot asiakkaalle etukäteen? Kirjoita ohje selkeällä kielellä niin
   kuin lähettäisit sen asiakkaalle.
4. **Varasuunnitelma:** mitä teette, jos tekniikka ei toimi?
5. **Kolme tapaa osallistua:** millä kolmella tavalla asiakas voi osallistua?
6. **Aloitus ja lopetus:** millä sanoilla avaat ohjauksen ja millä päätät sen?

Rastita lopuksi listasta ne valmistelut, jotka suunnitelmasi kattaa. Lista on teoriaosan kohdan 3
muistilista. Rastita vähintään neljä.

**Älä kirjoita suunnitelmaan mitään, mistä todellisen asiakkaan voisi tunnistaa.** Älä myöskään
kirjoita omia arkaluonteisia tietojasi, kuten henkilötunnustasi tai terveystietojasi.

Ohjaaja lukee suunnitelmasi ja kirjoittaa sinulle palautteen.
"""

REFLECTION = """
## Pohdi kokemustasi

Pohdinta etenee Gibbsin reflektiivisen kehän vaiheiden mukaan: ensin kuvaat tapahtuneen, sitten
tunteesi, sen jälkeen mietit, mitä olisi voinut tehdä toisin, ja lopuksi sitä, mitä teet jatkossa
[6]. Muutama virke kuhunkin kysymykseen riittää.

Valitse jokin etätilanne, jonka muistat hyvin. Se voi olla etäohjaus, jota olet pitänyt, tai
etäpalaveri, johon olet osallistunut. Älä kirjoita mitään, mistä asiakkaan tai muun henkilön
voisi tunnistaa.
"""

SELF_ASSESSMENT = """
## Itsearviointi

Arvioi, miten hyvin väitteet kuvaavat sinua juuri nyt. Vertaa itseäsi viikon tavoitteisiin sivun
alussa. Itsearviointi tukee omaa oppimistasi: numeroa ei arvostella, ja samoja asioita kysytään
uudelleen valmennuksen lopussa. Jos et osaa arvioida jotakin kohtaa, valitse "En osaa sanoa".
"""

SHARED = """
## Jaettu tehtävä ryhmälle: etäohjauksen pelisäännöt

Kokoamme yhdessä ryhmän omat etäohjauksen pelisäännöt [2]. Ehdota yhtä pelisääntöä yhdellä
virkkeellä ja kerro lyhyesti, miksi se on tärkeä. Esimerkiksi: "Jokainen saa olla myös hiljaa ja
kuunnella, koska kaikki eivät halua puhua heti." Sääntö voi sopia valmennusryhmällemme tai
ryhmille, joita ohjaat työssäsi.

Ohjaaja kokoaa jaetut ehdotukset ryhmän yhteiselle seinälle. Valmennuksen päätöstapaamisessa valitsemme
niistä yhdessä 5–7 sääntöä. Niistä tulee ryhmän yhteiset etäohjauksen pelisäännöt.

Päätät itse, jaetaanko ehdotuksesi: omalla nimelläsi, nimimerkillä vai ei lainkaan. Jos et valitse
mitään, ehdotusta ei jaeta. Älä kirjoita jaettuun tehtävään asiakkaiden tietoja.
"""

SOURCES = """
## Lähteet

1. Digi- ja väestötietovirasto: Digituen eettinen ohjeistus. <https://dvv.fi/digituen-eettinen-ohjeistus>
2. Innokylä: Digivuorovaikutus osallisuuden tukena asiakastyössä. TiimiVerkko – Osallisuutta
   verkkovalmennuksesta -hanke, Jyväskylän ammattikorkeakoulu, ESR 2018–2020. Kuvaus julkaistu
   2.2.2021, päivitetty 22.3.2024.
3. Kielikello: Ymmärrettävää kieltä erilaisille lukijoille.
   <https://www.kielikello.fi/-/ymm%C3%A4rrett%C3%A4v%C3%A4%C3%A4-kielt%C3%A4-erilaisille-lukijoille>
4. Vuorikari, R., Kluzer, S. & Punie, Y. (2022). DigComp 2.2: The Digital Competence Framework for
   Citizens. Publications Office of the European Union. <https://doi.org/10.2760/115376>
5. DigComp-osaamisten nimet ja kuvaukset (CSV). <https://github.com/dini-ag-kim/digComp/blob/main/DigComp.csv>
6. Gibbs, G. (1988). Learning by Doing. Tiivistelmä Gibbsin reflektiivisestä kehästä:
   <https://www.nutshell100.com/subject/gibbs-reflective-cycle>
"""

FEEDBACK = """
## Ohjaajan palaute

Ohjaaja lukee etäohjauksen suunnitelmasi ja pohdintasi ja kirjoittaa sinulle henkilökohtaisen
palautteen. Näet palautteen tämän kohdan alla, kun ohjaaja on julkaissut sen.
"""

REFLECTION_ITEMS = ("W2_R_DESC", "W2_R_FEEL", "W2_R_CONC", "W2_R_PLAN")
SELF_ASSESSMENT_ITEMS = ("W2_SA1", "W2_SA2", "W2_SA3", "W2_SA4", "W2_SA5")

WEEK = Week(
    id="viikko2",
    intro=INTRO,
    theory=(("teoria", THEORY),),
    parts=(
        Part("tehtava_ohje", PRIVATE, ("W2_PLAN", "W2_CHECKLIST")),
        Part("pohdinta_ohje", REFLECTION, REFLECTION_ITEMS),
        Part("itsearviointi_ohje", SELF_ASSESSMENT, SELF_ASSESSMENT_ITEMS),
        Part("jaettu_ohje", SHARED, ("W2_SHARED", "W2_SHARE")),
    ),
    checks=(
        Check("valmis_suunnitelma", ("W2_PLAN", "W2_CHECKLIST")),
        Check("valmis_pohdinta", REFLECTION_ITEMS),
        Check("valmis_itsearviointi", SELF_ASSESSMENT_ITEMS),
        Check("valmis_jaettu", ("W2_SHARED",)),
    ),
    feedback=FEEDBACK,
    sources=SOURCES,
)
