"""Denial detection: the seeds' real cases, generic tables, must-not-match negatives."""

from __future__ import annotations

import polars as pl
import pytest

from tests.conftest import seed_id
from workbench.claims.denials import DENIAL_SCHEMA, QuoteSpan, denials_of, detect_denial, extract_denials, is_question

# (sentence, kind, denier, denied) — generic phrasings, one per cue family
POSITIVES = [
    ("The Kremlin denied that Putin had spoken to Trump.", "denial", "Kremlin", "Putin had spoken to Trump"),
    ("Beijing refuted claims that its ships had entered Japanese waters.", "denial", "China", "claims that its ships had entered Japanese waters"),
    ("The company disputed the account.", "denial", "company", "the account"),
    ("Senator Jane Holt pushed back on the suggestion that she met the lobbyist.", "denial", "Holt", "the suggestion that she met the lobbyist"),
    ("Moscow brushed aside the accusations.", "dismissal", "Russia", "the accusations"),
    ("Prime Minister Carney dismissed the claims as “nonsense.”", "dismissal", "Carney", "the claims"),
    ("The Pentagon said the video was fabricated.", "dismissal", "Pentagon", "the video"),
    ("“These reports are simply not true,” the spokesman told reporters.", "denial", "spokesman", "These reports"),
    ("The minister said there had been no secret talks with the rebels.", "denial", "minister", "secret talks with the rebels"),
    ("The report was denied by the White House on Monday.", "denial", "White House", "The report"),
    ("Ukrainian officials cast doubt on Moscow's claim.", "doubt", "Ukraine", "Moscow's claim"),
    ("Analyst Mark Reed questioned whether the figures could be trusted.", "doubt", "Reed", "the figures could be trusted"),
    ("Zelensky expressed skepticism about the offer.", "doubt", "Zelensky", "the offer"),
    ("“We never said that,” the minister insisted.", "denial", "minister", "We"),
    ("The ministry called the leaked letter a forgery.", "dismissal", "ministry", "the leaked letter"),
    ("The spokesman said the report was a complete fabrication.", "dismissal", "spokesman", "the report"),
    ("Pyongyang rejected the allegations as lies.", "dismissal", "North Korea", "the allegations"),
    # no claim noun: "as nonsense" makes the object a claim
    ("The ministry dismissed the interview as nonsense.", "dismissal", "ministry", "the interview"),
    ("The allegations were rejected by the company on Monday.", "denial", "company", "The allegations"),
    # the time of the denial is not part of the claim; a description set off by commas is not the denier
    ("Mayor Tom Reed flatly denied Tuesday that he had accepted bribes.", "denial", "Reed", "he had accepted bribes"),
    ("Mayor Tom Reed, a Democrat first elected in 2019, said the accusations were false.", "denial", "Reed", "the accusations"),
    ("Harbor Point, the developer at the centre of the claims, rejected them.", "denial", "Harbor Point", "them"),
    # naming a claim false; a protest of innocence (no claim named); a plea to charges
    ("Mayor Anna Kowalski called the allegations “completely false”.", "denial", "Kowalski", "the allegations"),
    ("The ministry calls the report untrue.", "denial", "ministry", "the report"),
    ("Kowalski insisted she had done nothing wrong.", "denial", "Kowalski", None),
    ("Senator Jane Holt maintains her innocence.", "denial", "Holt", None),
    ("Jane Holt pleaded not guilty to two counts of fraud.", "denial", "Holt", "two counts of fraud"),
    # an announced plea; innocence in someone's words; "no evidence that …" in someone's words
    ("Jane Holt said she would plead not guilty to the charges.", "denial", "Holt", "the charges"),
    ("“She is innocent of all charges,” her lawyer said.", "denial", "lawyer", "all charges"),
    ("Police said there was no evidence of foul play.", "denial", "police", "foul play"),
    # the subject of coordinated reporting verbs; a description "of …" set off by commas
    ("But the Pentagon told BBC News its policy “condemns” torture and said there was no evidence that any detainee was abused.",
     "denial", "Pentagon", "any detainee was abused"),
    ("Professor John Curtice, of the University of Strathclyde, questioned whether the poll was right.",
     "doubt", "Curtice", "the poll"),
    # verbs of rejection and their verdicts; a verdict before its claim; a figure called wrong
    ("Holt rubbished the claims.", "dismissal", "Holt", "the claims"),
    ("The minister poured cold water on the reports.", "dismissal", "minister", "the reports"),
    ("Holt took issue with the report, calling it one-sided.", "denial", "Holt", "the report"),
    ("Holt slammed the report as a smear.", "dismissal", "Holt", "the report"),
    ("Russia has rejected as “absurd” claims that it hacked the vote.", "dismissal", "Russia", "claims that it hacked the vote"),
    ("The firm said the figures were wrong.", "denial", "firm", "the figures"),
    # a deed someone says was never done
    ("Holt said she had never met the donor.", "denial", "Holt", "met the donor"),
    ("“I never threatened him,” Trump said.", "denial", "Trump", "threatened him"),
    # a headline's source after a colon, not a name inside the claim
    ("Claim that Sean Spicer used racial slur is false: lawyer", "denial", "lawyer", "Sean Spicer used racial slur"),
    ("Trump tape is fake: Kremlin", "dismissal", "Kremlin", "Trump tape"),
    ('Mumbai Mirror report "untrue", "baseless": PMO', "dismissal", "PMO", None),  # the verdicts in quotation marks
    # a claim spelled out in full is the claim, not what follows its own "that"
    ("A lawyer for Tom Hale says an accusation that the former press secretary used a slur in high school is false.",
     "denial", "Hale", "an accusation that the former press secretary used a slur in high school"),
    # a claim called outrageous, defamatory …; a falsity after another verdict
    ("The allegation is outrageous, his lawyer said.", "dismissal", "lawyer", "The allegation"),
    ("He said the report was laughable.", "dismissal", "he", "the report"),
    ("“This story is completely outrageous and false,” said chief executive Jason Rowley.", "dismissal", "Rowley", "This story"),
    # British single quotation marks
    ("‘It is pure fiction,’ the source added.", "dismissal", "source", "It"),
    ("'It is pure fiction,' the source added.", "dismissal", "source", "It"),
    # a pronoun's contraction; a negated copula
    ("“The senator knows that’s not true,” Kim wrote on X.", "denial", "Kim", "that"),
    ("“It isn't true,” the spokesman said.", "denial", "spokesman", "It"),
    # calling a claim wrong by the saying of it
    ("A spokesman for the Home Office said it was wholly wrong to suggest that the plan was to return children “and leave them to rot”.",
     "denial", "Home Office", "the plan was to return children “and leave them to rot”"),
    # a clause without "that" after "denied"
    ("The minister denied his department was aware of the problem.", "denial", "minister", "his department was aware of the problem"),
    # a person named earlier in the sentence is the pronoun's, before a county read as a name
    ("One of the men, David Redvers, 34, from Hartpury, Gloucestershire, said he would plead not guilty to the charges.",
     "denial", "Redvers", "the charges"),
    # a time between the verb and its claim; a verdict "as" after a characterizing verb
    ("Robert Mueller's office disputed on Friday night a news report that the mayor lied.",
     "denial", "Mueller", "a news report that the mayor lied"),
    ("Press secretary Sarah Lane blasted the story as “absolutely ridiculous” on Friday.", "dismissal", "Lane", "the story"),
    ("The minister dismissed the claims as laughable.", "dismissal", "minister", "the claims"),
    # "no basis to" a claim names it after the cue
    ("Dow Chemical said that there was no basis to a report saying it had accepted responsibility.",
     "denial", "Dow Chemical", "a report saying it had accepted responsibility"),
    # an adverb in "was just not true"
    ("“What they said was just not true,” Greenberg said.", "denial", "Greenberg", None),
    # a claim, then a relative clause whose verb is the cue: its subject denies it
    ("Tom Hale appeared in court to face assault charges, which he “strenuously denies”, his lawyer said.",
     "denial", "Hale", "assault charges"),
    ("He faces three charges of fraud, which he denies.", "denial", "he", "three charges of fraud"),
    # a name before the cue inside the quotation: the speaker reports that one's denial
    ("“Mr Hale strenuously denies any criminality,” his lawyer Patrick Gibbs said.", "denial", "Hale", "any criminality"),
    ("Attorney Ann Belote said that state Del. Rick Morris “adamantly denies” the allegations.", "denial", "Morris", "the allegations"),
    # a lawyer's client is the person the lawyer acts for
    ("Lawyer for Tom Hale tells UK court his client denies assault charges", "denial", "Hale", "assault charges"),
    ("Tom Hale's attorney said his client “denies any criminality.”", "denial", "Hale", "any criminality"),
    # where the denial was made is no part of the claim
    ("Shankar has denied in Delhi that he named six ministers.", "denial", "Shankar", "he named six ministers"),
    ("Holt denied in a statement that she had lied.", "denial", "Holt", "she had lied"),
    # an aside in parentheses and a place after "to" are no subject; a second verb is no claim
    ("Holt went to X (Twitter) to categorically deny the report and harshly criticize the paper.", "denial", "Holt", "the report"),
    # a claim noun, then a clause without "that": the whole claim
    ("Holt hit back at claims she had lied to parliament.", "denial", "Holt", "claims she had lied to parliament"),
    ("She rejected reports the firm had collapsed.", "denial", "she", "reports the firm had collapsed"),
]

