"""extract_quotes on the seeds' real cases and on generic sentences: speakers, cues, kinds."""

from __future__ import annotations


import polars as pl
import pytest

import workbench as wb
from conftest import seed_id
from helpers import assert_rows_trace_to_raw

CONTRACT = ["article_id", "quote_id", "text", "start", "end", "raw_start", "raw_end", "paragraph_index", "sentence_index",
            "is_headline", "kind", "is_partial", "speaker", "speaker_mention", "speaker_start", "speaker_end", "cue", "confidence"]


@pytest.fixture(scope="module")
def quotes(seeds):
    return wb.extract_quotes(seeds)


def one(quotes, prefix: str, contains: str) -> dict:
    rows = quotes.filter((pl.col("article_id") == seed_id(prefix)) & pl.col("text").str.contains(contains, literal=True))
    assert rows.height >= 1, f"no quote with {contains!r} in {prefix}"
    return rows.row(0, named=True)


def test_contract_and_provenance(seeds, quotes):
    assert quotes.columns[: len(CONTRACT)] == CONTRACT or set(CONTRACT) <= set(quotes.columns)
    assert quotes["quote_id"].n_unique() == quotes.height
    assert set(quotes["kind"].unique()) <= {"speech", "scare", "title"}
    assert_rows_trace_to_raw(seeds, quotes)
    # the speaker span points at the speaker's words
    text = dict(seeds.articles.select("article_id", "text").iter_rows())
    named = quotes.filter(pl.col("speaker_start").is_not_null())
    for aid, s, e, mention in named.select("article_id", "speaker_start", "speaker_end", "speaker_mention").iter_rows():
        assert mention in text[aid][s:e] or text[aid][s:e].startswith(mention.split()[0])


def test_headline_single_quotes(quotes):
    q = one(quotes, "000", "bomb the s*** out of Moscow")
    assert q["is_headline"] and q["kind"] == "speech" and q["speaker"] == "Trump" and q["is_partial"]


def test_nested_quote_is_one_speech_quote_by_the_outer_speaker(quotes):
    q = one(quotes, "002", "With Putin I said")
    assert "‘If you go into Ukraine" in q["text"] and q["text"].endswith("’")
    assert q["speaker"] == "Trump" and q["cue"] == "told" and q["kind"] == "speech"
    # the inner ‘…’ is not a second quotation
    assert quotes.filter((pl.col("article_id") == seed_id("002")) & pl.col("text").str.starts_with("If you go into Ukraine")).height == 0


def test_titles_and_scare_quotes_are_not_speech(quotes):
    assert one(quotes, "002", "2024")["kind"] == "title"
    assert one(quotes, "001", "strongman")["kind"] == "scare"
    assert one(quotes, "001", "pause")["kind"] == "scare"
    assert one(quotes, "001", "strongman")["speaker"] is None


@pytest.mark.parametrize(
    "prefix, contains, speaker, cue",
    [
        ("002", "The fact is that there were no telephone conversations", "Peskov", "stated"),  # “…,” Peskov stated
        ("004", "trying to dislodge our troops", "Syrskyi", "told"),  # title + descriptor stripped, partial
        ("004", "The importance of this operational area", "Syrskyi", "wrote"),  # X wrote on Telegram
        ("004", "combat against Ukrainian militaries", "Zelenskiy", "according to"),
        ("004", "Look, I was there", "Bolton", "said"),
        ("000", "not happy with Putin", "Trump", "said"),  # "he said" resolved to the subject, not to Putin
        ("003", "We can if you give us the weapons", "Zelenskiy", "responded"),  # spellings merged
        ("003", "Why haven’t you struck Moscow?", "Trump", "asked"),  # colon lead-in in the previous paragraph
        ("002", "I don’t believe you", "Putin", "saying"),  # participle: the clause's subject
        ("001", "frustration", "Trump", "expressed"),
    ],
)
def test_speakers_and_cues(quotes, prefix, contains, speaker, cue):
    q = one(quotes, prefix, contains)
    assert (q["speaker"], q["cue"]) == (speaker, cue)


def test_pronoun_mention_is_kept_and_resolved(quotes):
    q = one(quotes, "004", "There are losses")
    assert q["speaker_mention"] == "he" and q["speaker"] == "Zelenskiy"


