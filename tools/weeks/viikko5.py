"""Week 5: motivational digital counselling (CURRICULUM.md §5 week 5, §3.6; seed 004).

Finnish MI terms vary between trainers (CURRICULUM §8.7). The text uses "motivoiva keskustelu" (as the
Laurea course of seed 004), "herättely", "yhteenveto" and "ylläpitopuhe", and names the other common
term in brackets. The DARN-CAT and ruler names in Finnish are the course's own, and the text says so.
"""

from notebook_writer import Check, Part, Week

INTRO = """
# Viikko 5: Motivoiva digineuvonta

Tällä viikolla harjoittelet keskustelutapaa, joka auttaa asiakasta löytämään omat syynsä käyttää
digipalveluja. Et vain näytä, mihin painetaan. Autat asiakasta huomaamaan, miksi asia on hänelle
tärkeä ja mihin hän itse pystyy.

**Tavoitteet.** Viikon jälkeen osaat

- kuvata motivoivan keskustelun hengen ja neljä prosessia
- käyttää avoimia kysymyksiä, vahvistuksia, heijastavaa kuuntelua ja yhteenvetoja, kun selvität
  asiakkaan digituen tarpeita
- tunnistaa asiakkaan muutospuheen ja ylläpitopuheen
- käyttää tärkeys- ja luottamusjanaa keskustelun tukena
- tukea asiakkaan uskoa omiin digitaitoihinsa.

**Aikaa kuluu** noin puolitoista tai kaksi tuntia. Teet tehtävät viikon aikana silloin, kun se
sinulle sopii.

**Näin vastaat.** Kirjoita vastaukset tekstikenttiin ja valitse sopivat vaihtoehdot. Jokainen
vastaus tallentuu heti, ja kentän alle tulee teksti "Tallennettu klo …". Muistikirjaa ei tarvitse
tallentaa erikseen. Voit sulkea välilehden ja jatkaa myöhemmin, sillä vastauksesi ovat tallessa.
Kun olet valmis, palauta tehtävä osallistujan pikaoppaan ohjeen mukaan.
"""

