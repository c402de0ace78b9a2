"""quotes.attribution.quotemarks.find_quotes with the built-in direct_quote rules.

Each case is (text, expected): expected lists the quotations found, in order,
each as the list of its content parts read back through the offsets
(text[part.start:part.end]); an unclosed quotation is marked with
close=None. Offsets always index the text exactly as given.
"""

from __future__ import annotations

import pytest

from quotes.attribution.quotemarks import QuotedSpan, find_quotes
from quotes.rules.merging import load_rules


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def quotes_in(text: str, rules) -> list[QuotedSpan]:
    return find_quotes(text, rules.quote_pairs, rules.not_marks)


def parts_of(text: str, found: list[QuotedSpan]) -> list[list[str]]:
    return [[text[p.start : p.end] for p in quote.parts] for quote in found]


# (text, [[part, ...], ...]): every quotation, each read back part by part.
CASES = [
    # Curly double quotes; the comma before the closing mark is the attribution's.
    ("“We are ready for talks,” the minister said on Monday.", [["We are ready for talks"]]),
    # Straight double quotes behave the same.
    ('"We are ready for talks," the minister said on Monday.', [["We are ready for talks"]]),
    # Guillemets.
    ("«Nous ne céderons pas», a déclaré le ministre.", [["Nous ne céderons pas"]]),
    ("He said «we will not give in» to the crowd.", [["we will not give in"]]),
    # French spacing inside guillemets.
    ("« Nous ne céderons pas », a déclaré le ministre.", [["Nous ne céderons pas"]]),
    # A final full stop inside the marks is the speaker's and stays.
    ("The minister said: “We will not give in to pressure.”", [["We will not give in to pressure."]]),
    # A semicolon or colon before the closing mark is trimmed like the comma.
    ("“Prices will fall;” the bank said so on Friday.", [["Prices will fall"]]),
    # Two quotations in one paragraph.
    (
        "“China and Russia already have an established relationship,” he said. “A new mechanism like this could mean a lot.”",
        [["China and Russia already have an established relationship"], ["A new mechanism like this could mean a lot."]],
    ),
    # A scare quote inside prose is still a quotation for this module.
    ("Yang said Russia and China were considering regular “2+2 ministerial” meetings.", [["2+2 ministerial"]]),
    # Single curly quotes, with apostrophes between letters inside and around.
    ("‘Russia’s army is ready,’ the general said.", [["Russia’s army is ready"]]),
    ("The players’ union said it was ‘deeply disappointed’ by the ruling.", [["deeply disappointed"]]),
    ("He described Russia’s position as ‘firm but fair’ on Tuesday.", [["firm but fair"]]),
    # A single quotation nested in a double one belongs to it.
    ("“She told me ‘never again’ and walked out,” he said.", [["She told me ‘never again’ and walked out"]]),
    # An apostrophe in a straight-quoted word is not a mark.
    ("“Rock'n'roll is not dead,” he said.", [["Rock'n'roll is not dead"]]),
    # A straight double quote after a digit (inches) opens nothing.
    ('The 6" pipe burst, and he said "it was a disaster" later.', [["it was a disaster"]]),
    # Apostrophes alone are never quotations.
    ("Russia’s defence minister met the players’ union in Moscow.", []),
    ("China’s Defence Minister Wei Fenghe arrived on Tuesday.", []),
    # Backticks typed for apostrophes are never marks.
    ("It is Wei`s first official overseas tour after taking office.", []),
    ("The two sides` working together is good, he said `for now` at least.", []),
    ("“Wei`s trip is a signal,” he said.", [["Wei`s trip is a signal"]]),
    # A lone mark with only space after it opens nothing.
    ("He drew a “ on the board and left.", []),
    # No marks at all.
    ("The talks ended on Monday without an agreement.", []),
    # A straight mark typed for the curly closing one closes the quote...
    ('“Immunity deals are not a requirement," the chairman said.', [["Immunity deals are not a requirement"]]),
    ('"We have done nothing wrong,” the company said.', [["We have done nothing wrong"]]),
    # ...but not when the right closing mark follows on the line (a nested quote).
    ('“He told me "never again" and left,” she said.', [['He told me "never again" and left']]),
]