def test_second_paragraph_of_a_quotation_continues_its_speaker(quotes):
    q = one(quotes, "004", "If it were not for the steadfastness")
    assert q["speaker"] == "Syrskyi" and q["rule"] == "continued" and q["continues"] is not None
    first = quotes.filter(pl.col("quote_id") == q["continues"]).row(0, named=True)
    assert first["speaker"] == "Syrskyi"


def test_partial_and_full_quotes(quotes):
    assert one(quotes, "000", "desperately needs")["is_partial"]
    assert not one(quotes, "002", "The fact is that there were no")["is_partial"]


def _corpus_of(tmp_path, text: str):
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    return wb.load_corpus(tmp_path, warn=False)


def _speakers_of(tmp_path, text: str) -> dict:
    """{quotation text: speaker} of one article."""
    return dict(wb.extract_quotes(_corpus_of(tmp_path, text)).select("text", "speaker").iter_rows())


@pytest.mark.parametrize(
    "body, speaker, cue",
    [
        ("“We will rebuild the bridge by spring,” Mayor Anna Kowalski said.", "Kowalski", "said"),
        ("“We will rebuild the bridge by spring,” said Anna Kowalski, the mayor.", "Kowalski", "said"),
        ("Anna Kowalski told reporters: “We will rebuild the bridge by spring.”", "Kowalski", "told"),
        ("According to Anna Kowalski, the plan is “to rebuild the bridge by spring.”", "Kowalski", "according to"),
        ("The bridge will be rebuilt “by spring at the latest,” according to Anna Kowalski.", "Kowalski", "according to"),
        ("“The bridge,” Kowalski said, “will be rebuilt by spring.”", "Kowalski", "said"),
        # no reporting verb: a full name and a description after the quotation (caption style)
        ("“We will rebuild the bridge by spring,” Anna Kowalski, the city's mayor.", "Kowalski", None),
        # the full stop inside the marks, the attribution a sentence of its own
        ("“We will rebuild the bridge by spring.” Mayor Kowalski said.", "Kowalski", "said"),
        # a lone given name: the surname it goes with in the article
        ("Mayor Anna Kowalski opened the site on Monday. “We will rebuild the bridge by spring,” Anna said.", "Kowalski", "said"),
        # a description between the name and the verb is not the speaker
        ("Mayor Anna Kowalski, a Democrat first elected in 2019, said the bridge was “a priority.”", "Kowalski", "said"),
        ("Anna Kowalski, the Polish minister of transport, said “We will rebuild the bridge by spring.”", "Kowalski", "said"),
        # a place or property named with a common noun is not a Mr Point
        ("Harbor Point, the developer behind the plan, said it “categorically rejects” the claims.", "Harbor Point", "said"),
        # British style: a single-quoted quotation holding a double-quoted one is the quotation
        ("Anna Kowalski said: 'We did nothing wrong. The payments were \"entirely proper\".'", "Kowalski", "said"),
        # "the claims" is a noun, not the cue: the verb before it is
        ("Anna Kowalski added that the claims were “baseless”.", "Kowalski", "added"),
        # a document names no one: the clause's subject says the words
        ("According to the statement, Anna Kowalski “rejects all allegations”.", "Kowalski", "according to"),
        # the office before its holder is named; the state after the city is part of the place
        ("The mayor of Springfield, Illinois, has insisted he is the victim of a “smear campaign.” "
         "Mayor Anna Kowalski, 58, spoke at City Hall.", "Kowalski", "insisted"),
        # a role reporters quote people by: the one person named with it later, else the role
        ("The ferry was late again, after a councillor said the timetable was “a fiction”. "
         "Councillor Piotr Nowak has raised it before.", "Nowak", "said"),
        ("One resident said the new bridge was “a long time coming”.", "resident", "said"),
        ("The plan is “dead in the water”, a source said.", "source", "said"),
    ],
)
def test_generic_attribution(tmp_path, body, speaker, cue):
    corpus = _corpus_of(tmp_path, "Bridge to be rebuilt\n\n" + body + "\n")
    q = wb.extract_quotes(corpus).filter(pl.col("kind") == "speech").row(0, named=True)
    assert (q["speaker"], q["cue"]) == (speaker, cue)


def test_unbalanced_marks_never_raise_and_are_flagged(tmp_path):
    corpus = _corpus_of(tmp_path, "Title\n\n“This opens and never closes, the mayor said\n\nA stray” mark here.\n")
    quotes = wb.extract_quotes(corpus)
    assert quotes.height == 1 and quotes["flags"][0] == "unclosed"
    assert_rows_trace_to_raw(corpus, quotes)


