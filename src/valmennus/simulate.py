"""The synthetic cohort: participants played through the real exchange, for the demo, tests and benchmarks.

Each participant fetches the released week with nbgrader's own exchange classes (what
``nbgrader fetch_assignment`` runs), answers by writing exactly what the widgets write (through
``AnswerStore``), and submits (what ``nbgrader submit`` runs). Answers are varied Finnish texts made
from phrase pools with a seeded random generator, so a run is repeatable. Profiles give the spread a
facilitator meets: most complete, some incomplete, one with a damaged answers file.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from traitlets.config import Config

from .answers import AnswerStore, answers_filename
from .items import CANT_SAY, Item, for_week, quiz_is_correct, word_count

# profile -> what the participant leaves undone
PROFILES = ("complete", "short_diary", "no_reflection", "partial_scales", "corrupt")

FIRST_NAMES = ["Aino", "Mikko", "Sanna", "Juha", "Leena", "Timo", "Hanna", "Pekka", "Riikka", "Antti",
               "Kaisa", "Jari", "Minna", "Ville", "Satu", "Heikki", "Tiina", "Janne", "Eeva", "Markus"]
LAST_NAMES = ["Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Hämäläinen", "Laine", "Heikkinen",
              "Koskinen", "Järvinen", "Lehtonen", "Saarinen", "Salminen", "Tuominen", "Rantanen"]

SERVICES = [
    ("Suomi.fi-palvelusta", "etsin kunnan työllisyyspalveluiden neuvonnan yhteystiedot"),
    ("Kelan asiointipalvelussa", "selvitin, miten asumistukihakemusta täydennetään liitteellä"),
    ("OmaKannassa", "etsin reseptien uusimisen ohjeet ja kokeilin hakua"),
    ("Työmarkkinatorilla", "kokeilin luoda työnhakuprofiilin alusta asti"),
    ("hyvinvointialueen ajanvarauksessa", "etenin hammashoitolan ajanvarauksessa vahvistukseen asti"),
    ("OmaVerossa", "etsin, mistä verokortin muutos tehdään"),
    ("kaupungin verkkosivuilla", "etsin palvelun saavutettavuusselosteen"),
    ("TE-palvelujen sivuilla", "etsin ohjeet, miten ilmoittautuu työnhakijaksi"),
]
STEPS = [
    "Aloitin hakukoneesta, ja oikea sivu löytyi vasta kolmannella hakusanalla.",
    "Kirjautuminen mobiilivarmenteella onnistui, mutta vahvistusviesti tuli vasta toisella yrityksellä.",
    "Etusivulla oli paljon valikoita, ja jouduin palaamaan takaisin kaksi kertaa.",
    "Lomakkeen ensimmäinen sivu sujui nopeasti, koska tiedot oli täytetty valmiiksi.",
    "Liitteen lisääminen puhelimella oli hankalaa, koska kuva oli liian suuri.",
    "Ohjeteksti oli pitkä ja virkakielinen, joten luin sen kahteen kertaan.",
    "Chat-apu aukesi oikeaan alakulmaan, mutta botti ei ymmärtänyt kysymystäni.",
    "Neuvonnan puhelinnumero löytyi lopulta sivun alalaidasta pienellä tekstillä.",
    "Istunto vanheni kesken täyttämisen, ja osa tiedoista katosi.",
    "Saavutettavuusseloste löytyi alatunnisteesta, ja siinä kerrottiin puutteista selvästi.",
]
TIMES = ["noin viisi minuuttia", "kymmenisen minuuttia", "vartin", "puolisen tuntia", "pari minuuttia"]
FEELINGS = [
    "Tunne oli alussa 2, koska en tiennyt, mistä aloittaa, mutta lopussa jo 4.",
    "Koko ajan tuntui noin 3: ei vaikeaa, mutta ei myöskään sujuvaa.",
    "Hetkittäin turhautti (1–2), kun sama tieto piti syöttää uudelleen.",
    "Olo oli varma (4–5), koska palvelu oli minulle entuudestaan tuttu.",
    "Jännitti, teenkö jotain peruuttamatonta, joten tunne oli 2 vahvistukseen asti.",
]
HELP = [
    "Apua tarjottiin chatissa ja puhelimitse, mutta puhelinpalvelu oli auki vain virka-aikaan.",
    "Apua ei tarjottu missään vaiheessa näkyvästi, vaan ohjeet piti etsiä itse.",
    "Jokaisen kentän vieressä oli kysymysmerkki, josta sai lyhyen ohjeen.",
    "Sivun alalaidassa oli linkki Kansalaisneuvontaan.",
]
DESC = [
    "Hoidin asian alusta loppuun, mutta pysähdyin kohtaan, jossa piti valita oikea hakemustyyppi.",
    "Etsin tietoa usealta sivulta ja jouduin pysähtymään kirjautumisen jälkeen, kun valikko oli vieras.",
    "Tein ajanvarauksen vahvistukseen asti. Pysähdyin, kun en ymmärtänyt, mitä palveluvaihtoehdot "
    "tarkoittavat.",
    "Selasin palvelua puhelimella ja pysähdyin, kun lomake ei mahtunut näytölle.",
]
FEEL = [
    "Asiakkaana oli yllättävän epävarma olo, vaikka käytän digipalveluja työssäni päivittäin. "
    "Digirohkeutta tarvitsin, kun piti painaa lähetä-painiketta.",
    "Tuntui hyvältä, kun asia lopulta onnistui. Rohkeutta tarvittiin kirjautumisessa, koska pelkäsin "
    "tekeväni virheen.",
    "Ärsytti, kun ohjeet olivat vaikeaselkoisia. Huomasin, kuinka helposti asiakas luovuttaa tässä kohdassa.",
    "Olo oli rauhallinen, mutta digirohkeutta tarvitsin, kun kokeilin minulle uutta chat-toimintoa.",
]
ANAL = [
    "Asiakas, jolla on vain vanha puhelin, ei näkisi koko lomaketta. Heikompi kielitaito tekisi "
    "virkakielisistä ohjeista lähes mahdottomia.",
    "Jos asiakkaalla ei ole pankkitunnuksia, hän ei pääse edes alkuun. Aikaa kuluisi moninkertaisesti.",
    "Asiakas tarvitsisi selkeät vaiheittaiset ohjeet ja jonkun, jolta kysyä, kun istunto vanhenee.",
    "Kiireinen asiakas luovuttaisi luultavasti jo hakuvaiheessa, koska oikea sivu oli vaikea löytää.",
]
PLAN = [
    "Käyn palvelun läpi itse ennen ohjausta ja varaan asiakkaalle aikaa kirjautumiseen.",
    "Näytän asiakkaalle, mistä neuvonnan yhteystiedot löytyvät, ja kirjoitan ne hänelle ylös.",
    "Annan asiakkaan tehdä vaiheet itse ja kerron etukäteen, että epävarmuus kuuluu asiaan.",
    "Teen asiakkaalle kuvallisen muistilapun vaiheista ja sovin, että palaamme asiaan viikon päästä.",
]
ESCAPE_PROBE = " Kopioin ohjeesta kohdan: <b>Kirjaudu sisään</b> & <script>alert('x')</script> jatka."

FEEDBACK = [
    "Kiitos huolellisesta päiväkirjasta! Huomasit tärkeän asian: ohjeiden kieli ratkaisee, "
    "jatkaako asiakas vai luovuttaako hän.",
    "Hienosti eritelty asiakaspolku. Pohdintasi asiakkaasta, jolla on vähemmän laitteita, on hyvä "
    "lähtökohta viikon 4 teemaan.",
    "Kirjasit tunteet rehellisesti, ja se näkyy oivalluksissasi. Kokeile ensi viikolla samaa palvelua "
    "puhelimella.",
    "Hyvä havainto istunnon vanhenemisesta. Mieti, miten kerrot tästä asiakkaalle etukäteen.",
    "Päiväkirjasi on vielä lyhyt. Lisää mielellään vaiheiden kestot ja kohta, jossa apua tarjottiin.",
]


@dataclass(frozen=True)
class Participant:
    id: str
    first_name: str
    last_name: str
    profile: str


def plan_cohort(n: int, seed: int = 2026) -> list[Participant]:
    """``n`` participants with repeatable names and profiles: one corrupt file, a few incomplete."""
    rng = random.Random(seed)
    profiles = ["complete"] * n
    if n >= 3:
        profiles[-1] = "corrupt"
        profiles[-2] = "short_diary"
    if n >= 6:
        profiles[-3] = "partial_scales"
    if n >= 9:
        profiles[-4] = "no_reflection"
    rng.shuffle(profiles)
    names = rng.sample([(f, s) for f in FIRST_NAMES for s in LAST_NAMES], n)
    return [Participant(f"p{i + 1:02d}", f, s, profiles[i]) for i, (f, s) in enumerate(names)]


def diary_text(rng: random.Random, long: bool = True) -> str:
    where, what = rng.choice(SERVICES)
    if not long:
        return f"{where.capitalize()} {what}. Meni ihan hyvin."
    steps = rng.sample(STEPS, 3)
    lines = [f"Palvelu: {where} {what}."]
    for i, step in enumerate(steps, 1):
        lines.append(f"Vaihe {i} ({rng.choice(TIMES)}): {step}")
    lines.append(rng.choice(FEELINGS))
    lines.append(rng.choice(HELP))
    return "\n".join(lines)


SHARED_THOUGHTS = [
    "Este: ohjeet olivat virkakielisiä. Miten voisimme kirjoittaa ohjeet selkeämmin yhdessä asiakkaiden kanssa?",
    "Este: neuvonnan yhteystiedot olivat piilossa. Miten voisimme tuoda avun näkyviin heti etusivulle?",
    "Este: istunto vanheni kesken. Miten voisimme varoittaa asiakasta ennen kuin tiedot katoavat?",
    "Este: kirjautuminen vaati pankkitunnukset. Miten voisimme kertoa muista tunnistautumistavoista?",
]
NICKNAMES = ["Kettu", "Mustikka", "Pohjantähti", "Kaisla", "Revontuli", "Tervaleppä"]


def _value_for(item: Item, participant: Participant, rng: random.Random) -> object:
    """What the widget of ``item`` would save for a participant who answered it."""
    if item.kind == "likert5":
        return rng.choices([1, 2, 3, 4, 5, CANT_SAY], weights=[1, 3, 6, 8, 4, 1])[0]
    if item.kind == "cando4":
        return rng.choices([1, 2, 3, 4], weights=[1, 4, 6, 3])[0]
    if item.kind == "quiz":
        chosen = sorted(item.correct_ids()) if rng.random() < 0.8 else [item.options[0].id]
        return {"chosen": chosen, "correct": quiz_is_correct(item, chosen)}
    if item.kind == "ruler":
        return {"score": rng.randint(4, 10), "why_not_lower": rng.choice(FEEL), "what_would_raise": rng.choice(PLAN)}
    if item.kind == "choice":
        return rng.choice(item.options).id
    if item.kind == "checklist":
        return [o.id for o in item.options if rng.random() < 0.6] or [item.options[0].id]
    if item.kind == "share":
        mode = rng.choices(["name", "nickname", "none"], weights=[4, 3, 3])[0]
        return {"mode": mode, "nickname": rng.choice(NICKNAMES) if mode == "nickname" else ""}
    if item.kind == "response":
        return {"mode": "text", "text": _long_enough(rng.choice(DESC), item, rng), "image": None}
    if item.id.endswith("DIARY"):
        return diary_text(rng, long=participant.profile != "short_diary")
    if item.construct == "shared_task":
        return _long_enough(rng.choice(SHARED_THOUGHTS), item, rng)
    pool = {"description": DESC, "feelings": FEEL, "analysis": ANAL, "action_plan": PLAN}.get(item.gibbs_stage, DESC)
    return _long_enough(rng.choice(pool), item, rng)


def _long_enough(text: str, item: Item, rng: random.Random) -> str:
    """A complete participant writes at least the item's gentle minimum of words."""
    pool = DESC + FEEL + ANAL + PLAN
    while word_count(text) < item.min_words:
        text += " " + rng.choice(pool)
    return text


