"""quotes.attribution.outlets with the built-in South China Morning Post and Global
Times profiles: which outlet, its byline, date, kind and title, and which
lines are boilerplate (marked, never removed)."""

from __future__ import annotations

import pytest

from quotes.attribution.outlets import detect_profile, read_article
from quotes.rules.merging import load_rules

SCMP = "South China Morning Post"
GT = "Global Times"

SCMP_PAGE = (
    "Advertisement\n"
    "Get more with myNEWS\n"
    "A personalised news feed of stories that matter to you\n"
    "Learn more\n"
    "Beijing warns Washington, minister says\n"
    "\n"
    "By Kristin Huang\n"
    "\n"
    "Beijing will respond to any provocation, the minister said on Monday.\n"
    "Protesters said the police had used tear gas. Photo: AFP\n"
    "\n"
    "Post"
)
GT_OPINION = (
    "Your Present Location :Home > LATEST INSIGHTS\n"
    "\n"
    "Guan Zhaoyu: Defense minister’s Russia tour forges ties\n"
    "\n"
    "\n"
    "By Guan Zhaoyu     Source: Global Times    Published: 2018-4-2\n"
    "\n"
    "Russia was the right choice for Wei`s first destination after taking office.\n"
    "\n"
    "Guan Zhaoyu, associate research fellow with Chongyang Institute for Financial Studies, Renmin University of China.\n"
    "\n"
    "Key Words: Sino-Russian corporation, military, Guan Zhaoyu  \n"
    "\n"
    "Latest Insights"
)
GT_NEWS = (
    "Your Present Location :Home > CHINA > POLITICS\n\n"
    "Flood relief under way in Hunan\n\n"
    "Source: Xinhua Published: 2020/7/12\n\n"
    "Relief teams arrived on Sunday, officials said."
)
PLAIN = (
    "Flood relief under way in Hunan\n\nRelief teams arrived on Sunday, officials said.\nPhoto: AFP\nRead more: floods in China"
)


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def marked(text: str, reading) -> list[tuple[str, str]]:
    return [(m.label, text[m.start : m.end]) for m in reading.marked]


AP_COPYRIGHT = (
    "Storm hits coast\n\nThe storm cut power, officials said.\n\nCopyright 2024 The Associated Press. All rights reserved.\n"
)
DETECTED = [
    (SCMP_PAGE, None, SCMP),
    (GT_OPINION, None, GT),
    (GT_NEWS, None, GT),
    # One signature is enough.
    ("Beijing warns Washington\nGet more with myNEWS\nThe minister spoke.", None, SCMP),
    ("By Li Qingqing   Source: Global Times   Published: 2019-11-5", None, GT),
    # A signature must stand on a line of its own.
    ("He said to get more with myNEWS now.", None, None),
    ("Get more with myNEWS today\nThe minister spoke.", None, None),
    (PLAIN, None, None),
    # Named by --outlet: any name or alias, any case; the name wins over the text.
    (PLAIN, "SCMP", SCMP),
    (PLAIN, "scmp", SCMP),
    (PLAIN, "The South China Morning Post", SCMP),
    (PLAIN, "  south china morning post ", SCMP),
    (PLAIN, "GT", GT),
    (PLAIN, "globaltimes.cn", GT),
    (GT_OPINION, "SCMP", SCMP),
    (PLAIN, "Daily Nowhere", None),
    # By the article's URL: its host or a subdomain of a profile's domain.
    (PLAIN, "https://www.scmp.com/news/china/article/1", SCMP),
    (PLAIN, "http://globaltimes.cn/content/2", GT),
    (PLAIN, "www.scmp.com/news", SCMP),
    (PLAIN, "https://notscmp.com/news", None),
    (GT_NEWS, "https://unknown.example/story", GT),  # an unknown site: the text still tells
    # An agency's marks travel with its copy: the outlet's own marks name the publisher.
    (AP_COPYRIGHT, None, "Associated Press"),
    (AP_COPYRIGHT + "Get more with myNEWS\n", None, SCMP),
]


@pytest.mark.parametrize(("text", "outlet", "expected"), DETECTED)
def test_detect_profile(rules, text, outlet, expected):
    profile = detect_profile(text, rules, outlet)
    assert (profile.name if profile else None) == expected


@pytest.mark.parametrize(
    ("outlet", "expected"),
    [(None, None), ("Daily Nowhere", "Daily Nowhere"), ("SCMP", SCMP), ("gt", GT)],
)
def test_outlet_name_in_the_article(rules, outlet, expected):
    # An unknown --outlet name is kept as given; a known one takes its full name.
    assert read_article(PLAIN, rules, outlet).article.outlet == expected