def test_empty_corpus_article_gives_an_empty_frame(tmp_path):
    corpus = _corpus_of(tmp_path, "Just a headline\n")
    quotes = wb.extract_quotes(corpus)
    assert quotes.height == 0 and set(CONTRACT) <= set(quotes.columns)
    assert wb.cluster_quotes(quotes).height == 0


def test_meantime_quotes_trace_to_raw(meantime):
    quotes = wb.extract_quotes(meantime)
    assert quotes.height > 100
    assert_rows_trace_to_raw(meantime, quotes)
    assert quotes.filter(pl.col("kind") == "speech")["speaker"].null_count() < 0.35 * quotes.filter(pl.col("kind") == "speech").height


def test_extraction_is_deterministic(seeds):
    assert wb.extract_quotes(seeds).equals(wb.extract_quotes(seeds))


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_BITS = ["to", "into", "up-to", "(to", "towards", "against", "xagainst", "and", "band", "that", "As", "TO", "said", "Putin", ",", ";", "—",
         ". ", "\n", " ", "  ", "between", "than", "like"]


@given(st.lists(st.sampled_from(_BITS), max_size=8).map("".join) | st.lists(st.sampled_from(_BITS), max_size=8).map(" ".join))
@settings(max_examples=400, deadline=None)
def test_is_subject_reads_only_the_tail_but_says_the_same(prefix):
    """_is_subject looks at the last characters only; the same verdict as scanning the prefix."""
    import re

    from workbench.quotes.extract import _PREPOSITION, _is_subject

    text = prefix + "Putin"
    start = len(prefix)
    lo = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    p = text[lo:start].strip()
    scan = p == "" or (not _PREPOSITION.search(p) and (p.endswith((",", ";", "—", "–")) or bool(re.search(r"\b(?:and|but|while|as|when|that)$", p))))
    assert _is_subject(text, start) == scan


_LEFT = st.lists(st.sampled_from(["Trump", "he", "said", "told", "according to", "Putin", ". ", "! ", "A. ", "U.S. ", " ", ", ",
                                  "“", "”", "the", "reporters", "In", "x", "Mr. Smith", "saying", "quoted as saying"]),
                 max_size=30).map("".join)


@given(_LEFT)
@settings(max_examples=400, deadline=None)
def test_cue_before_a_quote_is_looked_for_after_the_last_break_only(left):
    """_before scans for cues after the last sentence break only: the same attribution as a scan of
    the whole left context (forced by pretending a cue could span a break)."""
    from unittest import mock

    from workbench.quotes import attribution

    fast = attribution._before(left)
    with mock.patch.object(attribution, "_cues_hold_a_stop", lambda: True):
        assert attribution._before(left) == fast


@given(st.text(alphabet="aA .!?“\n\t", max_size=20) | st.lists(st.sampled_from(["Mr", "Del", "xDel", "-", "A", "a", ".", " ", "!", "K"]), max_size=12).map("".join))
@settings(max_examples=300, deadline=None)
def test_sentence_break_pattern(text):
    """The break pattern, its titles' look-behinds built from the abbreviations, is the plain
    pattern less the full stops :func:`closes_name_abbreviation` says close a title or initial."""
    import re

    from workbench.quotes.attribution import sentence_break
    from workbench.text.sentences import closes_name_abbreviation

    reference = re.compile(r"(?<![A-Z])[.!?]\s+[A-Z“]")  # the plain form of the pattern
    expected = [m.span() for m in reference.finditer(text) if not (text[m.start()] == "." and closes_name_abbreviation(text, m.start()))]
    assert [m.span() for m in sentence_break().finditer(text)] == expected


def test_he_does_not_continue_an_institutions_quotation(tmp_path):
    """“…,” said X. “…,” he said. gives X only when X is a person; after a ministry's words, "he"
    is the person named before."""
    corpus = _corpus_of(tmp_path, "Bridge plan stalls\n\nMayor Anna Kowalski met the press on Monday. The Finance Ministry said "
                                  "it had “no money left for the bridge”. Asked about that, he said “we will find the money”.\n")
    speakers = wb.extract_quotes(corpus).select("text", "speaker").rows()
    assert speakers == [("no money left for the bridge", "Finance Ministry"), ("we will find the money", "Kowalski")]