THEORY = """
## 1. Mitä motivoiva digineuvonta on?

Motivoiva digineuvonta on Laurea-ammattikorkeakoulussa kehitetty tapa ohjata asiakasta
digipalveluissa. Siinä yhdistyvät motivoiva keskustelu ja digitaitojen opettelu [1][2]. Tavoite on,
että asiakas käyttää digitaalisia laitteita ja palveluja jatkossa itsenäisesti [1].

Motivoivasta keskustelusta käytetään myös nimeä motivoiva haastattelu. Englanniksi se on
*motivational interviewing* (MI). Tässä valmennuksessa puhumme motivoivasta keskustelusta, kuten
Laurean koulutuskin [1].

Laurean kuvauksen mukaan motivoiva keskustelu on yhteistyöhön perustuva keskustelutyyli. Se
vahvistaa asiakkaan motivaatiota ja sitoutumista muutokseen [1]. Menetelmän kehittäjät William
Miller ja Stephen Rollnick kuvaavat sen asiakaslähtöiseksi ohjaustavaksi. Sen avulla käsitellään
yleistä ongelmaa: ihmisen ristiriitaisia tunteita muutosta kohtaan. Ihminen sekä haluaa muutosta
että epäröi sitä. Ohjaava ammattilainen ei tarjoa valmiita syitä, vaan auttaa asiakasta löytämään
ja sanomaan ääneen omat syynsä [3].

Digituessa tämä ristiriita on tuttu. Asiakas voi samaan aikaan haluta hoitaa asiansa verkossa ja
pelätä, että tekee virheen. Laurean koulutuksessa opitaan juuri tätä: miten asiakasta autetaan
käsittelemään muutokseen liittyvää ristiriitaa ja kannustetaan kokeilemaan palvelua digitaalisesti [1].

## 2. Motivoivan keskustelun henki

Motivoiva keskustelu ei ole pelkkä joukko tekniikoita. Sen pohjana on asenne, jota kutsutaan
motivoivan keskustelun hengeksi. Hengessä on neljä osaa [3][4]:

- **Kumppanuus.** Teette työtä yhdessä. Asiakas on oman elämänsä asiantuntija, ja sinä tunnet
  palvelut.
- **Hyväksyntä.** Kunnioitat asiakkaan arvoa ihmisenä ja yrität ymmärtää hänen näkökulmansa.
  Tuet hänen oikeuttaan päättää omista asioistaan ja huomaat hänen vahvuutensa.
- **Myötätunto.** Toimit asiakkaan parhaaksi. Hänen tarpeensa menevät omien tavoitteidesi edelle.
- **Herättely** (myös esiin kutsuminen). Motivaatio ja voimavarat ovat jo asiakkaassa. Sinä autat
  niitä tulemaan esiin.

## 3. Neljä prosessia

Keskustelussa on neljä vaihetta eli prosessia. Ne etenevät yleensä järjestyksessä, mutta
aiempaan vaiheeseen voi aina palata [5][6]. Suomenkieliset nimet vaihtelevat. Käytämme Savonian
blogin nimiä [6].

1. **Sitoutuminen.** Luotte yhteyden ja luottamuksen. Kysyt esimerkiksi, mitä asiakas toivoo
   tapaamiselta.
2. **Keskittyminen.** Sovitte yhdessä, mistä puhutte. Asiakas haluaa esimerkiksi oppia katsomaan
   reseptinsä OmaKannasta.
3. **Herättely.** Autat asiakasta sanomaan omat syynsä ja vahvuutensa: "Mitä hyötyä siitä olisi
   sinulle?"
4. **Suunnittelu.** Asiakas päättää ensimmäisen askeleen: "Mitä haluaisit kokeilla ensimmäiseksi?"

## 4. Neljä perustaitoa

Motivoivan keskustelun perustaidot tunnetaan englanniksi lyhenteenä OARS. Niitä käytetään
keskustelun alusta asti ja usein [7]. Suomenkieliset nimet ovat [8]:

- **Avoimet kysymykset.** Avoin kysymys kutsuu asiakkaan kertomaan omin sanoin [7]. Suljettuun
  kysymykseen vastataan "kyllä" tai "ei". Kysy siis mieluummin "Millaisia kokemuksia sinulla on
  verkossa asioinnista?" kuin "Osaatko kirjautua?" Myös tämä toimii: "Mikä verkkoasioinnissa on
  sinusta hyvää, mikä hankalaa?"
- **Vahvistukset.** Huomaat asiakkaan vahvuuden tai onnistumisen ja sanot sen ääneen. Ole
  konkreettinen: "Löysit kirjautumissivun ihan itse."
- **Heijastava kuuntelu.** Sanot omin sanoin, mitä asiakas kertoi tai tarkoitti. Asiakas: "Tämä on
  ihan liian monimutkaista." Sinä: "Palvelussa on niin paljon kohtia, että on vaikea tietää,
  mistä aloittaa."
- **Yhteenvedot** (myös tiivistykset). Kokoat keskustelun: "Haluaisit siis nähdä reseptisi itse,
  koska puhelimessa jonottaminen turhauttaa. Kirjautuminen jännittää, mutta pankkiasiat olet
  oppinut hoitamaan verkossa. Menikö oikein?"

## 5. Muutospuhe ja ylläpitopuhe

Muutospuhetta on kaikki, mitä asiakas sanoo muutoksen puolesta [8][9]. Sen vastakohta on puhe,
joka puolustaa nykytilaa. Kutsumme sitä tässä valmennuksessa ylläpitopuheeksi [9]. Esimerkiksi:
"Pärjään ilmankin. Soitan mieluummin terveysasemalle."

Muutospuhetta on kahta lajia. Valmistava muutospuhe kertoo, miksi muutos olisi hyvä ja
mahdollinen. Toimintaan johtava muutospuhe kertoo, että asiakas on lähdössä liikkeelle.
Englanninkielinen muistisääntö on DARN-CAT [9][10]. Suomenkieliset nimet ovat valmennuksen omia.
Esimerkit ovat kuvitteellisia.

**Valmistava muutospuhe (DARN)**

- **Halu:** "Haluaisin nähdä reseptini itse OmaKannasta."
- **Kyky:** "Opin hoitamaan pankkiasiatkin verkossa, joten ehkä opin tämänkin."
- **Syyt:** "Olisi helpompaa, kun ei tarvitsisi jonottaa puhelimessa."
- **Tarve:** "Minun täytyy oppia tämä, koska en halua aina pyytää apua lapsiltani."

**Toimintaan johtava muutospuhe (CAT)**

- **Sitoumus:** "Aion kirjautua OmaKantaan tällä viikolla."
- **Valmius:** "Olen valmis kokeilemaan sitä nyt yhdessä."
- **Askeleet:** "Kävin jo eilen katsomassa palvelun etusivua."

Toimintaan johtava muutospuhe liittyy todelliseen muutokseen vahvemmin kuin valmistava. Sitoumusta
ei silti kannata vaatia liian aikaisin [9][10]. Kun kuulet muutospuhetta, voit heijastaa sen tai
pyytää asiakasta kertomaan siitä lisää. Ylläpitopuhetta ei kannata kiistää. Heijasta se ja kuuntele,
löytyykö sen rinnalta myös muutospuhetta.

## 6. Tärkeysjana ja luottamusjana

Janat ovat kaksi asteikkoa nollasta kymmeneen [11][12]:

- **Tärkeysjana:** "Kuinka tärkeää sinulle on juuri nyt oppia katsomaan reseptisi itse?"
- **Luottamusjana:** "Kuinka luottavainen olet, että pystyisit siihen?"

Luvun jälkeen kysyt kaksi jatkokysymystä [11][12]:

1. "Miksi olet kohdassa 4 etkä pienemmässä luvussa?" Kun asiakas perustelee lukuaan, hän kertoo
   samalla omia syitään muutokselle.
2. "Mitä tarvittaisiin, että pääsisit neljästä viiteen?" Vastaus kertoo, millaisesta tuesta olisi
   apua.

Älä kysy, miksi asiakas ei valinnut kymppiä. Silloin hän alkaa perustella, miksi muutos ei onnistu
[11][12]. Janojen suomenkieliset nimet ovat valmennuksen omia.

## 7. Motivoiva ote digituessa: asiakas tekee itse

Digi- ja väestötietoviraston (DVV) eettisen ohjeistuksen mukaan digituen tavoite on, että asiakas
pärjää jatkossa itse. Siksi digituen antaja kannustaa asiakasta tekemään asiat omin käsin [13]. Tämä sopii
hyvin motivoivaan keskusteluun: päätökset ja tekeminen kuuluvat asiakkaalle.

Käytännössä asiakas pitää hiirtä tai puhelinta koko ajan itse. Sinä neuvot sanoin etkä ota hiirtä
omaan käteesi, vaikka itse tekisit asian nopeammin. Moni auttaja tuntee halun korjata tilanne heti.
Tässä valmennuksessa kutsumme sitä korjausrefleksiksi. Kun huomaat sen itsessäsi, pysähdy ja kysy
avoin kysymys.

Psykologi Albert Banduran mukaan usko omiin kykyihin rakentuu neljästä lähteestä: omista
onnistumisista, muiden esimerkistä, rohkaisusta ja omasta tunnetilasta. Omat onnistumiset ovat
niistä vahvin [14]. Pienikin onnistuminen asiakkaan omalla laitteella on siis arvokas. Sano se
ääneen vahvistuksena. Kerro myös, että moni muu on oppinut saman. Jos asiakasta jännittää,
pitäkää tauko tai edetkää pienemmin askelin.

Motivaatio herää helpoimmin, kun asiakas huomaa, että digipalvelusta on hyötyä hänelle itselleen.
Joskus hyvä alku löytyy harrastuksesta tai muusta kiinnostuksen kohteesta, ja sen jälkeen on
helpompi siirtyä arjen asiointiin [15].
"""

