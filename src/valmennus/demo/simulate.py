"""The synthetic cohort: participants played through the real exchange, for the demo, tests and benchmarks.

Each participant fetches the released week with nbgrader's own exchange classes (what
``nbgrader fetch_assignment`` runs), answers by writing exactly what the widgets write (through
``AnswerStore``), and submits (what ``nbgrader submit`` runs). Answers are varied Finnish texts made
from phrase pools with a seeded random generator, so a run is repeatable. Profiles give the spread a
facilitator meets: most complete, some incomplete, one with a damaged answers file.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from traitlets.config import Config

from ..anonymous import WeekAnswers
from ..answers import COURSE_TEAM_PATTERN, answers_filename
from ..items import Item, for_week
from ..kinds import kind
from ..kinds.base import word_count

# profile -> what the participant leaves undone ("empty": submits without answering anything)
PROFILES = ("complete", "short_diary", "no_reflection", "partial_scales", "corrupt", "empty")
FACILITATORS = ("ohjaaja-a", "ohjaaja-b")
SURVEY_CONSTRUCTS = ("digcomp", "digital_courage", "mi", "ethics")

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
    facilitator: str = FACILITATORS[0]
    last_week: str | None = None  # drops out after this week (None: stays to the end)
    late_weeks: tuple[str, ...] = ()
    growth: float = 1.0  # closing survey minus baseline, in scale points, before noise
    profile_weeks: tuple[str, ...] | None = None  # the weeks the profile applies to (None: all)

    def profile_in(self, week: str) -> str:
        """What this participant leaves undone in ``week`` (complete outside ``profile_weeks``)."""
        return self.profile if self.profile_weeks is None or week in self.profile_weeks else "complete"

    def takes_part(self, week: str, weeks: list[str]) -> bool:
        """Whether the participant still submits ``week`` (a drop-out stops after ``last_week``)."""
        if self.last_week is None or week not in weeks or self.last_week not in weeks:
            return True
        return weeks.index(week) <= weeks.index(self.last_week)


def plan_cohort(n: int, seed: int = 2026, weeks: list[str] | None = None) -> list[Participant]:
    """``n`` participants with repeatable names, profiles and journeys over ``weeks``.

    One damaged answers file, a few incomplete submissions (each in the first week only when the
    course has more weeks), about one in eight dropping out midway, a quarter late in a week or two,
    and growth from baseline to closing for most but not all (about one in five stays level or dips).
    """
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
    weeks = list(weeks or [])
    journeys = random.Random(f"{seed}:journeys")
    dropouts = set(journeys.sample(range(n), max(1, n // 8))) if len(weeks) > 3 and n >= 5 else set()
    people = []
    for i, (first, last) in enumerate(names):
        late = tuple(journeys.sample(weeks[1:], journeys.choice([1, 2]))) if weeks and journeys.random() < 0.25 \
            else ()
        level = journeys.random() < 0.2
        people.append(Participant(
            f"p{i + 1:02d}", first, last, profiles[i], facilitator=FACILITATORS[i % len(FACILITATORS)],
            last_week=journeys.choice(weeks[2:5]) if i in dropouts else None, late_weeks=late,
            growth=round(journeys.uniform(-0.4, 0.2) if level else journeys.uniform(0.5, 1.5), 2),
            profile_weeks=(weeks[1],) if len(weeks) > 1 else None))
    return people


# -- the simulated clock ------------------------------------------------------------------------
FACILITATOR_LAG_HOURS = {"ohjaaja-a": (20, 60), "ohjaaja-b": (40, 130)}  # after the due time


def submission_time(participant: Participant, week: str, release: datetime, due: datetime,
                    seed: int = 2026) -> datetime:
    """When the participant submits ``week``: during the week, or after the due time if late that week."""
    rng = random.Random(f"{seed}:clock:{participant.id}:{week}")
    if week in participant.late_weeks:
        return due + timedelta(hours=rng.uniform(3, 70))
    span = (due - release).total_seconds()
    return release + timedelta(seconds=span * rng.uniform(0.15, 0.97))


def feedback_release_time(facilitator: str, week: str, due: datetime, seed: int = 2026) -> datetime:
    """When a coach releases a week's feedback: a while after the due time, some coaches faster."""
    low, high = FACILITATOR_LAG_HOURS.get(facilitator, (24, 96))
    return due + timedelta(hours=random.Random(f"{seed}:release:{facilitator}:{week}").uniform(low, high))


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