def test_the_government_is_a_countrys_and_a_company_acronym_no_antecedent(tmp_path):
    """"the government" stands for the nearest country named before it, not the nearest body (a
    company has no government); "he" skips a company named in capitals (GM is no person)."""
    corpus = _corpus_of(tmp_path, "Carmaker files for bankruptcy\n\nFritz Henderson, the chief executive of GM, spoke in "
                                  "the United States on Monday. Asked about GM, he said the government had “no interest in running "
                                  "the business”. The government said it was “a fair deal”.\n")
    speakers = wb.extract_quotes(corpus).select("text", "speaker").rows()
    assert speakers == [("no interest in running the business", "Henderson"), ("a fair deal", "United States")]


def test_a_name_after_its_description_is_the_subject(tmp_path):
    """"The German luxury carmaker BMW had … It said …": "it" is BMW, the sentence's subject, not
    Germany, named first in its description."""
    corpus = _corpus_of(tmp_path, "Car sales slow\n\nThe German luxury carmaker BMW had a weak quarter. It said on Monday "
                                  "that it expected “a difficult year” for sales.\n")
    assert wb.extract_quotes(corpus).select("text", "speaker").rows() == [("a difficult year", "BMW")]


def test_headline_names_are_no_antecedents(tmp_path):
    """A pronoun in the body does not point back to a word of the headline ("Storm hits coast")."""
    corpus = _corpus_of(tmp_path, "Storm hits coast\n\n“We are ready,” he said on Monday. He denied the allegations.\n")
    assert wb.extract_quotes(corpus)["speaker"].to_list() == [None]
    assert wb.extract_denials(corpus)["denier"].to_list() == ["he"]



def _blank_by_chars(text, ranges, spaces):
    chars = list(text)
    for lo, hi in ranges:
        for i in range(lo, hi):
            chars[i] = (" " if spaces else chars[i]) if chars[i].isspace() else "_"
    return "".join(chars)


@given(st.text(alphabet="ab “”\n\u00a0\t.\u2003", max_size=30).flatmap(lambda t: st.tuples(
    st.just(t), st.lists(st.tuples(st.integers(0, len(t)), st.integers(0, len(t))).map(sorted), max_size=4), st.booleans())))
@settings(max_examples=300, deadline=None)
def test_blanking_equals_blanking_character_by_character(case):
    """Quotations are blanked by joining slices; the same as blanking every character in turn —
    overlapping or empty ranges, any white space (kept, or made a plain space in the article)."""
    from workbench.quotes.extract import _blank

    text, ranges, spaces = case
    assert _blank(text, ranges, spaces=spaces) == _blank_by_chars(text, ranges, spaces)


@given(st.lists(st.sampled_from(["to", "the", "The", "against", "ag", "ainst", "over", "x", "ſ", "K", " ", "  ", "\n", "\t", "\u00a0", "Kremlin", ",", "-"]),
                max_size=12).map("".join).flatmap(lambda t: st.tuples(st.just(t), st.integers(0, len(t)))))
@settings(max_examples=500, deadline=None)
def test_governed_equals_searching_the_whole_prefix(case):
    """A name governed by a preposition is found from a bounded window before it: the same verdict
    as searching the clause's whole prefix."""
    from workbench.quotes.attribution import _AFTER_PREPOSITION, _governed

    clause, at = case
    assert _governed(clause, at) == (_AFTER_PREPOSITION.search(clause[:at]) is not None)


@given(st.lists(st.sampled_from(["A", "b", "U.", "S.", ". ", "! ", "? ", "?", ".", "  ", "\n", "“", "T", "x. Y", "Mr. Z"]),
                max_size=14).map("".join))
@settings(max_examples=500, deadline=None)
def test_last_sentence_break_from_the_end(text):
    """The last sentence break before a quotation, looked for backwards, is finditer's last that
    does not close a name's title ("Mr. Z")."""
    from workbench.quotes.attribution import _last_break
    from workbench.text.sentences import closes_name_abbreviation

    import re

    plain = re.compile(r"[.!?](?<![A-Z][.!?])\s+[A-Z“]")  # every break, the titles' left to the reference below
    starts = [m.start() for m in plain.finditer(text) if not (text[m.start()] == "." and closes_name_abbreviation(text, m.start()))]
    assert _last_break(text) == (starts[-1] if starts else 0)


