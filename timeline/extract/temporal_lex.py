"""Lexicon and regular-expression building blocks for the temporal tagger.

Written from the TimeML TIMEX3 guidelines; no other tagger's resource files are used.
"""

from __future__ import annotations

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}

WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

SMALL_NUMBERS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
}
DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}

# unit word -> (ISO letter, multiplier, is time unit)
UNITS = {
    "second": ("S", 1, True),
    "sec": ("S", 1, True),
    "minute": ("M", 1, True),
    "min": ("M", 1, True),
    "hour": ("H", 1, True),
    "hr": ("H", 1, True),
    "day": ("D", 1, False),
    "night": ("D", 1, False),
    "week": ("W", 1, False),
    "fortnight": ("W", 2, False),
    "weekend": ("WE", 1, False),
    "month": ("M", 1, False),
    "quarter": ("Q", 1, False),
    "year": ("Y", 1, False),
    "decade": ("Y", 10, False),
    "century": ("Y", 100, False),
    "millennium": ("Y", 1000, False),
}

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
    "tonight": "NI",
}

# ------------------------------------------------------------------ regex fragments

_ORD_SUFFIX = r"(?:st|nd|rd|th)"
MONTH_FULL = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
)
MONTH_ABBR = r"(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
MONTH = rf"(?:{MONTH_FULL}|{MONTH_ABBR}\.?)(?![\w'’-])"
# abbreviations only with a dot: used where no day/year follows
MONTH_STRICT = rf"(?:{MONTH_FULL}(?![\w-])(?!['’](?!s\b))|{MONTH_ABBR}\.(?![\w'’-]))"
WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.)(?![\w-])"
)
DAY_NUM = r"(?:3[01]|[12][0-9]|0?[1-9])(?:" + _ORD_SUFFIX + r")?(?!\d|:\d|[A-Za-z])"
ORD_WORD_DAY = (
    r"(?:thirty[- ]first|thirtieth|twenty[- ](?:first|second|third|fourth|fifth|sixth|seventh"
    r"|eighth|ninth)|twentieth|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
    r"|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth"
    r"|nineteenth)(?![\w-])"
)
YEAR4 = r"(?:1[5-9][0-9]{2}|20[0-9]{2})(?![\d,]\d)(?!\d)"
YEAR_APOS = r"['’][0-9]{2}(?![\w'’])"
YEAR = rf"(?:{YEAR4}|{YEAR_APOS})"

_SMALL = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen)"
)
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
NUM_WORD = (
    rf"(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten)[- ](?:hundred|thousand)"
    rf"|{_TENS}(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)(?![\w]))?|{_SMALL}"
    r"|a\s+dozen|dozen|half\s+an?|a\s+half)(?![\w])"
)
NUM_DIGIT = r"(?<![\d.,$£€¥])\d{1,3}(?:,\d{3})*(?:\.\d+)?(?:\s+1/2|½)?(?![\d%])"
NUM_VAGUE = (
    r"(?:a\s+few|few|several|many|a\s+couple\s+of|couple\s+of|a\s+couple|some|a\s+number\s+of"
    r"|numerous|dozens\s+of|hundreds\s+of|thousands\s+of|a\s+handful\s+of)(?![\w])"
)
NUM_ONE = r"(?:an?|one)(?![\w])"
NUM_SIMPLE = rf"(?:{NUM_DIGIT}|{NUM_WORD})"
NUM = rf"(?:(?:{NUM_SIMPLE})(?:\s*(?:-|to|or)\s*(?:{NUM_SIMPLE}))?|{NUM_VAGUE}|{NUM_ONE})"

UNIT_SG = (
    r"(?:second|sec|minute|min|hour|hr|day|night|week|fortnight|weekend|month|quarter|year"
    r"|decade|century|millennium)"
)
UNIT_PL = (
    r"(?:seconds|secs|minutes|mins|hours|hrs|days|nights|weeks|fortnights|weekends|months"
    r"|quarters|years|decades|centuries|millennia)"
)
UNIT = rf"(?:{UNIT_PL}|{UNIT_SG})(?![\w])"