# must not match: plain negations, questions, refusals, decisions, narrator's doubt, conditionals
NEGATIVES = [
    "Trump hasn't decided how many will be sent.",
    "No one was hurt in the fire, police said.",
    "The Kremlin declined to comment on the report.",
    "The spokesman refused to comment.",
    "He was denied entry at the border.",
    "The court denied bail to the three suspects.",
    "Her request for asylum was denied.",
    "Did Russia deny the report?",
    "Was the audio “fake”?",
    "Peskov did not deny that the call took place.",
    "It was a good year, which nobody denies.",
    "The council rejected the plan as too costly.",
    "The Kremlin declined to deny the report.",
    "Parliament rejected the budget proposal by 210 votes to 190.",
    "The bill was rejected by the Senate.",
    "The offer was rejected by shareholders on Tuesday.",
    "The judge dismissed the case on Friday.",
    "Three managers were dismissed after the audit.",
    "There is no doubt that the economy is slowing.",
    "There were no survivors.",
    "If the White House denies the story, it will lose credibility.",
    "The fake watches were seized at the port.",
    "The film is a work of fiction.",
    "It is unclear whether the calls took place.",
    "The denial of service attack took the site offline.",
    "The communications, whether real or fabricated, became public.",
    "She called the reporters into her office.",
    "The prosecutor called the defence witness on Friday.",
    "Nothing wrong with the engine was found, the report said.",
    "There is no evidence that the drug works.",  # the narrator's, not anyone's denial
    "The jury found that he was not guilty.",
    "Holt would not plead guilty to the charges.",
    "Parliament rejected the budget proposal which was tabled in May.",
    "It would be wrong to say that the economy is fine.",  # the narrator's
    "“The report's false premise is plain,” Kim said.",  # a possessive's "s", not "is"
    "Prices are outrageous, shoppers say.",  # "outrageous" dismisses only a claim
    "He took issue with the referee.",
    "He said the decision was wrong.",
    "He said he had never seen anything like it.",
    "She said she had never been to Paris.",
    "The film is outrageous fun, critics say.",
    "The weather in March: mild",
    "The court denied bail to the three suspects who were held.",
    "",
    "   ",
    "“Unbalanced quote with denied and “ nested marks",
]