def test_speakers_set_off_by_a_title_a_statements_source_and_a_one_word_reply(tmp_path):
    corpus = _corpus_of(tmp_path, (
        "Mayor under pressure\n\nMayor Thomas Reed spoke to reporters on Tuesday.\n\n"
        "“It is a witch hunt,” according to a statement from the mayor’s office.\n\n"
        "“I have never met the man,” Reed told CNN. “Never.”\n\n"
        "The council leader, Jo Park, was blunt. “He must go,” she said.\n"))
    q = wb.extract_quotes(corpus)
    got = dict(q.select("text", "speaker").iter_rows())
    assert got["It is a witch hunt,"] == "Reed"  # the statement's source, "the mayor", is Mayor Reed
    assert got["Never."] == "Reed" and q.filter(pl.col("text") == "Never.")["kind"].to_list() == ["speech"]
    assert got["He must go,"] == "Park"  # "The council leader, Jo Park,": a titled person, "she" is hers


def test_lost_paragraph_breaks_participle_subjects_and_bodies_named_by_their_kind(tmp_path):
    corpus = _corpus_of(tmp_path, (
        "Protesters charged\n\n"
        "The men's solicitor, Matthew Knight, spoke outside court. \"There was no offence,\" he said. "
        "\"Parliament cannot act retrospectively. \"We are not guilty of it.\" "
        "Otis Ferry said: \"I have no regrets. \"We did nothing wrong.\" Police left.\n\n"
        "Anger over the ban was the main reason, with many saying it was \"unjustified\".\n\n"
        "Shares rose, with UBS analyst David Strauss saying \"The fuel decided it. It was close.\"\n\n"
        "The Countryside Alliance met on Monday. Later the alliance said the law was \"impossible to enforce\".\n"))
    q = wb.extract_quotes(corpus)
    got = dict(q.select("text", "speaker").iter_rows())
    # a quotation reopened in the same paragraph goes on in its speaker's words
    assert got["Parliament cannot act retrospectively."] == "Knight" and got["We are not guilty of it."] == "Knight"
    assert got["I have no regrets."] == "Ferry" and got["We did nothing wrong."] == "Ferry"
    assert q.filter(pl.col("text") == "I have no regrets.")["flags"].to_list() == ["unclosed,reopened"]
    # "with many saying": the participle's own subject (no one in particular), not the sentence's
    assert got["unjustified"] is None
    assert got["The fuel decided it. It was close."] == "Strauss"
    # "the alliance": the body named with that word
    assert got["impossible to enforce"] == "Countryside Alliance"


def test_a_where_from_description_and_plural_present_cues(tmp_path):
    got = _speakers_of(tmp_path, (
        "Access laws\n\nJohn Ison, from the campaign group Fathers 4 Justice, said: \"It is very disappointing.\"\n\n"
        "MPs will debate a bill which critics claim would legalise it \"by the back door\".\n"))
    assert got["It is very disappointing."] == "Ison"  # not the group named in his description
    assert got["by the back door"] == "critics"


def test_titles_joined_by_and_and_a_description_without_an_article(tmp_path):
    got = _speakers_of(tmp_path, (
        "Profits up\n\nAcme posted a profit of $3bn. \"Our performance was strong,\" chairman and chief executive Richard Parsons said.\n\n"
        "Lord Strathclyde, Tory leader in the Lords, said the bill would be \"substantially rewritten\".\n\n"
        "President Jane Cole, speaking at a press conference alongside Tom Hale, said \"this is a pivotal moment.\"\n"))
    assert got["Our performance was strong,"] == "Parsons"  # not the firm that "posted" before it
    assert got["substantially rewritten"] == "Strathclyde"
    assert got["this is a pivotal moment."] == "Cole"


def test_long_and_two_part_descriptions_and_an_outlets_editor(tmp_path):
    got = _speakers_of(tmp_path, (
        "Row over apology\n\nMr Tom Hale, who was forced to apologise last year for an article in the magazine he edits "
        "about the death of the hostage Ken Bigley, said the minister \"should butt out\".\n\n"
        "\"I don't see why the minister has to get involved,\" The Spectator editor told the BBC.\n\n"
        "Mr Hale, MP for Henley on Thames, Oxfordshire, said Labour was \"trying to curry favour with voters\".\n"))
    assert got["should butt out"] == "Hale"  # not the name inside his description
    assert got["I don't see why the minister has to get involved,"] == "editor"  # the outlet's editor, not the outlet
    assert got["trying to curry favour with voters"] == "Hale"  # not the county


