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