@pytest.mark.parametrize("sentence, kind, denier, denied", POSITIVES)
def test_positive_table(sentence, kind, denier, denied):
    found = detect_denial(sentence)
    assert found is not None, sentence
    assert (found.kind, found.denier, found.denied) == (kind, denier, denied)
    assert sentence[found.cue_start : found.cue_end] == found.cue


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_negative_table(sentence):
    assert detect_denial(sentence) is None


def test_question_helper():
    assert is_question("Why haven’t you struck Moscow?”")
    assert not is_question("He asked why.")


def test_pronoun_resolves_to_last_named_person():
    results = denials_of(["Acme chief executive Anna Berg spoke on Monday.", "She denied the allegations."])
    assert results[0] is None
    assert results[1].denier == "Berg" and results[1].denier_mention == "She"


def test_denier_inside_quote_is_the_quote_speaker():
    sentence = "Officials were asked about it. “That never happened,” he said."
    found = detect_denial("“That never happened,” Lavrov said.")
    assert found.denier == "Lavrov" and found.quote is not None
    # a quotes-module span with a speaker wins over the local attribution
    found = detect_denial("“That never happened,” he said.", quotes=[QuoteSpan(0, 23, "Sergei Lavrov", "q7")])
    assert (found.denier, found.quote.quote_id) == ("Lavrov", "q7")
    assert sentence  # the first sentence is context only