# A few questions have their own spread (the weekly pulse): construct -> (values, weights).
PULSE_ANSWERS: dict[str, tuple[list[object], list[int]]] = {
    "pulse_usefulness": ([1, 2, 3, 4, 5], [1, 2, 5, 9, 6]),
    "pulse_workload": (["too_little", "right", "too_much"], [1, 7, 2]),
}
_GIBBS_POOLS = {"description": DESC, "feelings": FEEL, "analysis": ANAL, "action_plan": PLAN}


@dataclass(frozen=True)
class PhraseVoice:
    """A simulated participant's words (``kinds.base.Voice``): the kinds shape an answer, this fills it in.

    ``short``: the participant writes a short diary (the ``short_diary`` profile).
    """

    short: bool = False

    def words(self, item: Item, rng: random.Random, part: str = "text") -> str:
        if part == "why_not_lower":
            return rng.choice(FEEL)
        if part == "what_would_raise":
            return rng.choice(PLAN)
        if part == "nickname":
            return rng.choice(NICKNAMES)
        if item.construct == "shared_task":  # its own phrases: a shared post never repeats a private answer
            return _long_enough(rng.choice(SHARED_THOUGHTS), item, rng, SHARED_THOUGHTS)
        if item.id.endswith("DIARY"):
            return diary_text(rng, long=not self.short)
        return _long_enough(rng.choice(_GIBBS_POOLS.get(item.gibbs_stage, DESC)), item, rng)


def _survey_value(item: Item, participant: Participant, week: str, seed: int) -> object:
    """The same statement at baseline and at closing: a personal level, plus growth at the end.

    The level is drawn per participant and item (not per week), so the closing answer is the baseline
    answer moved by the participant's growth and a little noise, as people answer a repeated survey;
    the item's kind turns the level into its answer (a scale point, a ruler's score).
    """
    base = random.Random(f"{seed}:level:{participant.id}:{item.id}")
    level = base.gauss(2.9, 0.8)
    closing = item.weeks.index(week) > 0 if week in item.weeks else False
    noise = random.Random(f"{seed}:noise:{participant.id}:{item.id}:{week}").gauss(0, 0.35)
    words = random.Random(f"{seed}:ruler:{participant.id}:{item.id}:{week}")  # seed named as when only rulers had words
    unsure = not closing and base.random() < 0.04
    return kind(item.kind).example_at(item, level + (participant.growth if closing else 0) + noise, words,
                                      PhraseVoice(), unsure)


def _value_for(item: Item, participant: Participant, rng: random.Random) -> object:
    """What the widget of ``item`` would save for a participant who answered it (the kind shapes it)."""
    if item.construct in PULSE_ANSWERS:
        values, weights = PULSE_ANSWERS[item.construct]
        return rng.choices(values, weights=weights)[0]
    return kind(item.kind).example(item, rng, PhraseVoice(short=participant.profile == "short_diary"))


def _long_enough(text: str, item: Item, rng: random.Random, pool: list[str] | None = None) -> str:
    """A complete participant writes at least the item's gentle minimum of words."""
    pool = pool or DESC + FEEL + ANAL + PLAN
    while word_count(text) < item.min_words:
        text += " " + rng.choice(pool)
    return text


