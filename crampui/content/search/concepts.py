"""Concept groups: words and phrases people type that stand for the same idea, and the
helpers that combine weighted index terms."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import pairwise

from crampui.content.search.stemming import stem
from crampui.content.search.text import joins

Concept = tuple[tuple[str, float], ...]
"""Index terms one query word or phrase stands for, each with a weight in (0, 1]."""


SYNONYMS: tuple[tuple[float, str], ...] = (
    (
        0.8,
        "normal, common, uncommon, usual, typical, expected, everyone, everybody, anyone else, "
        "other people, natural, weird, strange, ok, okay, just me, alone, happen, is that ok, "
        "is this ok, par for the course, to be expected, a thing, run of the mill, "
        "nothing to worry about, anything to worry about, should i worry, worry, worried, "
        "concerned, cause for concern, wrong with me, something wrong with me, "
        "anything wrong with me, why does, why do, why is, why am i, people, most people, "
        "lots of people",
    ),
    (
        0.8,
        "continue, resume, keep, carry on, keep going, push through, power through, go on, "
        "ride it out, tough it out, stick it out, work through, grit my teeth, soldier on, "
        "push on, press on, breathe through, stretch through, wait it out, let it pass",
    ),
    # Stopping: what to do the moment a cramp starts.
    (
        0.7,
        "stop, halt, pause, quit, let go, ease off, back off, come out of, release, pack it in, "
        "give up, break off, what now, what do i do, what should i do, what to do, "
        "thing to do, relief, relieve, ease, drop the stretch, get out of, come out, back out, "
        "shake it out, walk it off, stop stretching, stop the stretch, stop mid, stop right away, "
        "stop straight away, stop immediately, right now, ease out, ease out of, "
        "get rid of a cramp, get rid of the cramp, get rid of this cramp, get rid of it",
    ),
    # Whether to go on with the stretch: stopping it is the same question as keeping at it.
    (
        0.8,
        "keep stretching, carry on stretching, continue stretching, stop stretching, "
        "stop the stretch, stretch through, stop if, stop when, stop while, stop or, stop and, "
        "should i stop, need to stop, have to stop, "
        "keep going if, keep going when, carry on if, carry on when, hold it or",
    ),
    (0.6, "during, mid, midway, halfway, moment, in the middle, as soon as, start, starts"),
    (
        0.8,
        "worsen, worse, exacerbate, aggravate, flare, irritate, harm, damage, injure, injury, "
        "more harm than good, do damage, hurt myself, unsafe, safe, risky, strain, strained, "
        "pull a muscle, pulled, tear, torn, set me back, setback, backfire, counterproductive, "
        "bad for, make it worse, make things worse",
    ),
    (0.8, "pain, ache, aching, hurt, sore, soreness, painful, backache, agony, bad back"),
    (
        0.7,
        "hold, long, duration, second, sec, secs, minute, mins, how long, how many seconds, "
        "breath, breaths, stay in, stay there, length of time, amount of time, how much time, "
        "long enough, count to, hold it for, hold for",
    ),
    (1.0, "15, fifteen"),
    (1.0, "30, thirty, half a minute"),
    (0.8, "bounce, bouncing, ballistic, jerk, jerky, pulse"),
    (
        0.8,
        "dehydration, dehydrated, hydration, hydrate, water, drink, fluid, thirsty, thirst, "
        "parched, sweat, sweaty, coffee, tea, caffeine, alcohol, booze, hungover, dry mouth, "
        "dark urine, dark pee, pee, urine, drinking enough, enough to drink, hot day, "
        "heatwave, heat wave, hot weather, fluids",
    ),
    # Prevention: making cramps stop happening for good, not stopping one stretch.
    (
        0.8,
        "prevent, prevention, avoid, stop, reduce, fewer, less often, less frequent, less likely, "
        "keep away, happen again, "
        "keep at bay, ward off, stop happening, stop getting, stop coming, go away for good, "
        "for good, get rid of, never again, in future, long term, cut down, minimise, "
        "minimize, cure, fix, they stop, ever stop, cramps stop, spasms stop, keep from, "
        "stop from, keep from happening, "
        "stop from happening, keep from coming, stop from coming, from coming back, "
        "from recurring, from starting, from happening, from returning, stop them, "
        "stop it happening, once and for all, anymore, any more, no more, stop cramps, "
        "stop cramping, stop back cramps, not get, not getting, never get, not to get, "
        "avoid getting, what can i do, come back, coming back, comes back, happen less, "
        "happen less often",
    ),
    (
        0.7,
        "regular, regularly, routine, daily, every day, consistent, consistently, habit, "
        "keep at it, stick with it, stick at it, over time, long run, often, more often, "
        "frequently, more regularly",
    ),
    # Seeing a professional, and when it is serious enough to.
    (
        0.8,
        "doctor, physician, gp, physio, physiotherapist, physical therapist, chiropractor, "
        "chiro, osteopath, doc, medic, nurse, specialist, clinic, hospital, healthcare, "
        "health care, professional, consult, medical, see someone, get it checked, get checked, "
        "checkup, check up, looked at, look at it, checked out, seen to, get it seen, "
        "who do i see, who should i see, expert, therapist, appointment, referral, get help, "
        "get advice, checked by, talk to, speak to, who to see, who to talk to, who can help, "
        "what kind of doctor, which doctor, who treats, who deals with, who do i go to, "
        "who to go to, someone to look at, get it looked at, get looked at, "
        "see somebody, go and see, book in, medical attention, urgent care, walk in, "
        "orthopaedic, orthopedic, sports medicine, pharmacist",
    ),
    (
        0.7,
        "serious, dangerous, danger, alarming, concerning, red flag, warning sign, urgent, "
        "severe, intense, extreme, bad sign, worrying sign, something wrong, when to worry, "
        "when should i worry, when should i be worried, when do i worry, when is it serious",
    ),
    (
        0.8,
        "posture, slouch, slouching, slouched, hunch, hunched, slump, slumped, alignment, "
        "form, ergonomic, ergonomics, sit, sitting, seated, stand, standing, position, "
        "straight back, back straight, out of line, neutral spine, arch, rounded, way i hold, "
        "how i hold, hold myself, carry myself, hold my body, hold your body, hold my spine, "
        "hold yourself, way i sit, way i stand, how i sit, how i stand, "
        "curve, curved, hunching, lean, leaning, crooked, lopsided, stoop, stooped, upright, "
        "sit up straight, desk, desk job, body position, back position",
    ),
    # Warming up: getting the body moving before the stretch.
    (
        0.8,
        "warmup, warm up, warming up, warm, prepare, preparation, prep, get ready, ready, "
        "limber up, loosen up, get the blood flowing, blood flowing, blood flow, circulation, "
        "get moving, light activity, light exercise, cardio, jog, jogging, brisk walk, walk, "
        "walking, jumping jacks, star jumps, heat up, go straight in, straight into, beforehand, "
        "do something first, moving first, without warming, cold muscles, cold start, skip, "
        "stretch cold, stretching cold, cold stretch, stretch from cold",
    ),
    (
        0.8,
        "cold, chilly, chill, freezing, frozen, winter, cool, morning, first thing, "
        "out of bed, woke up, wake up, cold room, get up, getting up, just got up",
    ),
    (
        0.7,
        "electrolyte, potassium, magnesium, calcium, sodium, salt, mineral, banana, "
        "supplement, nutrient, vitamin, deficient, deficiency, lacking, pill, tablet, "
        "pickle juice, quinine, tonic water, epsom, levels, low levels, blood test, "
        "multivitamin, zinc, iron, low on",
    ),
    (0.6, "diet, food, eat, eating, nutrition, meal, meals"),
    (
        0.8,
        "fatigue, fatigued, tired, tiredness, exhausted, exhaustion, worn out, weary, "
        "overworked, overworking, overtrained, overtraining, burnt out, burned out, drained, "
        "knackered, wiped out, shattered, spent, leg day, hard session, heavy session, "
        "long day, long shift, shift, on my feet, busy day, hard day, sleep, slept, sleepy, "
        "no sleep, bad night, end of the day, after work, after a run, after running, "
        "after the gym, after training, rest day, recovery, after a workout, after exercise, "
        "after exercising, post workout, after lifting, after sport, gym session, big session, "
        "after a session, intense workout, intense session, intense training, hard workout, "
        "tough workout, big workout",
    ),
    (
        0.7,
        "nerve, pinched, pinch, trapped, compressed, compression, squeezed, sciatica, "
        "sciatic, tingling, numb, numbness, pins and needles, disc, slipped disc, herniated, "
        "bulging disc, shooting, shoots, shoot, radiating, radiates, down my leg, down the leg, "
        "buttock, buttocks, glute, into my leg, spreads, spreading, electric, electric shock, "
        "zap, zaps, zapping, zinging, burning, burn, down to my foot, into my foot, numb foot, "
        "numb toes, tingling toes",
    ),
    (
        0.8,
        "cramp, spasm, seize, seizing, seized, charley horse, lock up, locks up, twinge, "
        "contraction, grab, grabs, grabbed, lock, locked, locking, clench, knot up, "
        "comes on, hits, strikes",
    ),
    (0.8, "tight, tightness, stiff, stiffness, tense, tension, knotted, knot, rigid"),
    (0.8, "back, spine, spinal, lumbar, lower back, upper back"),
    (0.6, "stretch, yoga, pilates, pose"),
    (0.7, "massage, rub, rubbing, knead, massaging"),
    (0.8, "foam, foamroller, foam roller, foam roll, foam rolling, roller"),
    (0.7, "condition, disorder, disease, illness, underlying"),
    (0.6, "technique, correct, correctly, proper, properly, right way, wrong way"),
    (0.8, "poor, bad, wrong, incorrect, improper, off"),
    (0.7, "overstretching, overstretch, too far, too much, too hard, overdo, overdoing"),
    (
        0.8,
        "persist, persistent, recur, recurring, recurrent, chronic, constant, frequent, "
        "keep coming back, keeps coming back, won't go away, wont go away, ongoing, "
        "won't quit, for weeks, for months, all the time, doesnt go away, not go away, "
        "never goes away, isnt going away, still there",
    ),
    (0.8, "severe, intense, extreme, excruciating, sharp, terrible, unbearable, agonizing"),
    (0.8, "necessary, need, needed, required, must, essential, have to, need to, mandatory"),
    (0.7, "exercise, workout, training, gym, lifting, sport, activity"),
    (0.7, "heat, hot, heating pad, heat pack, warmth, hot water bottle, sauna, bath, shower"),
    (0.7, "unfit, out of shape, deconditioned, beginner, conditioning, weak, inactive"),
)
"""Comma-separated groups of words and phrases that mean the same thing, each with the weight
a member gets when the person typed another member of the group."""


_MODIFIERS_TEXT = """
bad good poor wrong right best better worse long short little lot big small much many less
new old high low way thing need needed necessary must fine ok okay make made
"""

_MODIFIER_STEMS = frozenset(stem(word) for word in _MODIFIERS_TEXT.split())


def is_modifier(word: str) -> bool:
    """Whether a folded word (in any inflection: ways, making) qualifies what a query is
    about rather than names it ("a bad sign", "a long shift", "do I need to..."): it still
    matches, but with :data:`MODIFIER_WEIGHT`, so the topic words of the query decide."""
    return stem(word) in _MODIFIER_STEMS


MODIFIER_WEIGHT = 0.4
"""How much a modifier word counts, relative to a topic word."""


WORD_FORMS = {"keeps": "recurring"}
"""Word forms that mean something other than their stem, mapped to a word that has their
meaning: "my back keeps cramping" is about cramps coming back, not about keeping on."""

FRAMES = (
    "is it ok to, is it okay to, is it fine to, is it alright to, is it bad to, is it good to, "
    "is it wise to, is it safe to, ok to, okay to, fine to, alright to, bad to, good to, wise to, "
    "physio says, physio said, physio told me, doctor says, doctor said, doctor told me, "
    "gp says, gp said, gp told me"
)
"""Phrases that frame a question without naming its topic ("is it ok to stretch cold", "my
physio says stretching is good, but..."): each is read as one unit that counts for nothing,
so that its "ok" is not read as "is this normal", its "bad" as "bad posture", nor advice
already given as a wish to see someone."""


def synonym_words() -> Iterator[str]:
    """Yield every member of every synonym group."""
    for _, members in SYNONYMS:
        yield from (m.strip() for m in members.split(","))


def joined_pairs(words: Sequence[str]) -> set[str]:
    """Joined stems of adjacent words, as the index stores them: keep coming -> keepcom."""
    return {stem(left + right) for left, right in pairwise(words) if joins(left, right)}


def merge(concepts: Iterable[Concept]) -> Concept:
    """Union of concepts, keeping each term's highest weight."""
    weights: dict[str, float] = {}
    for concept in concepts:
        for term, weight in concept:
            weights[term] = max(weights.get(term, 0.0), weight)
    return tuple(sorted(weights.items()))


def scaled(concept: Concept, factor: float) -> Concept:
    """The concept with every weight multiplied by ``factor``."""
    return tuple((term, weight * factor) for term, weight in concept)
