"""Training pairs: qqp-dev, the project's agent sets (agent-slots, rows 1-150 of agent-holdout), the
hand-written sets in data/ (agent-dev.csv, statements-dev.csv), and pairs generated here -- slot-changing perturbations of real prompts as negatives (the slot guard's rules as data)
and meaning-preserving rewrites as positives. Everything is seeded; the same seed gives the same pairs.

Never read: rows 151-300 of agent-holdout.csv (the never-inspected test half), the SupportDesk tickets,
paraphrases-hfdocs.json, the contextual sets, or any QQP copy other than qqp-dev.csv.
"""
import csv
import random
import re

HOLDOUT_TRAIN_ROWS = 150  # data rows 1..150 after the header; rows 151-300 are never read

ANTONYMS = [
    "add/remove", "start/stop", "open/close", "true/false", "minimum/maximum", "min/max", "buy/sell",
    "before/after", "above/below", "high/low", "higher/lower", "highest/lowest", "more/less", "first/last",
    "fast/slow", "big/small", "large/small", "long/short", "longer/shorter", "hot/cold", "old/new",
    "positive/negative", "allow/deny", "allow/block", "accept/reject", "approve/reject", "show/hide",
    "push/pull", "input/output", "left/right", "up/down", "read/write", "send/receive", "ascending/descending",
    "expand/collapse", "cheap/expensive", "easy/hard", "success/failure", "pass/fail", "private/public",
    "internal/external", "client/server", "import/export", "upload/download", "increase/decrease",
    "enable/disable", "encrypt/decrypt", "include/exclude", "maximize/minimize", "profit/loss", "debit/credit",
    "lend/borrow", "parent/child", "row/column", "frontend/backend", "top/bottom", "prefix/suffix",
    "local/remote", "online/offline", "absolute/relative", "incoming/outgoing", "inbound/outbound",
    "lock/unlock", "install/uninstall", "subscribe/unsubscribe", "activate/deactivate", "mute/unmute",
    "archive/unarchive", "follow/unfollow", "pin/unpin", "connect/disconnect", "mount/unmount", "block/unblock",
    "open/closed", "paid/unpaid", "read/unread", "annual/monthly", "premium/basic", "today/tomorrow",
    "yesterday/today", "morning/evening", "north/south", "east/west", "summer/winter", "upper/lower",
    "uppercase/lowercase", "horizontal/vertical", "sync/async", "join/leave", "merge/split", "arrival/departure",
    "accept/decline", "credit/debit", "deposit/withdraw", "older/younger", "earlier/later", "latest/oldest",
    "safe/unsafe", "valid/invalid", "visible/hidden", "inside/outside", "male/female", "win/lose",
]
SWITCH = [("enable", "disable"), ("turn on", "turn off"), ("activate", "deactivate"), ("switch on", "switch off"),
          ("start", "stop"), ("resume", "pause"), ("allow", "block"), ("show", "hide"), ("opt in to", "opt out of")]
NEGATABLE = [("can I", "can't I"), ("can I", "can I not"), ("does", "doesn't"), ("is it", "isn't it"), ("do", "don't"), ("it is", "it is not"),
             ("should I", "shouldn't I"), ("will", "won't"), ("was", "wasn't"), ("did", "didn't")]
NAMES = ["Alice", "Bob", "Priya", "Chen", "Maria", "Omar", "Laura", "Jamal", "Sofia", "Kenji", "Fatima", "Lucas",
         "Ana", "Dmitri", "Grace", "Ravi", "Elena", "Tom", "Aisha", "Marco", "Nina", "Sam", "Yuki", "Carlos"]
