"""The wordings composed text chooses from, by slot: several per slot, so a site does not say
the same sentence on every page.

Each frame is a Markup format string. Names and kinds come in escaped; `{clause}`, `{pro}` and
`{con}` are the editor's words, rendered, and already end the sentence, so frames that end
with one of them add no full stop. Every frame must say only what its slot's data says.
"""

from __future__ import annotations

FRAMES: dict[str, tuple[str, ...]] = {
    # -- intro: what the two are, to each other ------------------------------------------
    "intro": (
        "{a} and {b} are both {kinds}, and you usually need only one of them.",
        "{a} and {b} are two {kinds} competing for the same place.",
        "Both {a} and {b} are {kinds}, so choosing one usually rules out the other.",
        "{a} or {b}? Both are {kinds}, and most people settle on one.",
        "{a} and {b} are both {kinds} and do the same job, which makes this an either-or choice.",
        "Two {kinds}, one slot: {a} and {b} are rivals, and you will likely use just one.",
        "As {kinds}, {a} and {b} solve the same problem, each in its own way.",
        "{a} and {b} are rival {kinds}: you pick one or the other.",
    ),
    # Rivals by default only (the editor did not write `relation:`): no claim that one can
    # have only one.
    "intro-default": (
        "{a} and {b} are both {kinds}, and they are often weighed against each other.",
        "{a} and {b} are {kinds} that cover much of the same ground.",
        "Both {a} and {b} are {kinds}, with overlapping uses.",
        "{a} and {b} are both {kinds}.",
        "{a} or {b}? Both are {kinds}, and their uses overlap.",
    ),
    "intro-kinds-default": (
        "{a} is {ka} and {b} {kb}, and their uses overlap.",
        "{a} ({kind_a}) and {b} ({kind_b}) cover some of the same ground.",
        "{a} is {ka}, {b} {kb}: different labels, overlapping jobs.",
    ),
    # The same, for kinds that say little ("technique", "tool"): the kind is left out.
    "intro-generic": (
        "{a} and {b} do the same job, so you usually pick one.",
        "{a} or {b}? They do the same job, and most people settle on one.",
        "{a} and {b} compete for the same place, which makes this an either-or choice.",
        "{a} and {b} solve the same problem, each in its own way.",
        "{a} and {b} are rivals: you pick one or the other.",
    ),
    # The same, when the editor did not write `relation:`: no claim that one has to choose.
    "intro-generic-default": (
        "{a} and {b} are often weighed against each other.",
        "{a} and {b} cover much of the same ground.",
        "{a} or {b}? Their uses overlap.",
        "What {a} and {b} do overlaps in places.",
    ),
    # A dynamic pair: what the two share, and nothing the data does not say.
    "intro-dynamic": (
        "{a} and {b} are both {kinds} listed under {category}.",
        "Both {a} and {b} are {kinds} in {category}.",
        "{a} and {b} both belong to {category}, as {kinds}.",
    ),
    "intro-dynamic-kind": (
        "{a} and {b} are both {kinds}.",
        "Both {a} and {b} are {kinds}.",
    ),
    "intro-kinds": (
        "{a} is {ka} and {b} {kb}, but both do the same job, so you usually pick one.",
        "Though {a} is {ka} and {b} {kb}, they are rivals: most people settle on one.",
        "{a} ({kind_a}) and {b} ({kind_b}) answer the same need, which makes this an "
        "either-or choice.",
        "{a} is {ka} and {b} {kb}, yet they fill the same slot, so you will pick one.",
        "Different labels, same job: {a} is {ka}, {b} is {kb}, and you rarely need both.",
    ),
    "taglines": (
        "One is {ta}, the other {tb}.",
        "{a} is {ta}; {b} is {tb}.",
        "In a phrase, {a} is {ta} and {b} is {tb}.",
        "Put briefly: {a} is {ta}, while {b} is {tb}.",
    ),
    # -- the pick's reason -----------------------------------------------------------------
    # The editor picked without a reason: the pick is theirs whatever the case, and the
    # clause its best case, not a condition on it ("Our choice is X when…" read as one).
    "reason-clause": (
        "Our editors pick {p}, above all {clause}",
        "{p} is our pick, above all {clause}",
        "{p} gets our editors' vote, especially {clause}",
        "Our choice is {p}, especially {clause}",
    ),
    "reason-pro": (
        "Our editors pick {p}: {pro}",
        "{p} gets our editors' vote: {pro}",
        "{p} is our pick, and this is why: {pro}",
        "{p} earns our pick: {pro}",
    ),
    "agrees": (
        "It is also the more popular of the two: {a} against {b} {scale}.",
        "Popularity agrees, {a} against {b} {scale}.",
        "It leads on popularity too, {a} against {b} {scale}.",
    ),
    # After the popularity that decided the pick, what the editor says for it.
    "reason-then-clause": (
        "Choose {p} {clause}",
        "{p} is the better fit {clause}",
        "{p} is the one to pick {clause}",
    ),
    "reason-then-pro": (
        "Beyond the numbers: {pro}",
        "Numbers aside: {pro}",
        "On the merits: {pro}",
    ),
    "agrees-alone": (
        "It is the more popular of the two: {a} against {b} {scale}.",
        "It leads on popularity, {a} against {b} {scale}.",
    ),
    "popularity-close": (
        "{p} edges ahead on popularity, {a} against {b} {scale}, too close to decide much "
        "on its own.",
        "On popularity this is nearly a tie: {a} for {p} against {b} for {o} {scale}.",
        "{p} leads on popularity by a hair, {a} against {b} {scale}.",
    ),
    "popularity-clear": (
        "{p} is the more popular of the two: {a} against {b} {scale}.",
        "{p} scores higher on popularity, {a} against {os} {b} {scale}.",
        "On popularity {p} comes out ahead, {a} against {b} {scale}.",
        "{p} leads on popularity, {a} to {b} {scale}.",
        "On popularity, {p} scores {a} and {o} {b} {scale}.",
        "Popularity favours {p}: {a} against {b} {scale}.",
    ),
    "popularity-wide": (
        "{p} is far more popular: {a} against {b} {scale}.",
        "{p} leads on popularity by a wide margin, {a} against {b} {scale}.",
        "On popularity it is not close: {p} scores {a}, {o} {b} {scale}.",
        "{p} is the clear favourite on popularity, {a} against {os} {b} {scale}.",
        "Popularity favours {p} by a wide margin: {a} against {b} {scale}.",
    ),
    # -- the verdict: when to choose each --------------------------------------------------
    "pick-clause": (
        "Choose {p} {clause}",
        "{p} is the right call {clause}",
        "{p} makes the most sense {clause}",
        "Go with {p} {clause}",
        "{p} is the stronger choice {clause}",
    ),
    "pick-purpose": (
        "{p} is the better fit {clause}",
        "Choose {p} {clause}",
        "{p} is the one to pick {clause}",
        "Go with {p} {clause}",
        "{p} is the stronger choice {clause}",
    ),
    # A strength of the pick, quoted without claiming the other lacks it.
    "pick-pro": (
        "In {ps} favour: {pro}",
        "{p} has this on its side: {pro}",
        "A point for {p}: {pro}",
        "On {ps} side: {pro}",
    ),
    # The same when the pick's reason already quoted one of its strengths.
    "pick-pro-also": (
        "Another point for {p}: {pro}",
        "There is more on {ps} side: {pro}",
        "{p} has a further strength: {pro}",
        "{p} brings one more thing: {pro}",
    ),
    "other-clause": (
        "Choose {o} instead {clause}",
        "{o} is the better choice {clause}",
        "Pick {o} {clause}",
        "Prefer {o} {clause}",
        "Turn to {o} {clause}",
    ),
    # Worded apart from the pick's own frames, so the two sides never read alike.
    "other-pro": (
        "{o} has a strength of its own: {pro}",
        "{o} has this going for it: {pro}",
        "What {o} does well: {pro}",
        "Where {o} shines: {pro}",
        "{o} has a point in its favour: {pro}",
        "In favour of {o}: {pro}",
    ),
    # The verdict's last word, when all it said was the other's case (the pick box had
    # already given the pick's): where the other's situation does not hold, the pick.
    "verdict-else-clause": (
        "Otherwise, {p}.",
        "In any other case, go with {p}.",
        "Anywhere else, choose {p}.",
    ),
    # After a strength of the other's: the pick stands, all the same.
    "verdict-else-pro": (
        "That aside, {p} is the one to choose.",
        "Even so, we would choose {p}.",
        "All the same, {p} is our choice.",
    ),
    # Declared facts where one side has the better value (`better:` says which way).
    "fact-pick": (
        "{t} has the edge on {facts}.",
        "The facts favour {t} on {facts}.",
        "{t} comes out ahead on {facts}.",
    ),
    "fact-other": (
        "{t} is ahead on {facts}.",
        "Where {t} leads: {facts}.",
        "On {facts}, {t} is the stronger side.",
        "On {facts}, the edge goes to {t}.",
    ),
    # -- the bottom line -------------------------------------------------------------------
    "bottom-con": (
        "{p} is the pick, with one caveat: {con}",
        "Go with {p}, but know what it costs: {con}",
        "{p} it is, as long as you can live with this: {con}",
        "Choose {p}, with open eyes about its weak spot: {con}",
        "Our advice is {p}, with one trade-off to accept: {con}",
        "{p} comes out on top, though not for free: {con}",
        "Pick {p}, and budget for one downside: {con}",
        "Pick {p} and accept one cost: {con}",
        "{p} is our recommendation, at this price: {con}",
        "Settle on {p}, and plan for what it costs: {con}",
        "We would take {p}, knowing this: {con}",
    ),
    # The same, before a con quoted whole as its own sentence (one with a colon of its own).
    "bottom-con-lead": (
        "{p} is the pick, with one caveat.",
        "Go with {p}, but know what it costs.",
        "Choose {p}, with open eyes about its weak spot.",
        "{p} comes out on top, though not for free.",
        "Our advice is {p}, with one trade-off to accept.",
    ),
    "bottom-other-con": (
        "{p} is the pick. Where {o} falls short: {con}",
        "Choose {p}. What counts against {o}: {con}",
        "{p} comes out ahead, and {o} has this against it: {con}",
        "Go with {p}. The drawback on {os} side: {con}",
        "{p} gets the nod. {os} weak spot: {con}",
    ),
    "bottom": (
        "Between the two, {p} is the one to choose.",
        "Choose {p} over {o}.",
        "Our advice: go with {p}.",
        "If you have to pick one today, pick {p}.",
        "{p} is where we would put our money.",
    ),
    # Complements in an order: a caveat about the one to start with (its first con). Not a
    # cost of the order: both are used in the end, so no frame says starting first costs it.
    "start-con": (
        "Before you start with {p}, know this: {con}",
        "A caveat to know before starting with {p}: {con}",
        "One caveat as you start with {p}: {con}",
        "If you go in with {p} first, keep this in mind: {con}",
    ),
    # Complements with nothing more to say at the bottom: what `relation` and `pick` say.
    "start-plain": (
        "Start with {p}, then bring in {o}.",
        "Adopt {p} first; {o} comes after.",
    ),
    "together-plain": (
        "Plan for both {a} and {b}: neither has to come first.",
        "Use {a} and {b} side by side, in either order.",
    ),
    "start-con-lead": (
        "Before you start with {p}, know this.",
        "One caveat as you start with {p}.",
    ),
    # -- complements -----------------------------------------------------------------------
    "together-intro": (
        "{a} and {b} are both {kinds}, but they do different jobs and are used together "
        "rather than instead of each other.",
        "This is not an either-or choice: {a} and {b} complement each other.",
        "{a} and {b} are both {kinds}, yet one does not replace the other: they are used "
        "side by side.",
    ),
    "together-intro-order": (
        "{a} is {ka} and {b} {kb}: they work at different layers, so the question is not "
        "which one but in what order.",
        "{a} and {b} are not rivals: {a} is {ka} and {b} {kb}, and the real question is "
        "which to adopt first.",
        "Nobody has to choose between {a} ({kind_a}) and {b} ({kind_b}); what matters is "
        "the order you adopt them in.",
    ),
    "together-intro-kinds": (
        "{a} and {b} are not rivals: {a} is {ka} and {b} {kb}, and they work together.",
        "{a} is {ka} and {b} {kb}: they work at different layers rather than compete.",
        "{a} ({kind_a}) and {b} ({kind_b}) are used side by side, not instead of each other.",
    ),
    "start-clause": (
        "Start with {p} {clause}",
        "Adopt {p} first {clause}",
        "{p} comes first {clause}",
    ),
    "fit-both": (  # when the first clause is a condition ("when…", "if…")
        "Bring in {a} {ca}, and {b} {cb}",
        "{a} earns its place {ca}; {b} {cb}",
        "Reach for {a} {ca}, and for {b} {cb}",
    ),
    "fit-both-purpose": (  # when it is a purpose ("to…", "for…", "as…", "in…")
        "Use {a} {ca}, and {b} {cb}",
        "{a} is there {ca}; {b} is there {cb}",
    ),
    "fit-one": (
        "Bring in {t} {clause}",
        "{t} comes in {clause}",
        "Add {t} {clause}",
    ),
    # The same, when the one the clause is for is the one to start with.
    "fit-one-first": (
        "Start with {t} {clause}",
        "{t} comes first {clause}",
    ),
}

# Kinds too general to say anything about a pair: intros leave them out.
GENERIC_KINDS = frozenset(
    [
        "technique",
        "tool",
        "concept",
        "method",
        "approach",
        "thing",
        "option",
        "solution",
        "product",
        "software",
        "project",
    ]
)