ARTICLES = [
    (
        SCMP_PAGE,
        {
            "outlet": SCMP,
            "author": "Kristin Huang",
            "author_affiliation": None,
            "published": None,
            "kind": "news",
            "title": "Beijing warns Washington, minister says",
        },
    ),
    (
        GT_OPINION,
        {
            "outlet": GT,
            "author": "Guan Zhaoyu",
            "author_affiliation": "Chongyang Institute for Financial Studies, Renmin University of China",
            "published": "2018-04-02",
            "kind": "opinion",
            "title": "Guan Zhaoyu: Defense minister’s Russia tour forges ties",
        },
    ),
    (
        GT_NEWS,
        {
            "outlet": GT,
            "author": None,
            "published": "2020-07-12",
            "kind": "news",
            "title": "Flood relief under way in Hunan",
        },
    ),
    (
        GT_OPINION.replace("LATEST INSIGHTS", "OP-ED"),
        {"kind": "opinion", "published": "2018-04-02"},
    ),
    (GT_OPINION.replace("LATEST INSIGHTS", "CHINA > DIPLOMACY"), {"kind": "news"}),
    # A date that is no date is left out, not guessed.
    (GT_NEWS.replace("2020/7/12", "2020/13/41"), {"published": None}),
    (
        PLAIN,
        {"outlet": None, "author": None, "published": None, "kind": None, "title": "Flood relief under way in Hunan"},
    ),
    # The title skips marked lines and lines too short to be a headline.
    (
        "Advertisement\nRussia\nUS take note: militaries are closer\nThe minister spoke.",
        {"title": "US take note: militaries are closer"},
    ),
    ("Advertisement\nSign up now\nRussia", {"title": None}),
]


@pytest.mark.parametrize(("text", "expected"), ARTICLES, ids=[f"article-{i}" for i in range(len(ARTICLES))])
def test_article_fields(rules, text, expected):
    article = read_article(text, rules).article
    assert {key: getattr(article, key) for key in expected} == expected


BOILERPLATE = [
    (
        SCMP_PAGE,
        [
            ("advertisement", "Advertisement"),
            ("promotion", "Get more with myNEWS"),
            ("promotion", "A personalised news feed of stories that matter to you"),
            ("prompt", "Learn more"),
            ("caption", "Protesters said the police had used tear gas. Photo: AFP"),
            ("signature", "Post"),
        ],
    ),
    (
        GT_OPINION,
        [
            ("breadcrumb", "Your Present Location :Home > LATEST INSIGHTS"),
            ("byline", "By Guan Zhaoyu     Source: Global Times    Published: 2018-4-2"),
            (
                "author_bio",
                "Guan Zhaoyu, associate research fellow with Chongyang Institute for Financial Studies, "
                "Renmin University of China.",
            ),
            ("keywords", "Key Words: Sino-Russian corporation, military, Guan Zhaoyu  "),
            ("section", "Latest Insights"),
        ],
    ),
    # Common boilerplate applies with no outlet.
    (PLAIN, [("caption", "Photo: AFP"), ("prompt", "Read more: floods in China")]),
    # "Post" is boilerplate only in an SCMP page, and only as a whole line.
    ("The Washington Post said the talks had failed.\nPost", []),
]


@pytest.mark.parametrize(("text", "expected"), BOILERPLATE, ids=[f"boilerplate-{i}" for i in range(len(BOILERPLATE))])
def test_boilerplate_lines_are_marked_whole(rules, text, expected):
    reading = read_article(text, rules)
    assert marked(text, reading) == expected
    lines = text.split("\n")
    for line in reading.marked:
        # A marked stretch is exactly one line of the text.
        assert line.start == 0 or text[line.start - 1] == "\n"
        assert line.end == len(text) or text[line.end] == "\n"
        assert text[line.start : line.end] in lines
        assert reading.is_marked(line.start, line.end)
        assert not reading.is_marked(line.start, line.end + 1)


def test_crlf_page_reads_like_the_lf_page(rules):
    lf = read_article(SCMP_PAGE, rules)
    crlf_text = SCMP_PAGE.replace("\n", "\r\n")
    crlf = read_article(crlf_text, rules)
    assert crlf.article == lf.article
    assert marked(crlf_text, crlf) == marked(SCMP_PAGE, lf)


def test_boilerplate_is_marked_never_removed(extract):
    # Through the whole pipeline: the claim in the body is found at its offsets
    # in the text as given, the ones in marked lines are not claims.
    extraction = extract(SCMP_PAGE)
    assert extraction.article.outlet == SCMP
    claims = [(c.type, c.text, SCMP_PAGE[c.start : c.end]) for c in extraction.claims]
    assert ("indirect", "Beijing will respond to any provocation", "Beijing will respond to any provocation") in claims
    assert not any("tear gas" in text for _, text, _ in claims)
    # The same sentence outside a caption line is a claim.
    assert [c.text for c in extract("Protesters said the police had used tear gas.").claims] == ["the police had used tear gas"]
    start = SCMP_PAGE.index("Beijing will respond")
    body = [c for c in extraction.claims if c.text.startswith("Beijing will respond")]
    assert [c.start for c in body] == [start]


def test_outlet_reaches_the_claims(extract):
    text = "“We are ready for talks,” the minister said on Monday."
    assert [c.source.outlet for c in extract(text, "SCMP").claims] == [SCMP]
    assert [c.source.outlet for c in extract(text, "Daily Nowhere").claims] == ["Daily Nowhere"]
    assert [c.source.outlet for c in extract(text).claims] == [None]