SEASON = r"(?:spring|summer|fall|autumn|winter)(?![\w-])"
PART_OF_DAY = r"(?:morning|afternoon|evening|night)(?![\w-])"
TZ = (
    r"(?:\s*\(?(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|CEST|MSK|IST|JST|ET|PT|CT"
    r"|[A-Z]{3}T|local\s+time)\)?(?![\w]))"
)
AMPM = r"(?:[ap]\.\s?m\.?|[ap]m(?![\w])|[AP]M(?![\w]))"

# pronouns, modals and particles after which "March"/"May" is a verb
VERB_CONTEXT_BEFORE = {
    "will",
    "would",
    "shall",
    "should",
    "could",
    "can",
    "must",
    "might",
    "may",
    "to",
    "they",
    "we",
    "i",
    "you",
    "he",
    "she",
    "it",
    "who",
    "not",
    "and",
    "or",
    "also",
    "then",
    "did",
    "didn't",
    "won't",
    "let",
    "us",
    "protesters",
    "people",
}

# words before a number that make it a name or a label, not a year
LABEL_WORDS = {
    "section",
    "sections",
    "article",
    "articles",
    "chapter",
    "clause",
    "rule",
    "page",
    "pages",
    "number",
    "no",
    "nos",
    "flight",
    "route",
    "room",
    "suite",
    "model",
    "version",
    "form",
    "item",
    "paragraph",
    "resolution",
    "code",
    "windows",
    "apt",
    "unit",
    "box",
    "gate",
    "bus",
    "highway",
    "interstate",
    "exit",
    "channel",
    "lot",
    "pier",
    "platform",
    "boeing",
    "airbus",
    "vol",
    "volume",
    "issue",
    "street",
    "avenue",
    "road",
    "st",
    "ave",
    "rd",
    "hr",
    "h.r",
    "s",
    "type",
    "class",
    "category",
    "level",
    "mark",
    "mk",
    "series",
    "ps",
    "iphone",
    "galaxy",
    "top",
    "fortune",
    "nasdaq",
    "dow",
    "s&p",
    "ftse",
    "dax",
    "nikkei",
    "index",
    "stock",
    "share",
}

# count nouns that make a following-noun number a quantity rather than a year
COUNT_NOUNS = {
    "rounds",
    "shares",
    "share",
    "people",
    "persons",
    "units",
    "troops",
    "soldiers",
    "employees",
    "workers",
    "jobs",
    "votes",
    "miles",
    "kilometers",
    "kilometres",
    "km",
    "feet",
    "ft",
    "meters",
    "metres",
    "tons",
    "tonnes",
    "barrels",
    "acres",
    "cars",
    "vehicles",
    "homes",
    "houses",
    "points",
    "students",
    "members",
    "residents",
    "cases",
    "deaths",
    "dollars",
    "euros",
    "pounds",
    "yen",
    "yuan",
    "rubles",
    "roubles",
    "francs",
    "marks",
    "pesos",
    "rupees",
    "copies",
    "calories",
    "square",
    "sq",
    "pieces",
    "items",
    "words",
    "pages",
    "children",
    "men",
    "women",
    "police",
    "officers",
    "delegates",
    "seats",
    "rooms",
    "beds",
    "patients",
    "victims",
    "refugees",
    "prisoners",
    "companies",
    "firms",
    "stores",
    "aircraft",
    "planes",
    "ships",
    "tanks",
    "rockets",
    "missiles",
    "drones",
    "bombs",
    "passengers",
    "visitors",
    "tourists",
    "fans",
    "households",
    "families",
    "signatures",
    "mw",
    "kw",
    "megawatts",
    "gallons",
    "liters",
    "litres",
    "kg",
    "kilograms",
    "lbs",
    "bushels",
    "contracts",
    "computers",
    "machines",
    "cows",
    "head",
    "percent",
    "per",
    "hectares",
}
