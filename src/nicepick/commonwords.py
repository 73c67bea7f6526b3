"""Ordinary English words that open editors' sentences: safe to lower-case mid-sentence.

Composed text quotes pros, cons and `choose_if` clauses inside its own sentences, and a
quoted sentence's first letter is lowered only when its first word is on this list (or looks
like an ordinary word by its ending, see `is_common`). Anything else is taken for a name and
kept as written: lowering "Kotlin" or "Simple Queue Service" is worse than keeping "Mature".
Words that are also well-known names of software (Go, Rust, Swift, Express, Flask, Spring,
Jest, Bun, Rails, Ruby, Julia, Dart, Helm, Chef, Puppet, Salt, Keras…) are left out on purpose.
"""

from __future__ import annotations

import re

_WORDS = """
a about above across actually after again against ahead all almost alone along already also
although always among an and another any anyone anything anywhere apart are around as at
away back barely be because been before behind being below beneath beside besides best
better between beyond both but by can cannot certainly close could despite did do does
doing done down during each early easily either else elsewhere enough entire entirely
especially even ever every everyone everything everywhere exactly except far few fewer
first for from fully further generally given had hardly has have having he her here hers
him his how however i if in including inside instead into is it it's its itself just
largely last later least less like likely little lot lots mainly many may maybe me
merely might more moreover most mostly much must my near nearly neither never nevertheless
next no nobody none nor not nothing now nowhere of off often on once one ones only onto or
other others otherwise our ours out outside over overall own per perhaps plenty plus
possibly previously quite rarely rather really regardless same seldom several shall she
should since so some somebody someone something sometimes somewhat soon still such than
that that's the their theirs them themselves then there there's therefore these they
they're this those though through throughout thus to together too toward towards truly
under unless unlike until up upon us usually very via was we we're well were what
what's whatever when whenever where whereas wherever whether which while who whoever whole
whom whose why will with within without would yet you you're your yours yourself
able accurate active actual additional advanced affordable agile all-in-one available
bad basic big broad built built-in busy careful cheap cheaper clean clear clever common
compact compatible complete complex concise consistent constant correct costly crude
custom daily dead deep default dense direct distributed double dynamic easy easier
effective efficient elegant empty entire equal essential excellent exact expensive
explicit extensive external extra fair familiar fast faster fastest fine firm fixed
flat flexible focused foreign formal free frequent fresh friendly full functional
general generic gentle global good great greater heavy helpful hidden high higher huge
ideal identical immediate immutable important incremental independent individual
initial instant interactive internal key large larger lean legacy light lightweight
limited linear live local long loose low lower main major manual many mature meaningful
minimal minor mixed mobile modern modular multiple mutable narrow native natural
necessary new newer nice normal notable obvious odd official old older open optional
ordinary original particular partial perfect persistent plain poor popular portable
powerful practical precise predictable pretty primary private proper proven public pure
quick quiet random rapid rare raw ready real recent reliable remote repeatable rich
right rigid robust rough safe safer scalable secure separate serious shared sharp short
significant silent similar simple simpler single slight slow slower small smaller smart
smooth so-called social solid sound sparse special specific stable standard static
steady steep straightforward strict strong stronger structured subtle sudden sufficient
suitable superb sure synchronous asynchronous tight tiny total transparent tricky
true typical ugly unified unique universal unstable unusual useful vast verbose visible
weak wide wider wrong young zero
ability access account action adoption advantage age amount answer api app apps
approach architecture area argument attention audience authentication backend balance
bandwidth base batch behaviour behavior benchmark benchmarks boilerplate bug bugs
build builds bundle bundles bundling cache caching call calls case cases change changes
choice class classes cluster clusters code codebase command commands community
company companies compatibility compilation compiler component components compression
concurrency configuration connection connections container containers content context
control core cost costs coverage data database databases debugging default defaults
dependency dependencies deployment deployments design developer developers
development device devices difference documentation docs domain download downloads
edge editor ecosystem effort engine engineers environment environments error errors
event events example examples experience extension extensions failure failures feature
features feedback file files focus footprint format formats framework frameworks
frontend function functions growth hardware history hosting image images
implementation infrastructure input installation instance instances integration
interface interfaces issue issues job jobs language languages latency layer layers
learning level library libraries licence license limit limits load logging logic
maintenance management memory message messages method methods migration migrations
mode model models module modules monitoring network networking node nodes number
object objects operation operations option options order output overhead package
packages page pages part parts pattern patterns people performance plugin plugins
point points power price pricing problem problems process processes product production
program programs project projects protocol protocols quality queries query queue queues
rate reason record records release releases report request requests resource
resources response result results reuse risk rollout rollouts rule rules runtime
scale scaling schema schemas scope search security server servers service services
set setup size skill skills software solution source speed stack standard start startup
state storage stream streams streaming structure style support syntax system systems
table tables task tasks team teams test tests testing text thing things throughput time
tool tooling tools traffic training transaction transactions type types update
updates upgrade upgrades usage use user users value values vendor version versions
view volume way ways web work workflow workflows workload workloads world
accept add adds allow allows apply applies ask asks avoid avoids become becomes begin
begins bring brings build builds call calls care cares catch catches change changes
check checks choose chooses come comes compile compiles connect connects contain
contains cost costs cover covers create creates cut cuts deal deals deliver delivers
depend depends deploy deploys describe describes do does drop drops enable enables
encourage encourages expect expects expose exposes fail fails feel feels fit fits fix
fixes follow follows force forces get gets give gives go goes grow grows handle handles
help helps hide hides hold holds ignore ignores improve improves include includes
install installs keep keeps know knows lack lacks lead leads learn learns leave leaves
let lets limit limits load loads look looks lose loses make makes manage manages matter
matters mean means meet meets miss misses move moves need needs offer offers open opens
pay pays plan plans prefer prefers prevent prevents produce produces promise promises
protect protects provide provides put puts reach reaches read reads reduce reduces rely
relies remain remains remove removes replace replaces require requires return returns
reuse reuses run runs save saves scale scales see sees send sends serve serves set sets
share shares ship ships show shows skip skips slow slows solve solves sort sorts speed
speeds split splits stay stays stop stops store stores suit suits support supports
take takes target targets teach teaches tell tells tend tends test tests trade trades
try tries turn turns understand understands use uses wait waits want wants watch
watches work works write writes
already almost anyhow often seldom async sync auto automatic clients client server
ratio ratios level generator generators plugin runner runners schema output input
low high full half mid multi single cross open closed cold hot warm zero first second third
real-time built-in out-of-the-box well-known third-party first-class long-term short-term
backward forward breaking tiny huge massive solid fast slow steep gentle messy tidy clunky
verbose terse readable writable typed untyped strongly weakly hard soft heavy light
bigger smaller larger lower higher longer shorter cheaper pricier newer older simpler
everyone nobody everything nothing something anything somewhere
since unlike whereas whilst although though yes no younger older newest oldest
browser browsers fixture fixtures locator locators starter starters exchange exchanges
partition partitions consumer consumers producer producers broker brokers topic topics
decorator decorators hook hooks middleware route routes routing template templates
migration snapshot snapshots mock mocks assertion assertions selector selectors worker
workers thread threads async await promise promises callback callbacks closure closures
tab tabs window windows screen screens click clicks form forms field fields column columns
row rows index indexes key keys lock locks commit commits branch branches merge merges
diff diffs patch patches container image images volume volumes pod pods replica replicas
manifest manifests chart charts secret secrets policy policies role roles permission
permissions token tokens session sessions cookie cookies header headers payload payloads
bundle chunk chunks asset assets loader loaders transform transforms polyfill polyfills
source sources map maps sourcemap sourcemaps dev prod staging preview previews hot reload
compile compiles compiler compilers linter linters formatter formatters types typing
generics macros annotations decorators reflection garbage collector collection pause
pauses heap stack stacks memory allocation allocations pointer pointers binary binaries
executable executables dependency lockfile lockfiles monorepo monorepos workspace
workspaces registry registries mirror mirrors proxy proxies gateway gateways endpoint
endpoints webhook webhooks cron schedules scheduler schedulers job queue retries retry
backoff timeout timeouts circuit breaker breakers cluster nodes shard shards replication
failover backups backup restore restores dump dumps ratio compressed compression level
levels dictionary dictionaries speed speeds decompression encoder decoder encoders
decoders archive archives entry entries stream frame frames packet packets connection
handshake latency jitter bandwidth congestion eager lazy strict loose greedy
installer installers interop render renders rendering widget widgets modal modals navbar
navbars button buttons component components preview hook signal signals store stores
reducer reducers effect effects join joins replica shard pipeline pipelines trigger
triggers alert alerts dashboard dashboards metric metrics trace traces tracing log logs
span spans exporter exporters agent agents collector collectors probe probes scrape
scrapes label labels tag tags annotation annotations macro lifetimes borrow ownership
coroutine coroutines goroutine goroutines channel channels actor actors offset offsets
retention compaction rollback rollbacks deploy deploys release tier tiers licence
licences licensing contract vendor lock-in certificate certificates password passwords
passkey passkeys scope scopes claim claims grant grants flow flows consent identity
tenant tenants account accounts billing upgrade migration hosting hosts host cloud clouds
region regions zone zones edge cache caches cdn package bundle bundler bundlers transpiler
transpilers minifier minifiers runtime runtimes engine engines interpreter interpreters
virtual machine machines container desktop mobile phone phones tablet tablets app apps
website websites site sites page pages route router routers server-side client-side
static dynamic rendering hydration state stateful stateless immutable mutable reactive
declarative imperative functional procedural object-oriented typed compiled interpreted
garbage-collected memory-safe thread-safe cross-platform open-source closed-source
proprietary commercial paid free freemium hosted self-hosted managed unmanaged serverless
official unofficial community-driven backed sponsored maintained unmaintained deprecated
experimental stable beta alpha preview nightly long-term lts support supported
unsupported compatible incompatible backward-compatible breaking changes change changelog
documentation docs tutorial tutorials guide guides example examples sample samples
template templates starter boilerplate scaffolding generator cli gui ui ux api apis sdk
sdks plugin plugins extension extensions addon addons integration integrations adapter
adapters driver drivers connector connectors wrapper wrappers binding bindings port ports
fork forks clone clones rewrite rewrites successor predecessor alternative alternatives
replacement replacements competitor competitors rival rivals peer peers
setup set-up onboarding learning curve ramp-up boilerplate verbosity ceremony magic
conventions convention configuration config configs defaults opinions opinionated
unopinionated batteries batteries-included minimal minimalist lightweight heavyweight
footprint size sizes bundle-size startup cold-start warm-start throughput latency
performance speed speedups benchmarks benchmark scaling scalability reliability
availability durability consistency isolation atomicity correctness safety security
privacy compliance auditing observability visibility debuggability testability
maintainability readability ergonomics productivity velocity hiring talent skills
ecosystem ecosystems community communities adoption momentum mindshare popularity
self re pre non anti semi talk talks speak speaks written born built made done given taken
shown known seen grown drawn thrown chosen broken frozen hidden driven ridden proven
overkill pull push fetch poll watch scrape emit export import bundle ship boot draw parse
index compose mount unmount spawn fork kill restart reload rebuild retry replay rewind
rollback roll migrate seed query filter sort group aggregate join map reduce stream batch
chunk split merge diff patch sign verify encrypt hash salt rotate revoke expire refresh
renew issue issued validate sanitize escape quote format lint type-check check compile
transpile minify tree-shake tree-shaking inline hoist polyfill shim mock stub spy snapshot
record replay profile trace debug inspect log monitor alert page notify subscribe
publish consume produce route proxy balance cache invalidate purge prefetch preload
lazy-load load save persist sync replicate shard partition scale autoscale provision
deploy host serve embed plug extend customise customize configure tune tweak write read
runs ran running reads wrote writing reading works worked working ships shipped shipping
feels felt looks looked sounds sounded seems seemed plays played fits fitted pays paid
costs cost lacks lacked needs needed wants wanted gets got gives gave takes took makes
made keeps kept lets allows allowed adds added brings brought handles handled
thick thin cool sweet bitter sour bright dark loud stale dull unsafe fragile noisy lenient
classic ancient obscure mandatory pricey false highlights highlight removes extracts
preserves delivers reduces improves simplifies requires breaks crashes ignores loses
left lost found held sold told bought caught taught fought thought spent sent meant lent
bent led fed shut hit won hung stuck struck worn torn sworn bound wound ground spun dug slid
null worth wrist
"""

