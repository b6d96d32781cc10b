"""Actor mentions: capitalized runs (initials, hyphens, apostrophes, "of"), cut at sentence ends."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.claims.actors import find_actors


def test_runs_with_initials_hyphens_and_sentence_ends():
    text = ("U.S. officials met Jean-Claude Juncker of the European Commission. Later Ms. O’Brien spoke with "
            "Putin. In Moscow the Kremlin said")
    found = [(a.mention, a.canonical) for a in find_actors(text)]
    assert found[:3] == [("U.S.", "United States"), ("Jean-Claude Juncker", "Juncker"), ("European Commission.", "European Commission")]
    assert ("Putin.", "Putin") in found and ("Kremlin", "Kremlin") in found
    assert all(text[a.start : a.end] == a.mention for a in find_actors(text))


_PIECES = ["U.", "S.", "A", "B.", "of ", "de ", " ", "x", "Jean-", "O’", ".", ". ", "Mr. ", "'", "-", "\n", "Putin", "said"]


@given(st.lists(st.sampled_from(_PIECES), max_size=20).map("".join))
@settings(max_examples=300, deadline=None)
def test_mentions_are_where_they_say(text):
    for a in find_actors(text, pronouns=True, roles=True):
        assert text[a.start : a.end] == a.mention
        assert a.mention.strip() and (a.is_pronoun or a.mention[0].isupper() or a.mention[0].islower())


def test_a_run_starts_a_word():
    """A capital inside a word ("iPod", "eBay", "iOS") starts no name; one after a hyphen or an
    apostrophe does ("al-Assad", "d’Estaing"), and so does a capital inside a name ("McCain")."""
    found = [a.canonical for a in find_actors("Apple sold iPods and eBay listed iTunes cards on iOS; al-Assad met d’Estaing and McCain.")]
    assert found == ["Apple", "Assad", "Estaing", "McCain"]


def test_initials_and_sentence_openers_are_no_people():
    found = {a.mention: a.is_person for a in find_actors("Another story. Within hours the E.U. and the U.K. agreed with Putin.")}
    assert "Another" not in found and "Within" not in found
    assert found["E.U."] is False and found["U.K."] is False and found["Putin."] is True


def _people(text: str) -> list[tuple[str, str, bool]]:
    return [(a.mention.strip(".,"), a.canonical, a.is_person) for a in find_actors(text)]


def test_an_office_at_a_body_is_no_person_called_by_its_title():
    """"Ryanair CEO" names an office whose holder the run does not name — not a Mr CEO; a given
    name first keeps a surname that is also a title ("Stephen King", "John Major")."""
    assert _people("Ryanair CEO Michael Smith met them.")[0][1:] == ("Smith", True)  # the holder named: a person
    assert ("Treasury Secretary", "Treasury Secretary", False) in _people("Later the Treasury Secretary spoke.")
    assert _people("Ryanair CEO, Michael O' Leary, said")[0] == ("Ryanair CEO", "Ryanair CEO", False)
    assert _people("Stephen King said") == [("Stephen King", "King", True)]
    assert _people("John Major said") == [("John Major", "Major", True)]


def test_a_space_after_the_apostrophe_of_o_is_one_name():
    assert _people("Ryanair CEO, Michael O' Leary, said")[1] == ("Michael O' Leary", "O'Leary", True)
    assert _people("said Bob D’ Amato")[-1][1:] == ("D’Amato", True)
    assert _people("Dan O'Leary said")[0][1:] == ("O'Leary", True)


def test_acronyms_name_bodies_not_people():
    """A word in capitals is a body (GM, UAW, NASDAQ), alone or last in a run; a regnal number is not."""
    assert [p[1:] for p in _people("Then GM said the UAW and the New GM would agree.")] == [("GM", False), ("UAW", False), ("New GM", False)]
    assert _people("Pope Benedict XVI said")[0][2] is True
    assert ("Lehman Brothers", "Lehman Brothers", False) in _people("Investors sold their stakes in Lehman Brothers and left.")
    assert ("Federal Reserve", "Federal Reserve", False) in _people("Later the Federal Reserve cut rates.")


def test_a_run_ends_before_a_word_that_starts_sentences():
    """After an acronym or an initial, a full stop ends the run when a sentence starter follows
    (the sentence splitter's list); "U.S. President Obama" stays one run."""
    # (a time zone is no actor at all: see test_a_weekday_or_time_zone_ends_no_name_and_is_none)
    assert [p[:2] for p in _people("at 14:58 UTC. The US Treasury described the plan")] == [("The US Treasury", "US Treasury")]
    assert _people("Apple and AT&T. Many buyers waited.") == [("Apple", "Apple", False), ("AT&T", "AT&T", False)]
    assert _people("He met U.S. President Obama.") == [("U.S. President Obama", "Obama", True)]


def test_an_ampersand_joins_a_firms_name():
    assert _people("Procter & Gamble and S&P said") == [("Procter & Gamble", "Procter & Gamble", False), ("S&P", "S&P", False)]


def test_a_place_is_no_person():
    """A run that is a place of actors.toml's list is kept whole and is no person ("New York" is
    not a Mr York); a person named like a place keeps the given name's reading ("Jack London")."""
    assert _people("They met in New York, Hong Kong and Wyoming.") == [
        ("New York", "New York", False), ("Hong Kong", "Hong Kong", False), ("Wyoming", "Wyoming", False)]
    assert _people("Jack London wrote it.") == [("Jack London", "London", True)]


def test_a_web_address_is_no_person():
    (site,) = find_actors("CNNMoney.com reported the figures")
    assert (site.canonical, site.is_person) == ("CNNMoney.com", False)


def test_a_sentences_capitalized_first_word_is_no_name_unless_the_article_writes_it_so():
    from workbench.claims.actors import capitalized_inside_sentence, is_sentence_opener

    article = ("Stock Markets Fall\n\nStock prices fell on Monday. Investors sold shares of Apple and the stock of "
               "Ford. Apple said sales rose.")
    body = article.index("Stock prices")
    assert not capitalized_inside_sentence("Stock", article, body)
    # a headline capitalizes every word: what is read from the body's start on leaves it out
    assert capitalized_inside_sentence("Markets", article) and not capitalized_inside_sentence("Markets", article, body)
    assert capitalized_inside_sentence("Apple", article, body) and not capitalized_inside_sentence("Investors", article, body)
    for sentence, word, opener in (("Stock prices fell on Monday.", "Stock", True), ("Gains were small at Apple.", "Gains", True),
                                   ("Apple said sales rose.", "Apple", False), ("“Stock is cheap,” he said.", "Stock", True)):
        (actor,) = [a for a in find_actors(sentence) if a.mention.strip(" ,") == word]
        assert is_sentence_opener(actor, sentence, article, body) is opener, sentence
    # only a lone word taken for a person: places, bodies and runs of names stand
    for sentence in ("Russia denied it.", "Detroit Diesel said so.", "GM said so."):
        assert not any(is_sentence_opener(a, sentence, article, body) for a in find_actors(sentence))
    # a word inside a sentence is no opener
    (dealer,) = [a for a in find_actors("Analysts expect Hutton to buy.") if a.canonical == "Hutton"]
    assert dealer.is_person and not is_sentence_opener(dealer, "Analysts expect Hutton to buy.", article, body)


def test_venues_products_indexes_and_unions_are_kept_whole_not_made_a_surname():
    for run in ("The Dow Jones Industrial Average", "MacBook Air", "the Mac App Store", "United Auto Workers",
                "the Moscone Center", "Singapore Changi Airport", "Worldwide Developers Conference"):
        (actor,) = find_actors(f"It was {run} that rose") if not run[0].islower() else find_actors(f"It was {run} that rose")[-1:]
        assert not actor.is_person and actor.canonical == run.removeprefix("The ").removeprefix("the "), run


def test_a_weekday_or_time_zone_ends_no_name_and_is_none():
    assert [(a.canonical, a.is_person) for a in find_actors("it fell in Asia Monday, at 16:00 UTC.")] == [("Asia", False)]
    assert find_actors("at 16:00 GMT") == [] and find_actors("It filed for Chapter 11") == []


def test_the_name_of_a_day_is_no_actor():
    """"Black Monday" is an event (timex.toml named_day_words), not a Mr Black; a name before it stays."""
    assert find_actors("since Black Monday in 1987") == [] and find_actors("on Super Tuesday") == []
    assert [(a.canonical, a.is_person) for a in find_actors("Wall Street Black Monday")] == [("Wall Street", False)]
    assert [(a.canonical, a.is_person) for a in find_actors("Putin Monday said")] == [("Putin", True)]


def test_a_one_letter_last_word_is_no_surname():
    (os_x,) = find_actors("the Mac OS X release shipped")
    assert (os_x.canonical, os_x.is_person) == ("Mac OS X", False)


def test_a_conjunction_opening_a_sentence_is_no_name():
    assert [a.canonical for a in find_actors("Whereas a United Auto Workers negotiator has said")] == ["United Auto Workers"]



_ROLE_PIECES = ["the ", "a ", "its ", "(the ", "new ", "company ", "chief ", "board", "analysts", "analyst-", " ", "\n",
                "spokesman ", "x", "The ", "HIS ", "theboard ", "long-serving ", ", ", "Kremlin "]


def _role_spans(matches):
    return [(m.start(), m.end(), m.group(1)) for m in matches]


@given(st.lists(st.sampled_from(_ROLE_PIECES), max_size=16).map("".join))
@settings(max_examples=400, deadline=None)
def test_the_role_scan_from_the_first_role_noun_finds_what_the_whole_scan_finds(text):
    """role_matches starts two words before the first role noun: the same matches as the pattern
    over the whole text — "the company chief" (a role noun as the word between), "(the board",
    "analyst-" (no role), a text without one."""
    from workbench.claims.actors import _role_pattern, role_matches

    assert _role_spans(role_matches(text)) == _role_spans(_role_pattern().finditer(text))


def test_the_role_scan_on_real_sentences(meantime):
    from workbench.claims.actors import _role_pattern, role_matches

    texts = meantime.sentences["text"].to_list()
    found = [_role_spans(role_matches(t)) for t in texts]
    assert found == [_role_spans(_role_pattern().finditer(t)) for t in texts]
    assert sum(map(len, found)) > 500 and sum(1 for f in found if not f) > len(texts) / 2


def test_a_name_does_not_run_on_past_a_paragraph():
    text = "The cuts hit GM\n\nMarch 3, 2009\n\nGeneral Motors said it would cut jobs."
    found = [(a.mention, a.canonical) for a in find_actors(text)]
    assert found == [("GM", "GM"), ("General Motors", "General Motors")]
    assert all(text[a.start : a.end] == a.mention for a in find_actors(text))


def test_a_lone_name_after_an_article_or_a_bare_demonym_is_no_person():
    """"The Nasdaq", "the Beatles", "the Japanese Nikkei": an index, a band, a firm — not a Mr
    Nasdaq; a title between keeps the person ("the former President Bush", "Russian President Putin")."""
    people = lambda text: {a.canonical: a.is_person for a in find_actors(text)}  # noqa: E731
    assert people("The Nasdaq fell 2%.") == {"Nasdaq": False}
    assert people("fans of the Beatles said") == {"Beatles": False}
    assert people("the Russian Gazprom rose while the German Siemens fell") == {"Gazprom": False, "Siemens": False}
    assert people("the former President Bush said") == {"Bush": True}
    assert people("Russian President Putin said") == {"Putin": True}
    assert people("Putin said") == {"Putin": True}


def test_market_indexes_are_bodies_by_their_whole_names():
    """actors.toml's aliases: "the Dow" is the Dow Jones, "Hang Seng" no Mr Seng, "Japan's Nikkei" the Nikkei."""
    named = lambda text: [(a.canonical, a.is_person) for a in find_actors(text)]  # noqa: E731
    assert named("the Dow rose while the Hang Seng fell") == [("Dow Jones", False), ("Hang Seng", False)]
    assert named("Japan's Nikkei fell") == [("Nikkei", False)]
    assert named("Ukraine's Zelensky said") == [("Zelensky", True)]


def test_a_place_or_property_name_is_no_person():
    """A run ending in a place word (``actors.toml`` place_words) is kept whole; a given name first
    still makes a person ("Michael Bay")."""
    assert _people("Harbor Point said") == [("Harbor Point", "Harbor Point", False)]
    assert ("Times Square", "Times Square", False) in _people("Crowds filled Times Square")
    assert _people("Michael Bay said") == [("Michael Bay", "Bay", True)]
    assert _people("Linda Park said") == [("Linda Park", "Park", True)]  # Park is a surname too: not a place word


def test_a_role_noun_opening_a_sentence_is_the_role_not_a_name():
    for sentence, role in (("Residents said the water tasted odd.", "residents"), ("Witnesses told us he ran.", "witnesses"),
                           ("Investigators denied the report.", "investigators"), ("Crowds filled the square.", "crowds")):
        actors = find_actors(sentence, roles=True)
        assert [(a.canonical, a.is_person) for a in actors] == [(role, False)], sentence
        assert not any(a.canonical[:1].isupper() for a in find_actors(sentence))
    # a role word that is a title before a name still is one
    assert [a.canonical for a in find_actors("Councillor Tom Reyes said so.")] == ["Reyes"]


def test_two_particles_keep_a_name_whole_and_firm_and_place_endings():
    """"Ursula von der Leyen" is one person (not Ursula and Leyen); "Dow Chemical" and "Bank
    Negara Malaysia" are bodies, not a Mr Chemical or a Mr Malaysia; "Petaling Jaya" after "in"
    is a place."""
    got = {a.mention: (a.canonical, a.is_person) for a in find_actors(
        "Ursula von der Leyen met Dow Chemical and Bank Negara Malaysia officials in Petaling Jaya today.")}
    assert got["Ursula von der Leyen"] == ("Leyen", True)
    assert got["Dow Chemical"] == ("Dow Chemical", False)
    assert got["Bank Negara Malaysia"] == ("Bank Negara Malaysia", False)
    assert got["Petaling Jaya"][1] is False