def test_hedged_denial():
    assert detect_denial("Russia reportedly denied the report.").is_hedged
    assert not detect_denial("Russia denied the report.").is_hedged


# -- the seeds -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_denials(seeds):
    return extract_denials(seeds)


def _row(frame: pl.DataFrame, prefix: str, needle: str) -> dict:
    rows = frame.filter(pl.col("article_id") == seed_id(prefix)).filter(pl.col("sentence").str.contains(needle, literal=True))
    assert rows.height == 1, (prefix, needle, rows)
    return rows.row(0, named=True)


def test_schema_and_offsets(seeds, seed_denials):
    assert seed_denials.schema == pl.Schema(DENIAL_SCHEMA)
    texts = dict(seeds.articles.select("article_id", "text").iter_rows())
    raws = dict(seeds.articles.select("article_id", "raw_text").iter_rows())
    for row in seed_denials.iter_rows(named=True):
        assert texts[row["article_id"]][row["start"] : row["end"]] == row["sentence"]
        assert texts[row["article_id"]][row["cue_start"] : row["cue_end"]] == row["cue"]
        assert row["raw_start"] < row["raw_end"] <= len(raws[row["article_id"]])
    assert seed_denials.equals(extract_denials(seeds))  # deterministic


def test_seed_000_kremlin_dismissal_and_no_phone_calls(seed_denials):
    row = _row(seed_denials, "000", "brushed off the leaked audio")
    assert (row["kind"], row["denier"], row["denied"]) == ("dismissal", "Russia", "the leaked audio")
    row = _row(seed_denials, "000", "there were no phone calls")
    assert (row["kind"], row["denier"], row["denier_mention"]) == ("denial", "Peskov", "Dmitry Peskov")
    assert row["denied"].startswith("phone calls like the ones Trump described")


def test_seed_002_no_telephone_conversations(seed_denials):
    row = _row(seed_denials, "002", "there were no telephone conversations then")
    assert (row["kind"], row["denier"]) == ("denial", "Peskov")
    assert row["cue"] == "there were no telephone conversations"
    row = _row(seed_denials, "002", "directly contradicted the existence")
    assert row["denier"] == "Peskov"


def test_seed_004_pure_fiction_and_bolton_doubt(seed_denials):
    row = _row(seed_denials, "004", "pure fiction")
    assert (row["kind"], row["denier"], row["denied"], row["cue"]) == ("dismissal", "Russia", "the report", "pure fiction")
    row = _row(seed_denials, "004", "Bolton cast doubt")
    assert (row["kind"], row["denier"], row["denied"]) == ("doubt", "Bolton", "the incendiary story")