PRIVATE_QUIZ = """
## Yksityinen tehtävä, osa A: tunnista keinot

Tämän tehtävän näette vain sinä ja ohjaajasi. Tehtävässä on kolme osaa: lyhyt tietovisa (A),
kuvitteellinen ohjauskeskustelu (B) ja valmiusjana (C).

Tietovisassa on viisi kysymystä. Lauseet ovat kuvitteellisten asiakkaiden. Kolmessa ensimmäisessä
tunnistat muutospuheen ja ylläpitopuheen. Neljännessä valitset avoimen kysymyksen ja viidennessä
heijastuksen.

Kun valitset vaihtoehdon, näet heti palautteen. Voit vaihtaa valintaa niin monta kertaa kuin
haluat. Valmistumismerkintään riittää, että olet vastannut kaikkiin viiteen kysymykseen.
Vastausten ei tarvitse olla oikein.
"""

PRIVATE_DIALOGUE = """
## Yksityinen tehtävä, osa B: kuvitteellinen ohjauskeskustelu

Kirjoita lyhyt kuvitteellinen keskustelu, jossa ohjaat asiakasta digipalvelun käytössä. Keksi
asiakas itse, esimerkiksi "kuvitteellinen asiakas Aino, 67". **Älä kirjoita mitään, mistä oikean
asiakkaan voisi tunnistaa.** Älä myöskään kirjoita omia arkaluonteisia tietojasi, kuten
henkilötunnustasi tai terveystietojasi.

1. Kirjoita 8–10 repliikkiä. Aloita jokainen repliikki puhujan nimellä.
2. Käytä omissa repliikeissäsi vähintään yhtä avointa kysymystä, yhtä vahvistusta, yhtä heijastusta
   ja yhtä yhteenvetoa.
3. Merkitse keino sulkeisiin repliikin perään.

Esimerkiksi näin:

> Sinä: Mitä toivoisit OmaKannasta löytäväsi? (avoin kysymys)
>
> Aino: No, reseptit lähinnä. Mutta en tiedä, osaanko.
>
> Sinä: Haluaisit nähdä reseptisi itse, mutta epäilet omia taitojasi. (heijastus)

Voit käyttää teorian esimerkkejä apuna. Ohjaaja lukee keskustelusi ja kirjoittaa sinulle palautteen.
"""