def answers_for(participant: Participant, week: str, seed: int = 2026) -> dict[str, object]:
    """What this participant's widgets would have saved for ``week``: item id -> value."""
    rng = random.Random(f"{seed}:{participant.id}:{week}")
    values: dict[str, object] = {item.id: _value_for(item, participant, rng) for item in for_week(week)}
    if participant.profile == "no_reflection":
        for item in for_week(week):
            if item.gibbs_stage:
                values.pop(item.id, None)
    if participant.profile == "partial_scales":
        scale_ids = [i.id for i in for_week(week) if i.kind == "likert5"]
        for item_id in scale_ids[2:]:
            values.pop(item_id, None)
    if participant.id == "p01":  # someone pastes markup: it must show as text everywhere
        for key, value in values.items():
            if isinstance(value, str) and "R_DESC" in key:
                values[key] = value + ESCAPE_PROBE
    return values


def write_answers(folder: Path, notebook_id: str, participant: Participant, week: str,
                  seed: int = 2026) -> None:
    """Answer as the widgets do (one atomic write per change); the corrupt profile then breaks the file."""
    store = AnswerStore(notebook_id, folder, read_only=False)
    for item_id, value in answers_for(participant, week, seed).items():
        store.set(item_id, value)
    if participant.profile == "corrupt":
        # What a crashed editor or a bad hand edit leaves behind.
        (folder / answers_filename(notebook_id)).write_text('{"format": "valmennus-answers", "answ',
                                                           encoding="utf-8")