PLACES = ["Paris", "London", "Berlin", "Tokyo", "Madrid", "Rome", "Chicago", "Boston", "Seattle", "Toronto",
          "Sydney", "Mumbai", "Dublin", "Lisbon", "Vienna", "Prague", "Denver", "Austin", "Oslo", "Cairo",
          "Canada", "Mexico", "Germany", "France", "Spain", "Italy", "Japan", "India", "Brazil", "Australia"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
RELATIVE = ["last week", "this week", "next week", "last month", "this month", "next month", "yesterday",
            "today", "tomorrow", "last quarter", "this quarter", "last year", "this year"]
UNITS = [("kg", "lb"), ("km", "miles"), ("celsius", "fahrenheit"), ("liters", "gallons"), ("MB", "GB"),
         ("hours", "minutes"), ("days", "weeks"), ("meters", "feet"), ("USD", "EUR"), ("GBP", "USD"),
         ("inches", "centimeters"), ("ounces", "grams"), ("cups", "tablespoons"), ("seconds", "milliseconds")]
LANGS = ["French", "German", "Spanish", "Italian", "Japanese", "Portuguese", "Dutch", "Korean", "Chinese", "Arabic"]
PLANS = ["free", "basic", "premium", "pro", "enterprise", "team", "student", "family"]
THINGS = ["report", "invoice", "ticket", "order", "refund", "subscription", "account", "password", "meeting",
          "backup", "deployment", "container", "database", "branch", "repository", "printer", "VPN", "calendar",
          "newsletter", "notification", "firewall rule", "API key", "webhook", "dashboard", "playlist"]
FORMATS = ["CSV", "JSON", "PDF", "Excel", "XML", "YAML", "Markdown", "HTML"]
TOOLS = ["Python", "JavaScript", "Java", "C#", "Go", "Rust", "SQL", "Bash", "PowerShell", "TypeScript"]

# Meaning-preserving rewrites: (pattern, replacement) applied to whole words.
SYNONYMS = [("buy", "purchase"), ("big", "large"), ("start", "begin"), ("fix", "repair"), ("remove", "delete"),
            ("show me", "display"), ("need", "require"), ("help", "assist"), ("find", "locate"), ("quick", "fast"),
            ("choose", "select"), ("cost", "price"), ("issue", "problem"), ("app", "application"),
            ("set up", "configure"), ("get", "obtain"), ("make", "create"), ("change", "modify"),
            ("look up", "check"), ("enable", "turn on"), ("disable", "turn off"), ("cancel", "terminate"),
            ("2FA", "two-factor authentication"), ("docs", "documentation"), ("repo", "repository"),
            ("config", "configuration"), ("info", "information"), ("photo", "picture"), ("kids", "children"),
            ("movie", "film"), ("car", "vehicle"), ("email", "e-mail"), ("login", "sign in"), ("log in", "sign in"),
            ("sign up", "register"), ("refund", "money back"), ("shipping", "delivery"), ("ship", "deliver")]
OPENERS = [("How do I ", ["How can I ", "What's the way to ", "What is the best way to ", "Can you tell me how to ",
                          "I need to know how to ", "Steps to ", "Please explain how to ", "how do i "]),
           ("What is ", ["What's ", "Can you tell me ", "Tell me ", "I'd like to know ", "Do you know "]),
           ("Can I ", ["Is it possible to ", "Am I able to ", "Am I allowed to ", "can i "]),
           ("Show me ", ["Can you show me ", "Please show ", "Display ", "List ", "I want to see "]),
           ("Where is ", ["Where's ", "Where can I find ", "Can you tell me where ", "Do you know where "]),
           ("Is there ", ["Is there any ", "Do you have ", "Does one exist: "])]


def read_pairs(path, limit=None):
    rows = []
    with open(path, newline="", encoding="utf-8") as f:
        for i, row in enumerate(csv.DictReader(f)):
            if limit is not None and i >= limit:
                break  # stop reading: later rows are never looked at
            rows.append((row["question1"], row["question2"], int(row["is_duplicate"])))
    return rows


# ------------------------------------------------------------------------ templates (written for this tool)
def template_prompts(rng, n):
    """Agent-style requests with slots, from templates written for this tool."""
    def num():
        return str(rng.choice([rng.randint(2, 99), rng.randint(100, 9999), rng.randint(10000, 99999)]))

    def oid():
        return rng.choice(["ORD-", "INV-", "TCK-", "#", "PR-", "JIRA-", "case ", "ticket "]) + str(rng.randint(100, 99999))

    gens = [
        lambda: f"What is the status of order {num()}?",
        lambda: f"Summarize the ticket {oid()}.",
        lambda: f"Refund {num()} dollars to customer {num()}.",
        lambda: f"How do I {rng.choice(['enable', 'disable'])} {rng.choice(['dark mode', 'two-factor authentication', 'auto-renewal', 'notifications', 'the firewall', 'read receipts', 'location sharing'])} on my {rng.choice(['account', 'phone', 'laptop', 'router', 'profile'])}?",
        lambda: f"How much does shipping to {rng.choice(PLACES)} cost?",
        lambda: f"Translate this paragraph into {rng.choice(LANGS)}.",
        lambda: f"Convert {num()} {rng.choice(UNITS)[0]} to {rng.choice(UNITS)[1]}.",
        lambda: f"Book a meeting with {rng.choice(NAMES)} on {rng.choice(DAYS)} at {rng.randint(1, 12)} {rng.choice(['am', 'pm'])}.",
        lambda: f"Show me invoices from {rng.choice(MONTHS)} {rng.randint(2019, 2026)}.",
        lambda: f"What is the weather in {rng.choice(PLACES)} {rng.choice(['today', 'tomorrow', 'this weekend'])}?",
        lambda: f"Send the {rng.choice(THINGS)} to {rng.choice(NAMES)}.",
        lambda: f"Does the {rng.choice(PLANS)} plan include {rng.choice(['phone support', 'SSO', 'API access', 'unlimited storage', 'custom domains'])}?",
        lambda: f"Export the {rng.choice(THINGS)} list to {rng.choice(FORMATS)}.",
        lambda: f"Write a {rng.choice(TOOLS)} function that {rng.choice(['sorts a list', 'reverses a string', 'parses a date', 'reads a file', 'counts words'])}.",
        lambda: f"How many {rng.choice(['open', 'closed', 'unassigned', 'overdue'])} tickets does {rng.choice(NAMES)} have?",
        lambda: f"Can I return an item after {rng.choice([7, 14, 30, 60, 90])} days?",
        lambda: f"List the {rng.choice(['top', 'bottom', 'first', 'last'])} {rng.randint(3, 20)} customers by revenue {rng.choice(RELATIVE)}.",
        lambda: f"Flights from {rng.choice(PLACES)} to {rng.choice(PLACES)} on {rng.choice(MONTHS)} {rng.randint(1, 28)}.",
        lambda: f"Reset the password for user {rng.choice(['jsmith', 'adoe', 'mlopez', 'kchen', 'rpatel'])}{rng.randint(1, 99)}.",
        lambda: f"Increase the memory limit of the {rng.choice(['api', 'worker', 'web', 'db'])} container to {rng.choice([256, 512, 1024, 2048, 4096])} MB.",
        lambda: f"Who approved the {rng.choice(THINGS)} for {rng.choice(NAMES)} {rng.choice(RELATIVE)}?",
        lambda: f"Set the thermostat to {rng.randint(15, 30)} degrees {rng.choice(['celsius', 'fahrenheit'])}.",
        lambda: f"Add {rng.choice(NAMES)} to the {rng.choice(['admin', 'billing', 'support', 'dev'])} group.",
        lambda: f"Sort the results by {rng.choice(['date', 'price', 'name', 'size'])} in {rng.choice(['ascending', 'descending'])} order.",
        lambda: f"What did {rng.choice(NAMES)} say about the {rng.choice(THINGS)} {rng.choice(RELATIVE)}?",
        lambda: f"Schedule the {rng.choice(THINGS)} for {rng.choice(DAYS)} {rng.choice(['morning', 'evening', 'afternoon'])}.",
        lambda: f"Is the API rate limit {rng.choice([10, 60, 100, 500, 1000])} requests per {rng.choice(['second', 'minute', 'hour'])}?",
        lambda: f"Cancel my {rng.choice(PLANS)} subscription.",
        lambda: f"Compare the {rng.choice(PLANS)} plan with the {rng.choice(PLANS)} plan.",
        lambda: f"Move {num()} dollars from checking to savings.",
    ]
    return [rng.choice(gens)() for _ in range(n)]


# ------------------------------------------------------------------------ perturbations (negatives)
def _sub_word(text, old, new):
    pattern = re.compile(r"(?<![\w-])" + re.escape(old) + r"(?![\w-])", re.IGNORECASE)
    if not pattern.search(text):
        return None

    def repl(m):
        s = m.group(0)
        return new[:1].upper() + new[1:] if s[:1].isupper() else new

    return pattern.sub(repl, text, count=1)


def change_number(rng, text):
    nums = list(re.finditer(r"\d+(?:\.\d+)?", text))
    if not nums:
        return None
    m = rng.choice(nums)
    s = m.group(0)
    kind = rng.random()
    if kind < 0.3 and len(s) >= 3 and "." not in s:  # transpose two digits (order 48213 -> 48231)
        i = rng.randrange(len(s) - 1)
        if s[i] == s[i + 1]:
            return None
        new = s[:i] + s[i + 1] + s[i] + s[i + 2:]
    elif kind < 0.6 and "." not in s:
        new = str(int(s) + rng.choice([-1, 1, 10, -10, 100]))
    else:
        new = str(rng.choice([2, 3, 5, 10, 12, 15, 20, 25, 30, 50, 60, 100, 200, 500, 1000]))
    if new == s or new.startswith("-"):
        return None
    return text[:m.start()] + new + text[m.end():]


def change_antonym(rng, text):
    pairs = ANTONYMS[:]
    rng.shuffle(pairs)
    for p in pairs:
        a, b = p.split("/")
        if rng.random() < 0.5:
            a, b = b, a
        out = _sub_word(text, a, b)
        if out:
            return out
    return None


def _first_swap(text, pairs):
    """The text with the first pair (either way round) that occurs in it swapped, or None."""
    for a, b in pairs:
        for x, y in ((a, b), (b, a)):
            out = _sub_word(text, x, y)
            if out:
                return out
    return None


def change_switch(rng, text):
    pairs = SWITCH[:]
    rng.shuffle(pairs)
    return _first_swap(text, pairs)


def change_negation(rng, text):
    for neg in ["not ", "n't", "never ", "no "]:
        if neg in text.lower():
            out = re.sub(r"\b(not|never) ", "", text, count=1, flags=re.IGNORECASE)
            out = re.sub(r"n't\b", "", out, count=1)
            return out if out != text else None
    pairs = NEGATABLE[:]
    rng.shuffle(pairs)
    for a, b in pairs:
        out = _sub_word(text, a, b)
        if out:
            return out
    words = text.split()
    if len(words) >= 3 and words[0].lower() in ("cancel", "delete", "send", "refund", "close", "approve", "book", "remove"):
        return "Don't " + words[0].lower() + " " + " ".join(words[1:])
    return None


def change_name_or_place(rng, text):
    for pool in (NAMES, PLACES, LANGS, MONTHS, DAYS, PLANS, FORMATS, TOOLS):
        present = [w for w in pool if re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", text, re.IGNORECASE)]
        if present:
            old = rng.choice(present)
            new = rng.choice([w for w in pool if w.lower() != old.lower()])
            return _sub_word(text, old, new)
    # a capitalized word past the first: another name
    words = text.split()
    idx = [i for i, w in enumerate(words) if i > 0 and w[:1].isupper() and w.isalpha() and len(w) > 2]
    if idx:
        i = rng.choice(idx)
        words[i] = rng.choice(NAMES + PLACES)
        return " ".join(words)
    return None


def change_time(rng, text):
    for r in sorted(RELATIVE, key=len, reverse=True):
        if r in text.lower():
            return _sub_word(text, r, rng.choice([x for x in RELATIVE if x != r]))
    return None


def change_unit(rng, text):
    return _first_swap(text, UNITS)


def change_order(rng, text):
    m = re.search(r"\b(from|between) (\w+) (to|and) (\w+)\b", text, re.IGNORECASE)
    if m and m.group(1).lower() == "from":
        return text[:m.start()] + f"{m.group(1)} {m.group(4)} {m.group(3)} {m.group(2)}" + text[m.end():]
    m = re.search(r"\b(convert|move|transfer|migrate|copy) (?:a |an |the )?(\w+) (?:\w+ )?(to|into) (?:a |an |the )?(\w+)", text, re.IGNORECASE)
    if m:
        a, b = m.group(2), m.group(4)
        if a.lower() != b.lower():
            return text.replace(a, "\0").replace(b, a).replace("\0", b)
    m = re.search(r"\b(\w+) (report|reports|manages|beats|owes|pays|follows|emails|calls) (\w+)\b", text)
    if m and m.group(1)[:1].isupper() and m.group(3)[:1].isupper():
        return text[:m.start()] + f"{m.group(3)} {m.group(2)} {m.group(1)}" + text[m.end():]
    return None


# and/or, can/must, only/also were left out: in questions they are as often rewording as a change of request.
QUALIFIERS = [("with", "without"), ("including", "excluding"), ("include", "exclude"), ("all", "none of the"),
              ("every", "no"), ("always", "never"), ("including", "except"), ("same", "different")]
OBJECTS = THINGS + ["order", "customer", "user", "invoice", "payment", "shipment", "file", "folder", "email",
                    "message", "contract", "license", "server", "cluster", "bucket", "table", "column", "laptop",
                    "phone", "router", "profile", "group", "team", "project", "budget", "quote", "receipt"]


def change_qualifier(rng, text):
    """A word that narrows or widens the request: with/without, including/excluding, all/none, always/never."""
    pairs = QUALIFIERS[:]
    rng.shuffle(pairs)
    return _first_swap(text, pairs)


def change_object(rng, text):
    """The same request about another thing: the invoice instead of the ticket."""
    present = [w for w in OBJECTS if re.search(r"(?<![\w-])" + re.escape(w) + r"s?(?![\w-])", text, re.IGNORECASE)]
    if not present:
        return None
    old = rng.choice(sorted(present))
    return _sub_word(text, old, rng.choice([w for w in OBJECTS if w.lower() != old.lower()]))


PERTURB = [change_number, change_antonym, change_switch, change_negation, change_name_or_place, change_time,
           change_unit, change_order, change_qualifier, change_object]

# Closed sets of alternatives of one kind: swapping one for another changes what is asked, in words the slot guard
# cannot compare (`--siblings`).
SIBLINGS = [
    ["a refund", "store credit", "a replacement", "an exchange", "a repair"],
    ["overnight shipping", "two-day shipping", "standard shipping", "same-day delivery", "express shipping"],
    ["a telehealth appointment", "an in-person visit", "a phone consultation", "a video call"],
    ["call", "text", "email", "message"],
    ["cancel", "pause", "downgrade", "upgrade", "renew"],
    ["late delivery", "early termination", "confidentiality", "liability", "data retention"],
    ["a window seat", "an aisle seat", "a middle seat"],
    ["economy", "business class", "first class", "premium economy"],
    ["a single room", "a double room", "a suite", "a twin room"],
    ["credit card", "debit card", "PayPal", "bank transfer", "gift card"],
    ["right now", "at the end of the billing cycle", "next month", "after the trial"],
    ["small", "medium", "large", "extra large"],
]


def sibling_templates(rng):
    """Agent-style requests that carry one member of a SIBLINGS set."""
    n = lambda: rng.randint(100, 99999)
    gens = [
        lambda: f"I'd like {rng.choice(SIBLINGS[0])} for the {rng.choice(['broken', 'damaged', 'wrong'])} {rng.choice(['mug', 'jacket', 'lamp', 'headphones', 'blender'])} in order {n()}.",
        lambda: f"Ship order {n()} with {rng.choice(SIBLINGS[1])}.",
        lambda: f"Book {rng.choice(SIBLINGS[2])} with Dr. {rng.choice(['Lee', 'Patel', 'Garcia', 'Kim'])} for {rng.choice(DAYS)}.",
        lambda: f"Which plans let me {rng.choice(SIBLINGS[3])} {rng.choice(PLACES)} for free?",
        lambda: f"Please {rng.choice(SIBLINGS[4])} my {rng.choice(PLANS)} subscription.",
        lambda: f"What does the {rng.choice(['Smith', 'Acme', 'Northwind'])} agreement say about {rng.choice(SIBLINGS[5])}?",
        lambda: f"Can I get {rng.choice(SIBLINGS[6])} on my flight to {rng.choice(PLACES)}?",
        lambda: f"How much is {rng.choice(SIBLINGS[7])} from {rng.choice(PLACES)} to {rng.choice(PLACES)}?",
        lambda: f"Book {rng.choice(SIBLINGS[8])} in {rng.choice(PLACES)} for {rng.randint(2, 6)} nights.",
        lambda: f"Can I pay for order {n()} by {rng.choice(SIBLINGS[9])}?",
        lambda: f"End my {rng.choice(PLANS)} plan {rng.choice(SIBLINGS[10])}.",
        lambda: f"Swap the {rng.choice(SIBLINGS[11])} shirt in order {n()} for another color.",
    ]
    return rng.choice(gens)()


def change_sibling(rng, text):
    """Another alternative of the same kind: store credit instead of a refund, two-day instead of overnight."""
    sets = SIBLINGS[:]
    rng.shuffle(sets)
    for members in sets:
        present = [m for m in members if re.search(r"(?<![\w-])" + re.escape(m) + r"(?![\w-])", text, re.IGNORECASE)]
        if present:
            old = rng.choice(sorted(present))
            return _sub_word(text, old, rng.choice([m for m in members if m.lower() != old.lower()]))
    return None


def sibling_pairs(rng, seeds, n_neg, n_pos):
    """Negatives that swap one alternative for a sibling; positives that reword the same requests (so the
    templates' wording is not itself a sign of a negative)."""
    pool = [sibling_templates(rng) for _ in range(3000)] + [s for s in seeds if change_sibling(random.Random(0), s)]
    return generated_pairs(rng, pool, n_neg, n_pos, perturb=[change_sibling])


# ------------------------------------------------------------------------ rewrites (positives)
def rewrite(rng, text):
    out = text
    steps = rng.randint(1, 3)
    for _ in range(steps):
        k = rng.random()
        if k < 0.35:
            for head, alts in OPENERS:
                if out.lower().startswith(head.lower()):
                    out = rng.choice(alts) + out[len(head):]
                    break
            else:
                out = rng.choice(["Please ", "Can you ", "Could you please ", "I'd like you to ", "Quick question: ", "Hey, "]) + out[:1].lower() + out[1:]
        elif k < 0.65:
            syn = SYNONYMS[:]
            rng.shuffle(syn)
            for a, b in syn:
                for x, y in ((a, b), (b, a)):
                    cand = _sub_word(out, x, y)
                    if cand:
                        out = cand
                        break
                else:
                    continue
                break
        elif k < 0.75:
            out = out.rstrip("?.!") + rng.choice(["", "?", ".", " please", " - thanks", ", thanks!"])
        elif k < 0.85:
            out = out.lower()
        elif k < 0.92:
            out = rng.choice(["", "Hi! ", "Hello, ", "Thanks in advance. ", "Urgent: "]) + out
        else:
            out = out.replace("do not", "don't").replace("does not", "doesn't").replace("is not", "isn't") \
                if "not" in out else out.replace("don't", "do not").replace("can't", "cannot")
    return out if out != text else None


def generated_pairs(rng, seeds, n_neg, n_pos, perturb=PERTURB):
    """Negatives: one slot change of a real or templated prompt. Positives: rewrites keeping every slot."""
    neg, pos = [], []
    attempts = 0
    while len(neg) < n_neg and attempts < n_neg * 20:
        attempts += 1
        base = rng.choice(seeds)
        f = rng.choice(perturb)
        out = f(rng, base)
        if out and out.strip() and out.lower() != base.lower():
            if rng.random() < 0.4:  # the stored side is often itself worded differently
                out = rewrite(rng, out) or out
            neg.append((base, out, 0, "gen-" + f.__name__))
    attempts = 0
    while len(pos) < n_pos and attempts < n_pos * 20:
        attempts += 1
        base = rng.choice(seeds)
        out = rewrite(rng, base)
        if out:
            pos.append((base, out, 1, "gen-rewrite"))
    return neg + pos


# How often each small set is repeated in training: they are worth more than their size.
REPEATS = {"agent-slots": 4, "agent-holdout-1-150": 4, "agent-dev": 3, "statements-dev": 3,
           "agent-dev-2": 3, "statements-ml": 3, "statements-infra": 3,
           "minimal-statements": 3, "minimal-general": 3, "minimal-prompts": 3, "agent-reworded": 3,
           "agent-rewrites": 3, "agent-light": 3}


def agent_pairs(slots_path, holdout_path, hand_written=()):
    """The agent pairs training may read, as (source, pairs): all of agent-slots, rows 1-150 of
    agent-holdout, and the hand-written sets (paths to data/*.csv, source = the file's stem)."""
    sets = [("agent-slots", read_pairs(slots_path)),
            ("agent-holdout-1-150", read_pairs(holdout_path, limit=HOLDOUT_TRAIN_ROWS))]
    for path in hand_written:
        sets.append((path.replace("\\", "/").rsplit("/", 1)[-1].removesuffix(".csv"), read_pairs(path)))
    return sets


def agent_fold_of(pairs, seed, folds=5):
    """Agent pairs into folds by their asked prompt, so one prompt's variants are never split across folds."""
    keys = sorted({a for a, _, _ in pairs})
    random.Random(seed).shuffle(keys)
    fold = {k: i % folds for i, k in enumerate(keys)}
    return [fold[a] for a, _, _ in pairs]


def build(qqp_path, slots_path, holdout_path, seed, qqp_rows=None, n_neg=6000, n_pos=3000, agent_held_out=None,
          hand_written=(), siblings=False):
    """All training pairs as (a, b, label, source). qqp_rows: the qqp-dev rows to use (None = all).
    agent_held_out: agent pairs (a, b, label) to leave out -- with every prompt they contain, so no generated
    pair is built from them either (cross-validation)."""
    rng = random.Random(seed)
    qqp = read_pairs(qqp_path)
    if qqp_rows is not None:
        qqp = [qqp[i] for i in qqp_rows]
    sets = agent_pairs(slots_path, holdout_path, hand_written)
    if agent_held_out:
        out_texts = {t for a, b, _ in agent_held_out for t in (a, b)}
        sets = [(name, [p for p in ps if p[0] not in out_texts and p[1] not in out_texts]) for name, ps in sets]
    pairs = [(a, b, y, "qqp") for a, b, y in qqp]
    for r in range(max(REPEATS.values())):
        pairs += [(a, b, y, name) for name, ps in sets if r < REPEATS[name] for a, b, y in ps]
    # Seeds for the generated perturbations: the agent prompts (the first two sets keep their old share, so
    # the generated pairs of a run without hand-written sets are the same as before they existed).
    agent_seeds = sorted({t for _, ps in sets[:2] for a, b, _ in ps for t in (a, b)})
    hand_seeds = sorted({t for _, ps in sets[2:] for a, b, _ in ps for t in (a, b)})
    qqp_seeds = sorted({t for a, b, _ in qqp for t in (a, b)})
    templ = template_prompts(rng, 3000)
    seeds = agent_seeds * 6 + templ + rng.sample(qqp_seeds, min(3000, len(qqp_seeds))) + hand_seeds * 2
    pairs += generated_pairs(rng, seeds, n_neg, n_pos)
    if siblings:  # a stream of its own, so every other pair is the same as without it
        pairs += sibling_pairs(random.Random(seed + 7), seeds, 2000, 600)
    if agent_held_out:  # a template or a perturbation can land on a held-out prompt word for word
        pairs = [p for p in pairs if p[0] not in out_texts and p[1] not in out_texts]
    rng.shuffle(pairs)
    return pairs