PRIVATE_RULER = """
## Yksityinen tehtävä, osa C: valmiusjana

Kokeile janaa ensin itseesi. Valitse luku nollasta kymmeneen. Vastaa sen jälkeen kahteen
jatkokysymykseen, jotka näet janan alla: miksi et valinnut pienempää lukua ja mikä nostaisi lukua
yhdellä. Samoja kysymyksiä voit käyttää asiakkaan kanssa.
"""

REFLECTION = """
## Pohdi omaa työtäsi

Pohdinta seuraa Gibbsin reflektiivisen kehän vaiheita: ensin kuvaat tapahtuneen, sitten pohdit sen
merkitystä ja lopuksi sitä, mitä teet jatkossa [16]. Muutama virke kuhunkin kysymykseen riittää.
Voit kirjoittaa oikeista ohjaustilanteista, mutta älä kirjoita mitään, mistä asiakkaan voisi
tunnistaa.
"""

SELF_ASSESSMENT = """
## Itsearviointi

Arvioi, miten hyvin väitteet kuvaavat sinua juuri nyt. Vertaa itseäsi viikon tavoitteisiin sivun
alussa. Itsearviointi tukee omaa oppimistasi: numeroa ei arvostella, ja samoja asioita kysytään
uudelleen valmennuksen lopussa. Jos et osaa arvioida jotakin kohtaa, valitse "En osaa sanoa".
"""

SHARED = """
## Jaettu tehtävä ryhmälle

Kirjoita yksi hyvä avoin kysymys, jolla aloittaisit keskustelun asiakkaan kanssa hänen
digipalvelujen käytöstään. Esimerkiksi: "Mitä asioita hoidat nykyään verkossa, ja mitkä hoidat
mieluummin muuten?" Kysymyksistä kertyy ryhmälle yhteinen kysymyspankki.

Päätät itse, jaetaanko kysymyksesi: omalla nimelläsi, nimimerkillä vai ei lainkaan. Jos et valitse
mitään, kysymystä ei jaeta. Ohjaaja kokoaa jaetut kysymykset ryhmän yhteiselle seinälle. Älä
kirjoita jaettuun tehtävään asiakkaiden tietoja.
"""