def answers_for(participant: Participant, week: str, seed: int = 2026) -> dict[str, object]:
    """What this participant's widgets would have saved for ``week``: item id -> value."""
    profile = participant.profile_in(week)
    if profile == "empty":
        return {}
    rng = random.Random(f"{seed}:{participant.id}:{week}")
    this_week = replace(participant, profile=profile, profile_weeks=None)
    values: dict[str, object] = {}
    for item in for_week(week):
        survey = item.construct in SURVEY_CONSTRUCTS or item.construct == "readiness"
        values[item.id] = (_survey_value(item, participant, week, seed) if survey
                           else _value_for(item, this_week, rng))
    if rng.random() < 0.3:  # the pulse is voluntary: some leave it
        for item in for_week(week):
            if item.construct.startswith("pulse"):
                values.pop(item.id, None)
    if profile == "no_reflection":
        for item in for_week(week):
            if item.gibbs_stage:
                values.pop(item.id, None)
    if profile == "partial_scales":
        scale_ids = [i.id for i in for_week(week) if i.kind == "likert5" and not i.construct.startswith("pulse")]
        for item_id in scale_ids[2:]:
            values.pop(item_id, None)
    if participant.id == "p01":  # someone pastes markup: it must show as text everywhere
        for key, value in values.items():
            if isinstance(value, str) and "R_DESC" in key:
                values[key] = value + ESCAPE_PROBE
    return values


def write_answers(folder: Path, notebook_id: str, participant: Participant, week: str,
                  seed: int = 2026) -> None:
    """Answer as the widgets do (one atomic write per change, the course team's answers to their own file,
    ``valmennus.anonymous``); the corrupt profile then breaks the answers file."""
    store = WeekAnswers(notebook_id, folder, week, read_only=False)
    for item_id, value in answers_for(participant, week, seed).items():
        store.set(item_id, value)
    if participant.profile_in(week) == "corrupt":
        # What a crashed editor or a bad hand edit leaves behind.
        (folder / answers_filename(notebook_id)).write_text('{"format": "valmennus-answers", "answ',
                                                           encoding="utf-8")


WEEK_UNDONE = ("short_diary", "corrupt", "empty")  # journeys whose week the coach does not mark complete


def facilitator_comment(participant: Participant, week: str = "viikko1") -> str:
    rng = random.Random(f"feedback:{participant.id}")
    if participant.profile_in(week) in WEEK_UNDONE:
        return FEEDBACK[-1]
    return rng.choice(FEEDBACK[:-1])


def facilitator_mark(participant: Participant, week: str) -> float:
    """The coach's completion mark on the week's task: 0 for a week left undone, else 1."""
    return 0.0 if participant.profile_in(week) in WEEK_UNDONE else 1.0


# -- the participant's side of the real exchange ---------------------------------------------------
def _exchange_config(course_id: str, exchange_root: Path, home: Path, student_id: str,
                     assignment: str) -> Config:
    c = Config()
    c.CourseDirectory.course_id = course_id
    c.CourseDirectory.assignment_id = assignment
    c.CourseDirectory.student_id = student_id
    c.CourseDirectory.root = str(home)
    # what the participant app submits with (participant.exchange): the course team's file stays home
    c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", COURSE_TEAM_PATTERN]
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


NBGRADER_TIMESTAMP = "%Y-%m-%d %H:%M:%S.%f %Z"  # nbgrader's Exchange.timestamp_format (UTC)


def stamp_submission(course_id: str, exchange_root: Path, student_id: str, assignment: str,
                     when: datetime) -> Path:
    """Move the participant's newest submission in the inbound to the simulated clock's time.

    nbgrader names an inbound submission ``<student>+<assignment>+<timestamp>+<random>`` and writes the
    same time into ``timestamp.txt``; collect orders by the name and autograde reads the file, so both
    are rewritten, and the gradebook then judges lateness against the schedule as for a real cohort.
    """
    inbound = exchange_root / course_id / "inbound"
    newest = max(inbound.glob(f"{student_id}+{assignment}+*"), key=lambda p: p.stat().st_mtime)
    stamp = when.astimezone(ZoneInfo("UTC")).strftime(NBGRADER_TIMESTAMP)
    random_part = newest.name.split("+")[3] if newest.name.count("+") >= 3 else ""
    target = inbound / "+".join(x for x in (student_id, assignment, stamp, random_part) if x)
    newest.rename(target)
    (target / "timestamp.txt").write_text(stamp, encoding="utf-8")
    return target