# Other conventions, in their own copy and in English copy.
OTHER_CONVENTIONS = [
    # Guillemets with the punctuation after the closing mark, and single ones.
    ("«We are leaving», the minister told reporters.", [["We are leaving"]]),
    ("‹We are leaving›, the minister said.", [["We are leaving"]]),
    ("‹We are leaving,› the minister said.", [["We are leaving"]]),
    ("He called the deal ‹a historic mistake› on Monday.", [["a historic mistake"]]),
    # German marks: the low mark opens, the English opening mark closes.
    ("„Wir gehen“, sagte der Minister.", [["Wir gehen"]]),
    ("„We are leaving,“ the minister said.", [["We are leaving"]]),
    ("Der Minister sagte: „Wir gehen jetzt.“", [["Wir gehen jetzt."]]),
    # A German quote closed, the English mark opens again after it.
    ("„Wir gehen“, sagte er, “we are leaving now.”", [["Wir gehen"], ["we are leaving now."]]),
    # The low mark closed by the English closing mark („…”, Polish and Dutch
    # style) or a straight one typed for it.
    ("„We are leaving,” the minister said.", [["We are leaving"]]),
    ('„We are leaving," the minister said.', [["We are leaving"]]),
    # ...but not when the German closing mark follows on the line.
    ('„Er sagte "nein" und ging“, sagte sie.', [['Er sagte "nein" und ging']]),
    # English quotes read as before: “ opens them, ” closes them.
    ("“We are leaving,” the minister said.", [["We are leaving"]]),
    ("“We are leaving” and “we will not return,” he said.", [["We are leaving"], ["we will not return"]]),
    # A lone low mark opens nothing.
    ("He drew a „ on the board and left.", []),
    ("He drew a ‹ on the board and left.", []),
    # Two apostrophes are one double mark (archive text); apostrophes and a
    # plural possessive next to them stay apostrophes.
    ("''We are ready for talks,'' the minister said.", [["We are ready for talks"]]),
    ("The mayor said it was ''a disaster for the city'' and left.", [["a disaster for the city"]]),
    ("''It's the players' union,'' he said of ''Face the Nation.''", [["It's the players' union"], ["Face the Nation."]]),
    ("It's the players' union's call.", []),
]


def test_a_two_character_mark_is_measured_whole(rules):
    text = "''We are ready,'' he said."
    [quote] = quotes_in(text, rules)
    assert (quote.open_mark, quote.inner_start, quote.close_mark, quote.outer_end) == (0, 2, 15, 17)
    assert text[quote.close_mark : quote.outer_end] == "''"