def test_a_works_title_stands_right_after_its_noun(tmp_path):
    corpus = _corpus_of(tmp_path, (
        "Peg row\n\nHis 2001 book called \"Losing Ground\" sold well. "
        "Calls went unheard, despite comments in a major Chinese newspaper that the \"time is ripe\" for a loosening of the peg.\n"))
    kinds = dict(wb.extract_quotes(corpus).select("text", "kind").iter_rows())
    assert kinds["Losing Ground"] == "title"
    assert kinds["time is ripe"] != "title"  # "newspaper … that the": a clause, not the paper's name


def test_a_spokesman_speaks_for_the_body_named_after_him(tmp_path):
    corpus = _corpus_of(tmp_path, (
        "Returns plan\n\nA spokesman for the Home Office said the plan would not \"leave them to rot\". "
        "\"We are developing a returns programme,\" said the spokesman.\n\n"
        "\"We will decide by Monday,\" a spokeswoman said.\n\n"
        "According to the report, \"more than half\" the places were taken.\n"))
    q = wb.extract_quotes(corpus)
    got = dict(q.select("text", "speaker").iter_rows())
    assert got["leave them to rot"] == "Home Office"
    assert got["We are developing a returns programme,"] == "Home Office"  # "the spokesman": the one named
    assert got["We will decide by Monday,"] == "spokeswoman"  # "a spokeswoman": anyone's
    assert q.filter(pl.col("text") == "more than half")["kind"].to_list() != ["title"]  # "the report," ended a clause


def test_a_post_on_social_media_is_its_authors(tmp_path):
    got = _speakers_of(tmp_path, (
        "Veto row\n\nFormer Gov. Jerry Brown weighed in on social media, posting that the veto was \"a mistake.\"\n"))
    assert got["a mistake."] == "Brown"


def test_a_passive_cue_quotes_no_one_and_a_clause_of_its_own_has_its_subject(tmp_path):
    corpus = _corpus_of(tmp_path, (
        "Kremlin hits back\n\nVladimir Putin was said to be 'furious' last night after Donald Trump was heard "
        "threatening to 'bomb the s*** out of Moscow'.\n"))
    q = wb.extract_quotes(corpus)
    got = {t: (sp, k) for t, sp, k in q.select("text", "speaker", "kind").iter_rows()}
    assert got["furious"] == (None, "scare")  # "was said to be": a rumour, not Putin's word
    assert got["bomb the s*** out of Moscow"][0] == "Trump"  # the clause after "after" is Trump's


def test_an_office_speaks_through_the_holder_the_article_names(tmp_path):
    got = _speakers_of(tmp_path, (
        "Trump tape\n\nPresident Donald Trump spoke to donors in 2024.\n\n"
        "In the recording, the US President tells donors: \"I will bomb Moscow if you go into Ukraine.\"\n\n"
        "Ryanair CEO Michael O'Leary said fares would rise. Later the Ryanair CEO said: \"Fares will rise.\"\n"))
    assert got["I will bomb Moscow if you go into Ukraine."] == "Trump"  # not "United States"
    assert got["Fares will rise."] == "O'Leary"


def test_a_one_word_reply_and_a_letter_that_reads(tmp_path):
    corpus = _corpus_of(tmp_path, (
        "Resignation row\n\nSenator Jane Holt met donors on Monday.\n\n"
        "Asked whether she would resign, Holt replied: “No.”\n\n"
        "“Nobody is above the law,” reads the letter from Attorney General Mark Stone.\n\n"
        "Apple unveiled “Lion.” at the event.\n"))
    q = wb.extract_quotes(corpus)
    got = {t: (sp, k) for t, sp, k in q.select("text", "speaker", "kind").iter_rows()}
    assert got["No."] == ("Holt", "speech")  # a reply, not a name in quotation marks
    assert got["Nobody is above the law,"][0] == "Stone"


def test_a_role_before_the_name_and_a_long_description_after_it(tmp_path):
    got = _speakers_of(tmp_path, (
        "Plant closure\n\n“We will appeal the ruling,” his lawyer Tom Reed said.\n\n"
        "“The plant is safe,” Jo Park, the group's vice president of global media relations, wrote in an emailed response.\n\n"
        "“No jobs will go,” Ama Lekota, chief of staff in the ministry of mineral resources and energy said in a statement.\n\n"
        "“Prices will rise,” a top administration official said.\n"))
    assert got["We will appeal the ruling,"] == "Reed"  # a role noun before the name, not only titles
    assert got["The plant is safe,"] == "Park"  # the name before the description, not the group in it
    assert got["No jobs will go,"] == "Lekota"  # a cue 90 characters on, the description unclosed
    assert got["Prices will rise,"] == "official"