def facilitator_comment(participant: Participant) -> str:
    rng = random.Random(f"feedback:{participant.id}")
    if participant.profile in ("short_diary", "corrupt"):
        return FEEDBACK[-1]
    return rng.choice(FEEDBACK[:-1])


# -- the participant's side of the real exchange ---------------------------------------------------
def _exchange_config(course_id: str, exchange_root: Path, home: Path, student_id: str,
                     assignment: str) -> Config:
    c = Config()
    c.CourseDirectory.course_id = course_id
    c.CourseDirectory.assignment_id = assignment
    c.CourseDirectory.student_id = student_id
    c.CourseDirectory.root = str(home)
    c.Exchange.root = str(exchange_root)
    c.Exchange.cache = str(home / ".nbgrader-cache")
    c.Exchange.assignment_dir = str(home)
    return c


def _run_exchange(action: str, config: Config) -> None:
    """Run one exchange action through nbgrader's ExchangeFactory, so a configured exchange is used."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange import ExchangeFactory

    coursedir = CourseDirectory(config=config)
    authenticator = Authenticator(config=config)
    factory = ExchangeFactory(config=config)
    getattr(factory, action)(coursedir=coursedir, authenticator=authenticator, config=config).start()


def fetch(course_id: str, exchange_root: Path, home: Path, student_id: str, assignment: str) -> Path:
    """``nbgrader fetch_assignment`` for one participant: the week lands in ``home/<assignment>``."""
    home.mkdir(parents=True, exist_ok=True)
    _run_exchange("FetchAssignment",
                  _exchange_config(course_id, exchange_root, home, student_id, assignment))
    return home / assignment


def submit(course_id: str, exchange_root: Path, home: Path, student_id: str, assignment: str) -> None:
    _run_exchange("Submit", _exchange_config(course_id, exchange_root, home, student_id, assignment))


def fetch_feedback(course_id: str, exchange_root: Path, home: Path, student_id: str,
                   assignment: str) -> list[Path]:
    """``nbgrader fetch_feedback``: returns the feedback HTML files the participant now has."""
    _run_exchange("FetchFeedback",
                  _exchange_config(course_id, exchange_root, home, student_id, assignment))
    return sorted((home / assignment / "feedback").glob("*/*.html"))