# A quote inside a quote belongs to the outer one: one stretch, the inner
# marks part of its content.
NESTED = [
    (
        "\"My father always said, 'Never sell the farm,' and I never will,\" she said.",
        [["My father always said, 'Never sell the farm,' and I never will"]],
    ),
    (
        "“My father always said, ‘Never sell the farm,’ and I never will,” she said.",
        [["My father always said, ‘Never sell the farm,’ and I never will"]],
    ),
    # British style: single outside, double inside.
    (
        "‘My father always said, “Never sell the farm,” and I never will,’ she said.",
        [["My father always said, “Never sell the farm,” and I never will"]],
    ),
    # The inner quote ends where the outer one does.
    (
        "“The president told me, ‘We will win this election,’” the senator said.",
        [["The president told me, ‘We will win this election,’"]],
    ),
    ("«Il m’a dit “jamais” et il est parti», dit-elle.", [["Il m’a dit “jamais” et il est parti"]]),
    (
        "„Mein Vater sagte immer: ‚Verkauf nie den Hof‘, und das tue ich nicht“, sagte sie.",
        [["Mein Vater sagte immer: ‚Verkauf nie den Hof‘, und das tue ich nicht"]],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_quotations_found(rules, text, expected):
    assert parts_of(text, quotes_in(text, rules)) == expected


@pytest.mark.parametrize(("text", "expected"), OTHER_CONVENTIONS, ids=[c[0][:40] for c in OTHER_CONVENTIONS])
def test_quote_marks_of_other_conventions(rules, text, expected):
    assert parts_of(text, quotes_in(text, rules)) == expected


@pytest.mark.parametrize(("text", "expected"), NESTED, ids=[f"nested-{i}" for i in range(len(NESTED))])
def test_a_nested_quote_is_part_of_the_outer_one(rules, text, expected):
    assert parts_of(text, quotes_in(text, rules)) == expected


def test_plural_possessive_inside_single_quotes(rules):
    text = "‘The players’ union will strike on Monday,’ he said."
    assert parts_of(text, quotes_in(text, rules)) == [["The players’ union will strike on Monday"]]


@pytest.mark.parametrize(
    ("text", "left_out"),
    [
        ("“We are ready for talks,” the minister said.", ","),
        ('"We are ready for talks," the minister said.', ","),
        ("«We are ready for talks», the minister said.", ""),
        ("‘We are ready for talks,’ the minister said.", ","),
        ("‹We are ready for talks›, the minister said.", ""),
        ("„We are ready for talks,“ the minister said.", ","),
        ("“We are ready for talks ,” the minister said.", " ,"),
        ("  \r\n“We are ready for talks,” the minister said.\r\n", ","),
    ],
)
def test_marks_are_located_and_excluded(rules, text, left_out):
    [quote] = quotes_in(text, rules)
    # What lies between the content and the closing mark (the attribution's comma).
    assert text[quote.end : quote.close_mark] == left_out
    assert quote.close_mark is not None
    assert text[quote.open_mark] in '“"«‘‹„'
    assert text[quote.close_mark] in '”"»’›“'
    assert quote.open_mark < quote.start <= quote.end <= quote.close_mark
    assert quote.outer_end == quote.close_mark + 1
    assert quote.text(text) == "We are ready for talks"
    assert quote.word_count(text) == 5


CONTINUED = [
    # The closing mark is left off at the end of a paragraph that the next
    # paragraph reopens: one quotation in two parts.
    (
        "“We will fight on until the end of this war.\n\n“We will never surrender,” the general said.",
        ["We will fight on until the end of this war.", "We will never surrender"],
    ),
    (
        '"We will fight on until the end of this war.\n\n"We will never surrender," the general said.',
        ["We will fight on until the end of this war.", "We will never surrender"],
    ),
    # Windows line ends and blank lines holding spaces.
    (
        "“We will fight on until the end of this war.\r\n\r\n“We will never surrender,” the general said.\r\n",
        ["We will fight on until the end of this war.", "We will never surrender"],
    ),
    (
        "“We will fight on until the end.\n   \n   “We will never surrender,” the general said.",
        ["We will fight on until the end.", "We will never surrender"],
    ),
    # Three paragraphs.
    (
        "“First, we rebuild the army.\n\n“Then we rebuild the economy.\n\n“Then we talk,” he said.",
        ["First, we rebuild the army.", "Then we rebuild the economy.", "Then we talk"],
    ),
]


@pytest.mark.parametrize(("text", "parts"), CONTINUED, ids=[f"continued-{i}" for i in range(len(CONTINUED))])
def test_quote_continues_into_next_paragraph(rules, text, parts):
    [quote] = quotes_in(text, rules)
    assert [text[p.start : p.end] for p in quote.parts] == parts
    assert quote.close_mark is not None and text[quote.close_mark] in '”"'
    assert quote.text(text) == " ".join(parts)


UNCLOSED = [
    # The paragraph below does not reopen the quote: it ends with its paragraph.
    (
        "He said: “We are ready for talks.\n\nThe talks resumed on Monday in Moscow.",
        [["We are ready for talks."]],
        [None],
    ),
    # The next paragraph opens with another kind of mark: not a continuation.
    (
        "“We are ready for talks.\n\n«Talks are over», the envoy replied.",
        [["We are ready for talks."], ["Talks are over"]],
        [None, "»"],
    ),
    # A paragraph between the two quotations breaks the run.
    (
        "“We are ready for talks.\n\nThe envoy left.\n\n“Talks are over,” he said.",
        [["We are ready for talks."], ["Talks are over"]],
        [None, "”"],
    ),
    # Left open at the very end of the text.
    ("The minister said: “We are ready for talks", [["We are ready for talks"]], [None]),
    ("The minister said: “We are ready for talks\r\n", [["We are ready for talks"]], [None]),
]


@pytest.mark.parametrize(("text", "expected", "closes"), UNCLOSED, ids=[f"unclosed-{i}" for i in range(len(UNCLOSED))])
def test_unclosed_quote_ends_with_its_paragraph(rules, text, expected, closes):
    found = quotes_in(text, rules)
    assert parts_of(text, found) == expected
    assert [None if q.close_mark is None else text[q.close_mark] for q in found] == closes
    for quote in found:
        if quote.close_mark is None:
            assert quote.outer_end == quote.end


@pytest.mark.parametrize(
    "text",
    ["“", "”", "“ ”", "\n“\n", "”He said“", "‘’‘", "“Open,\n\n", "«»", '"""', "``''", "„", "„“„", "‹›‹", "“„”“"],
)
def test_unbalanced_marks_never_raise(rules, text):
    for quote in quotes_in(text, rules):
        for part in quote.parts:
            assert 0 <= part.start < part.end <= len(text)
            assert text[part.start : part.end].strip() == text[part.start : part.end]


def test_offsets_index_the_given_text(rules):
    text = (
        "\ufeff  Beijing warns Washington\r\n\r\n"
        "“China and Russia already have an established diplomatic relationship,” he said.\r\n"
        "\u00a0“A new mechanism like this could mean that both soft and hard strategies are discussed.”\r\n"
    )
    found = quotes_in(text, rules)
    assert parts_of(text, found) == [
        ["China and Russia already have an established diplomatic relationship"],
        ["A new mechanism like this could mean that both soft and hard strategies are discussed."],
    ]
    assert [text[q.open_mark] for q in found] == ["“", "“"]
    assert [text[q.close_mark] for q in found] == ["”", "”"]
    assert found[0].close_mark < found[1].open_mark


def test_custom_pairs_come_from_the_rules(rules):
    # Nothing in the module knows a mark: with no pairs, nothing is a quotation,
    # and a character listed in not_marks never opens one.
    text = "“We are ready for talks,” the minister said."
    assert find_quotes(text, [], set()) == []
    assert find_quotes(text, rules.quote_pairs, set(rules.not_marks) | {"“"}) == []