def test_a_quotation_carried_over_a_paragraph_is_named_where_it_ends(tmp_path):
    got = _speakers_of(tmp_path, (
        "Bribery claim\n\nThe minister denied the report on Tuesday.\n\n"
        "“The statement attributed to him created a false impression. Nothing of the sort occurred.\n\n"
        "“He believes in the integrity of the media,” Ama Lekota, his chief of staff, said in a statement.\n"))
    assert got["The statement attributed to him created a false impression. Nothing of the sort occurred."] == "Lekota"
    assert got["He believes in the integrity of the media,"] == "Lekota"


def test_a_qualified_office_an_employer_before_a_title_and_a_characterizing_verb(tmp_path):
    got = _speakers_of(tmp_path, (
        "Inquiry row\n\nPrime Minister Omar Khan met the cabinet. Information Minister Sara Malik spoke later.\n\n"
        "“There is no probe against any minister,” the information minister clarified on Twitter.\n\n"
        "Daily Ledger editor in chief Ben Cole issued a statement, saying, “We stand by our reporting.”\n\n"
        "White House press secretary Sarah Huckabee Lane blasted the story as “absolutely ridiculous” on Friday.\n\n"
        "“I think it is categorically false,” she said.\n\n"
        "“This is not true,” a spokesman for Dow Chemical in Zurich told reporters.\n\n"
        "While the store is branded, the records are not: “The logo does not suggest a connection,” the judge ruled.\n"))
    assert got["There is no probe against any minister,"] == "Malik"  # not the prime minister
    assert got["We stand by our reporting."] == "Cole"  # the paper before his title qualifies him
    assert got["absolutely ridiculous"] == "Lane"  # "blasted … as": her words, not a scare quote
    assert got["I think it is categorically false,"] == "Lane"  # a given name, then a middle name: a person
    assert got["This is not true,"] == "Dow Chemical"  # a spokesman for a body, a place after it
    assert got["The logo does not suggest a connection,"] != "store"  # "is branded" is a passive


def test_places_after_in_bodies_named_for_a_place_and_a_statement_that_reads(tmp_path):
    got = _speakers_of(tmp_path, (
        "Conference row\n\nThe party denied that it had arranged a press conference at its headquarters in Petaling Jaya today.\n\n"
        "“There will be no press conference,” he said.\n\n"
        "The Alliance Party of Freedonia said the claims were false.\n\n"
        "“We wish to state that the party has no contract with the firm,” the statement read.\n"))
    assert got["There will be no press conference,"] is None  # not "Jaya": a place after "in", no one named
    assert got["We wish to state that the party has no contract with the firm,"] == "Alliance Party of Freedonia"


def test_initials_and_name_titles_do_not_end_the_quotations_sentence(tmp_path):
    got = _speakers_of(tmp_path, (
        "Court date\n\nHis lawyer, however, said the claim that R. Kelly refused transport is “not 100-percent true.”\n\n"
        "Attorney Nicole Belote said on Tuesday that state Del. Rick Morris “adamantly denies” the allegations.\n"))
    assert got["not 100-percent true."] == "lawyer"  # was a scare quote: "R." cut the sentence
    assert got["adamantly denies"] == "Belote"


def test_a_speaker_before_the_quotation_and_a_source_after_it(tmp_path):
    got = _speakers_of(tmp_path, (
        "Court hearing\n\nHis lawyer, Patrick Gibbs, said his client “denies any and all criminality in this case,” "
        "according to the Associated Press.\n\n"
        "The actor had said that he would “voluntarily appear” in court.\n\n"
        "A Kremlin spokesman said, “We do not see how this will work.”\n\n"
        "The roads will reopen “by spring at the latest,” according to Anna Kowalski.\n"))
    assert got["denies any and all criminality in this case,"] == "Gibbs"  # the AP reported his words
    assert got["voluntarily appear"] == "actor"  # a role noun for a person: speech, not a scare quote
    assert got["We do not see how this will work."] == "Kremlin"  # the body before the role noun
    assert got["by spring at the latest,"] == "Kowalski"  # no speaker before: the source is the speaker