SOURCES = """
## Lähteet

1. Innokylä: Motivoiva digineuvonta sotepalveluissa -koulutus. Laurea-ammattikorkeakoulu ja
   Länsi-Uudenmaan hyvinvointialue, DigiOn – Digionnea kaikille, ESR 2021–2023.
   <https://innokyla.fi/fi/toimintamalli/motivoiva-digineuvonta-sotepalveluissa-koulutus>
2. Rantala, Monni & Veltheim: Verkko-opintoa laatimassa: Motivoivassa digineuvonnassa yhdistyvät
   motivoiva keskustelu ja digitaitojen opettelu. Laurea Journal.
   <https://journal.laurea.fi/verkko-opintoa-laatimassa-motivoivassa-digineuvonnassa-yhdistyvat-motivoiva-keskustelu-ja-digitaitojen-opettelu/>
3. UNC CFAR: MI Components: Spirit of Motivational Interviewing. University of North Carolina,
   Center for AIDS Research, 2025.
   <https://www.med.unc.edu/cfar/2025/11/mi-components-spirit-of-motivational-interviewing>
4. Functional Imagery Training: Motivational Interviewing, a short introduction.
   <http://functionalimagerytraining.co.uk/index.php?id=23>
5. MI WNY -blogi: Four Stages of Motivational Interviewing.
   <https://www.motivationalinterviewingwny.com/blog2020/tag/Four+Stages+of+Motivational+Interviewing>
6. Savonia-ammattikorkeakoulu: Motivoiva keskustelu (blogi).
   <https://blogi.savonia.fi/motivoiparonhoitoon/motivoiva-keskustelu>
7. ISSUP: Motivational Interviewing: OARS. Rosengrenin sekä Millerin ja Rollnickin (2002) pohjalta, 2019.
   <https://www.issup.net/knowledge-share/resources/2019-10/motivational-interviewing-open-questions-affirmation-reflective>
8. NHA: Motivoiva haastattelu (blogi). <https://nha.fi/blogi/motivoiva-haastattelu>
9. Motiverande samtal: Recognizing change talk and sustain talk. <http://www.motiverandesamtal.org/node/265>
10. NIMHANS e-learning: DARN-CAT. <https://nimhanselearning.org/?p=905> ja Observing Solution:
    Evoking change talk (DARN-CAT), Millerin ja Rollnickin (2013) pohjalta.
    <https://observingsolution.com/library/techniques/evoking-change-talk-darn-cat/>
11. Case Western Reserve University, Center for Evidence-Based Practices: Readiness Ruler.
    <https://case.edu/socialwork/centerforebp/resources/readiness-ruler>
12. Observing Solution: Importance and confidence rulers.
    <https://observingsolution.com/library/techniques/importance-and-confidence-rulers/>
13. Digi- ja väestötietovirasto: Digituen eettinen ohjeistus. <https://dvv.fi/digituen-eettinen-ohjeistus>
14. Bandura, A. (1977). Self-efficacy: Toward a unifying theory of behavioral change. Psychological
    Review 84(2). <https://verdi.cs.ucl.ac.uk/constructDB/publications/bandura-selfefficacy-1977.html>
15. Ollaranta, S. (2022). Yhteiskehittämistä asiakas- ja käyttäjäymmärryksen pohjalta digitaitojen
    parantamiseksi. SoTyDigi.
    <https://sotydigi.fi/2022/12/yhteiskehittamista-asiakas-ja-kayttajaymmarryksen-pohjalta-digitaitojen-parantamiseksi/>
16. Gibbs, G. (1988). Learning by Doing. Tiivistelmä Gibbsin reflektiivisestä kehästä:
    <https://www.nutshell100.com/subject/gibbs-reflective-cycle>
"""

FEEDBACK = """
## Ohjaajan palaute

Ohjaaja lukee kuvitteellisen ohjauskeskustelusi, valmiusjanasi ja pohdintasi ja kirjoittaa sinulle
henkilökohtaisen palautteen. Näet palautteen tämän kohdan alla, kun ohjaaja on julkaissut sen.
"""

QUIZ = ("W5_Q1", "W5_Q2", "W5_Q3", "W5_Q4", "W5_Q5")
REFLECTION_ITEMS = ("W5_R_FIX", "W5_R_CHANGE", "W5_R_RULER")
SELF_ASSESSMENT_ITEMS = ("W5_SA1", "W5_SA2", "W5_SA3", "W5_SA4", "W5_SA5")

WEEK = Week(
    id="viikko5",
    intro=INTRO,
    theory=(("teoria", THEORY),),
    parts=(
        Part("tietovisa_ohje", PRIVATE_QUIZ, QUIZ),
        Part("dialogi_ohje", PRIVATE_DIALOGUE, ("W5_DIALOGUE",)),
        Part("jana_ohje", PRIVATE_RULER, ("W5_RULER",)),
        Part("pohdinta_ohje", REFLECTION, REFLECTION_ITEMS),
        Part("itsearviointi_ohje", SELF_ASSESSMENT, SELF_ASSESSMENT_ITEMS),
        Part("jaettu_ohje", SHARED, ("W5_SHARED", "W5_SHARE")),
    ),
    checks=(
        Check("valmis_tietovisa", QUIZ),
        Check("valmis_dialogi", ("W5_DIALOGUE", "W5_RULER")),
        Check("valmis_pohdinta", REFLECTION_ITEMS),
        Check("valmis_itsearviointi", SELF_ASSESSMENT_ITEMS),
        Check("valmis_jaettu", ("W5_SHARED",)),
    ),
    feedback=FEEDBACK,
    sources=SOURCES,
)