COMMON = frozenset(_WORDS.split()) | frozenset("millisecond microsecond nanosecond".split())

# Endings that mark an ordinary English word: "Reliable", "Quickly", "Streaming", "Configured".
_ORDINARY_ENDING = re.compile(
    r"(?:ly|ing|ed|tion|tions|sion|sions|ment|ments|ness|ity|ities|ful|less|ous|ive|able|ible"
    r"|ence|ance|ism|isms)$"
)


# Names of software that look like ordinary words by their ending.
_NAMES_WITH_ORDINARY_ENDINGS = frozenset(
    ["spring", "ansible", "serverless", "gatling", "sling", "redux", "jenkins"]
)


# Prefixes written with a hyphen before an ordinary word.
_PREFIXES = frozenset("sub non multi pre post anti semi self inter cross ultra".split())


def looks_ordinary_but_is_a_name(word: str) -> bool:
    """ "Jenkins", "Ansible": names that look like ordinary words by their ending."""
    return word.lower() in _NAMES_WITH_ORDINARY_ENDINGS


def _base_forms(lowered: str) -> list[str]:
    """The word and what it may be the plural or third person of: "ratios" → "ratio"."""
    forms = [lowered]
    if lowered.endswith("ies") and len(lowered) > 4:
        forms.append(lowered[:-3] + "y")
    if lowered.endswith("es") and len(lowered) > 3:
        forms.append(lowered[:-2])
    if lowered.endswith("s") and not lowered.endswith("ss") and len(lowered) > 2:
        forms.append(lowered[:-1])
    return forms


def is_common(word: str, also: frozenset[str] = frozenset()) -> bool:
    """Whether `word` (any case) is an ordinary English word rather than a name. `also`:
    more words known to be ordinary (lower-case), such as those the page's own texts use
    in lower case. A hyphenated word counts by its first part: "Low-traffic"."""
    head, _, tail = word.lower().partition("-")
    if head in _PREFIXES and tail:  # "Sub-millisecond", "Non-blocking": by what follows
        return is_common(tail, also)
    lowered = head
    if lowered in _NAMES_WITH_ORDINARY_ENDINGS:
        return False
    forms = _base_forms(lowered)
    if any(form in COMMON or form in also for form in forms):
        return True
    # By its ending, or its base form's ("Survives": survive), or a past or present
    # participle of five letters or more ("Owned", "Tuned").
    return any(len(form) > 5 and _ORDINARY_ENDING.search(form) for form in forms) or (
        len(lowered) >= 5 and lowered.endswith(("ed", "ing"))
    )