def test_an_answer_and_how_someone_put_it(tmp_path):
    got = _speakers_of(tmp_path, (
        "Strike talks\n\nMayor Tom Reed and union leader Jane Holt met on Monday.\n\n"
        "“We will not give in” — that was how Tom Reed put it.\n\n"
        "“Never,” was Holt's answer.\n\n"
        "“It is a disaster,” as Jane Holt put it.\n\n"
        "“No,” came the mayor's reply.\n"))
    assert got["We will not give in"] == "Reed"
    assert got["Never,"] == "Holt"
    assert got["It is a disaster,"] == "Holt"
    assert got["No,"] == "Reed"  # "the mayor": the person the article titles so


def test_an_office_nobody_holds_in_the_article_speaks_as_the_office(tmp_path):
    got = _speakers_of(tmp_path, "Tape row\n\nIn the recording, the US President tells donors: \"I will bomb Moscow.\"\n")
    assert got["I will bomb Moscow."] == "US President"  # not "United States"


def test_a_title_before_the_speakers_name_and_a_lowercase_verdict_after_report(tmp_path):
    corpus = _corpus_of(tmp_path, (
        "Mumbai Mirror report \"untrue\": PMO\n\n"
        "“The involvement of Mr. Naidu in other scams will be investigated,” Mr. Ramachandra Reddy said.\n\n"
        "Union Home Minister Rajnath Singh refuted the allegations, calling them “baseless and wild.”\n"))
    q = wb.extract_quotes(corpus)
    got = {t: (sp, k) for t, sp, k in q.select("text", "speaker", "kind").iter_rows()}
    assert got["untrue"][1] != "title"  # a verdict after "report", not a work's title
    assert got["The involvement of Mr. Naidu in other scams will be investigated,"][0] == "Reddy"  # "Mr." ends no clause
    assert got["baseless and wild."][0] == "Singh"  # the person after the office, not "Union Home Minister …"


def test_an_office_with_a_portfolio_before_the_name(tmp_path):
    got = _speakers_of(tmp_path, (
        "Probe row\n\nMinister for Forests and Energy P. Ramachandra Reddy on Monday rejected the allegations.\n\n"
        "Speaking to reporters, the Minister said the claims were “padding them up with reports”.\n\n"
        "The minister of the interior said that Jane Holt was “wrong”.\n"))
    assert got["padding them up with reports"] == "Reddy"  # the portfolio stands between the title and the name
    assert got["wrong"] != "Holt"  # a lower-case portfolio does not title the name after "said that"


def test_a_possessors_lawyer_speaks_and_a_one_word_name_that_writes_is_a_person(tmp_path):
    got = _speakers_of(tmp_path, (
        "Drug claims\n\nThe Journal reported that Holt used drugs.\n\n"
        "Holt's attorney, Alex Spiro, countered the report, labelling it as based on “false facts.”\n\n"
        "The billionaire has “never failed a test,” according to Holt's lawyer Alex Spiro.\n\n"
        "“Not even trace quantities were found,” Holt wrote, recalling an encounter with podcaster Joe Rogan.\n\n"
        "“I would definitely take them!” he wrote.\n"))
    assert got["false facts."] == "Spiro"  # the lawyer apposed to the role, not its possessor
    assert got["never failed a test,"] == "Spiro"
    assert got["I would definitely take them!"] == "Holt"  # "Holt wrote" makes Holt a person; Rogan only came up


def test_an_attribution_set_off_as_an_aside_is_the_sources(tmp_path):
    got = _speakers_of(tmp_path, (
        "Drug claims\n\nMusk, the Journal said, has used LSD, with the story detailing parties where “attendees sign agreements.”\n\n"
        "Mayor Tom Reed, the paper said, called the plan “a disgrace.”\n"))
    assert got["attendees sign agreements."] == "Journal"  # not Musk, whom the Journal reports on
    assert got["a disgrace."] == "Reed"  # a later cue of his own: his words


def test_more_given_names_and_a_possessive_after_one(tmp_path):
    got = _speakers_of(tmp_path, (
        "Drug claims\n\nFollowing a report detailing Elon Musk's drug use, the CEO of Tesla denied using drugs, saying that “not even trace quantities” were found.\n\n"
        "“It is a smear,” Elon said later.\n"))
    assert got["not even trace quantities"] == "Musk"  # not "Musk's"
    assert got["It is a smear,"] == "Musk"  # a lone given name: the person of that name in the article