def test_seed_001_has_no_denial_and_plain_negation_is_not_one(seed_denials):
    assert seed_denials.filter(pl.col("article_id") == seed_id("001")).is_empty()
    assert seed_denials.filter(pl.col("sentence").str.contains("hasn’t decided", literal=True)).is_empty()
    assert seed_denials.filter(pl.col("sentence").str.contains("Why haven’t you struck Moscow", literal=True)).is_empty()


def test_quotes_frame_links_quote_id(seeds):
    """A quotes frame (as the quotes module will produce) gives quote_id and the speaker."""
    aid = seed_id("002")
    text = seeds.articles.filter(pl.col("article_id") == aid)["text"][0]
    start = text.index("“The fact is that there were no telephone")
    end = text.index("”", start) + 1
    start2 = text.index("“After all, we are talking")
    end2 = text.index("”", start2) + 1
    quotes = pl.DataFrame(
        {"article_id": [aid, aid], "quote_id": ["002-q1", "002-q2"], "start": [start, start2], "end": [end, end2], "speaker": ["Dmitry Peskov", "Peskov"]}
    )
    frame = extract_denials(seeds, quotes=quotes)
    row = frame.filter(pl.col("quote_id") == "002-q1").row(0, named=True)
    assert row["denier"] == "Peskov" and "telephone conversations" in row["sentence"]
    # a denial partly made of a quotation: the cue is outside it, the quote is the denial's content
    row = frame.filter(pl.col("quote_id") == "002-q2").row(0, named=True)
    assert row["kind"] == "doubt" and row["cue"] == "cast doubt on"
    assert frame.filter(pl.col("quote_id").is_not_null()).height == 2


def test_meantime_real_denials(meantime):
    frame = extract_denials(meantime)
    got = {(r["article_id"], r["denier"], r["kind"]) for r in frame.iter_rows(named=True)}
    assert ("100911", "USAF", "denial") in got
    assert ("60658", "Zetsche", "denial") in got
    assert ("195869", "Jobs", "dismissal") in got
    # rejected bills and proposals, refusals, "substantial doubt" are not denials
    assert frame.filter(pl.col("article_id").is_in(["118147", "1173", "121978"])).is_empty()


# -- odd input never raises ----------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from(
    ["denied", "the report", "“", "”", '"', "said", "Peskov", "there were no calls", "fake", "?", ",", "as",
     "not", "He", "cast doubt on", "’s", "by", "that", "RUSSIA", " ", "—", "(", ")", "was", "dismissed"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=14).map(" ".join) | st.text(max_size=120))
def test_never_raises_and_cue_is_in_the_text(sentence):
    found = detect_denial(sentence)
    if found is not None:
        assert sentence[found.cue_start : found.cue_end] == found.cue
        assert found.kind in {"denial", "dismissal", "doubt"}


def test_corpus_denials_resolve_pronouns_from_sentences_without_cues(tmp_path):
    """extract_denials reads the actors of sentences without a denial cue only when a later sentence
    of the same article needs them: a pronoun still finds the last person named before it, however
    many cue-less sentences back, and never one named in another article."""
    import workbench as wb

    (tmp_path / "a.txt").write_text(
        "Talks resume\n\nAnna Berg met reporters on Monday. The weather was fine. Later Tom Jones spoke to them at length. "
        "The meeting ran late.\n\nHe denied the allegations.\n\nAnna Berg arrived on Tuesday. She rejected the claims.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text("Another story\n\nHe denied the allegations.\n", encoding="utf-8")
    corpus = wb.load_corpus(tmp_path, warn=False)
    found = extract_denials(corpus)
    by_article = {aid: rows["denier"].to_list() for (aid,), rows in found.group_by("article_id", maintain_order=True)}
    assert by_article["a"] == ["Jones", "Berg"]
    assert not {"Jones", "Berg"} & set(by_article.get("b", []))  # nobody carried over from article a
    # the same as reading every sentence's actors as it comes (denials_of, sentence by sentence)
    sentences = corpus.sentences.filter(pl.col("article_id") == "a")["text"].to_list()
    assert [d.denier for d in denials_of(sentences) if d is not None] == by_article["a"]


def test_an_office_is_its_holder_in_the_article(tmp_path):
    """"Mayor denies …" and "the mayor of Springfield, Illinois, rejected …" name the office: the
    denier is the one person the article names with that title. Without one, "the mayor of
    Springfield" is Springfield (and never Illinois, the state after the city)."""
    import workbench as wb

    (tmp_path / "a.txt").write_text(
        "Mayor denies taking bribes\n\nThe mayor of Springfield, Illinois, on Tuesday rejected allegations that he took bribes.\n\n"
        "Springfield mayor rejects the claims, his office said.\n\nMayor Thomas Reed will testify next month.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Inquiry widens\n\nThe mayor of Springfield, Illinois, on Tuesday rejected allegations that he took bribes.\n", encoding="utf-8")
    d = extract_denials(wb.load_corpus(tmp_path, warn=False))
    assert d.filter(pl.col("article_id") == "a")["denier"].to_list() == ["Reed", "Reed", "Reed"]
    assert d.filter(pl.col("article_id") == "a")["denier_mention"].to_list()[:2] == ["Mayor", "The mayor of Springfield"]
    assert d.filter(pl.col("article_id") == "b")["denier"].to_list() == ["Springfield"]
    # a possessor is the principal: "GM's chairman" stays GM's
    assert denials_of(["GM's chairman questioned the accuracy of the report."])[0].denier == "GM"


def test_an_institutions_role_noun_is_the_institution_named_before(tmp_path):
    """"The company denied …" is the firm the article named before it, as a quotation's speaker
    is; "the government" the country; a place is nobody's name; with none named, the role stays."""
    import workbench as wb

    (tmp_path / "a.txt").write_text(
        "Carmaker faces recall questions\n\nIn Detroit, General Motors announced a recall of 40,000 trucks on Monday.\n\n"
        "The company denied that it had known about the fault since 2019.\n\n"
        "Russian officials met the carmaker in Moscow. The government rejected claims that it had offered subsidies.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Recall widens\n\nThe company denied that it had known about the fault.\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Recall in Westport\n\nIn Westport, the company denied that it had known about the fault.\n", encoding="utf-8")
    d = extract_denials(wb.load_corpus(tmp_path, warn=False))
    assert d.filter(pl.col("article_id") == "a").select("denier", "denier_mention").rows() == [
        ("General Motors", "The company"), ("Russia", "The government")]
    assert d.filter(pl.col("article_id") == "b")["denier"].to_list() == ["company"]
    assert d.filter(pl.col("article_id") == "c")["denier"].to_list() == ["company"]


def test_a_bodys_kind_is_the_body_named_with_it(tmp_path):
    """"the alliance denied …" is the body named with that word, not the nearest institution;
    with none so named, the kind stays."""
    import workbench as wb

    (tmp_path / "a.txt").write_text(
        "Hunt ban row\n\nThe Countryside Alliance wrote to Acme Holdings on Monday.\n\n"
        "The alliance denied that it had organised the protest.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Hunt ban row\n\nAcme Holdings wrote to the group on Monday.\n\n"
        "The alliance denied that it had organised the protest.\n", encoding="utf-8")
    d = extract_denials(wb.load_corpus(tmp_path, warn=False))
    assert dict(d.select("article_id", "denier").iter_rows()) == {"a": "Countryside Alliance", "b": "alliance"}


def test_a_statement_denies_for_whoever_issued_it():
    results = denials_of(["The New Patriotic Party issued a statement on Monday.", "The statement categorically denies the allegations."])
    assert results[0] is None
    assert (results[1].denier, results[1].denier_mention, results[1].denied) == ("New Patriotic Party", "The statement", "the allegations")
