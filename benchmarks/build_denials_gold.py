"""Builds tests/data/denials_gold.jsonl (run once; the JSONL is the artefact)."""
import json, sys
sys.path.insert(0, ".")
import workbench as wb
import polars as pl

seeds = wb.load_corpus("seeds")
mt = wb.load_corpus("corpora/meantime-en/articles")

def sent(corpus, prefix, idx):
    row = corpus.sentences.filter(pl.col("article_id").str.starts_with(prefix) & (pl.col("sentence_index") == idx)).row(0, named=True)
    return row["text"], row["article_id"]

rows = []
def add(sentence, is_denial, kind=None, denier=None, source="own", split="dev", note=None):
    rows.append({"sentence": sentence, "is_denial": is_denial, "kind": kind if is_denial else None,
                 "denier": denier if is_denial else None, "source": source, "split": split, **({"note": note} if note else {})})

def real(corpus, name, prefix, idx, is_denial, kind=None, denier=None, note=None):
    text, aid = sent(corpus, prefix, idx)
    add(text, is_denial, kind, denier, source=f"{name}:{aid}:{idx}", note=note)

# ---- seeds (labelled by reading each article) ----
S = [
 ("000", 1, False), ("000", 3, False), ("000", 5, False), ("000", 6, True, "doubt", "Putin", "Putin doubted Trump's threat, as Trump tells it"),
 ("000", 8, False, None, None, "narrator's uncertainty, a hedge not a denial"), ("000", 15, False, None, None, "plain negation"),
 ("000", 16, True, "dismissal", "Russia"), ("000", 17, True, "denial", "Peskov"), ("000", 19, False), ("000", 20, False),
 ("001", 9, False), ("001", 10, False), ("001", 19, False, None, None, "narrator weighs the audio; no denier"),
 ("002", 0, True, "denial", "Russia"), ("002", 2, False), ("002", 17, False, None, None, "hypothetical 'if actually made'"),
 ("002", 19, True, "doubt", "Putin"), ("002", 32, True, "denial", "Russia"), ("002", 34, True, "denial", "Peskov"),
 ("002", 35, True, "denial", "Peskov"), ("002", 36, True, "denial", "Peskov", "anaphoric: 'This flat denial' is Peskov's"),
 ("002", 37, True, "doubt", "Peskov"), ("002", 38, False), ("002", 39, True, "denial", "Russia", "'The Russian denial strategy'"),
 ("002", 40, True, "denial", "Kremlin"), ("002", 42, True, "denial", "Russia"), ("002", 45, True, "denial", "Russia"),
 ("002", 48, False), ("002", 69, False), ("002", 70, False, None, None, "'whether real or fabricated': narrator"),
 ("002", 72, False, None, None, "'sophisticated fabrication': analysts weigh options, nobody dismisses"),
 ("002", 74, True, "denial", "Russia"), ("002", 114, True, "denial", "Russia"), ("002", 115, False),
 ("002", 119, False), ("002", 122, False, None, None, "generic 'categorical denials', no actor"),
 ("002", 123, False), ("002", 125, True, "denial", "Russia"), ("002", 126, True, "denial", "Kremlin"),
 ("003", 1, False), ("003", 3, False, None, None, "question"), ("003", 10, False), ("003", 15, False),
 ("004", 2, False), ("004", 11, False), ("004", 12, True, "dismissal", "Russia"), ("004", 19, True, "doubt", "Bolton"),
 ("004", 21, False),
]
for item in S:
    prefix, idx, yes = item[:3]
    kind, denier, note = (list(item[3:]) + [None, None, None])[:3]
    real(seeds, "seeds", prefix, idx, yes, kind, denier, note)

# ---- MEANTIME (Wikinews) ----
M = [
 ("100911", 10, True, "denial", "USAF"), ("60658", 7, True, "denial", "Zetsche"), ("195869", 11, True, "dismissal", "Jobs"),
 ("199629", 19, True, "denial", "Papermaster", "testified that no secrets had been disclosed: denial without a cue word"),
 ("1173", 4, False, None, None, "rejected a proposal"), ("118147", 2, False), ("118147", 3, False), ("118147", 4, False),
 ("118147", 12, False), ("121978", 6, False, None, None, "auditors' doubt about viability, not about a claim"),
 ("127248", 20, False), ("127248", 21, False), ("199629", 5, False, None, None, "did not comment"),
 ("58383", 7, False, None, None, "'no doubt'"), ("31706", 11, False), ("40203", 10, False, None, None, "disagrees with a ruling"),
 ("180695", 16, False), ("11716", 6, False, None, None, "'questions whether': narrator"), ("106653", 9, False),
 ("116834", 12, False), ("126878", 4, False), ("127227", 11, False), ("199629", 4, False), ("238039", 6, False),
 ("108294", 5, False), ("145930", 3, False), ("23468", 8, False), ("114565", 8, False), ("37313", 2, False),
 ("60083", 2, False), ("107785", 6, False),
]
for item in M:
    prefix, idx, yes = item[:3]
    kind, denier, note = (list(item[3:]) + [None, None, None])[:3]
    real(mt, "meantime", prefix, idx, yes, kind, denier, note)

# ---- own examples, dev (tuned on) ----
D = [
 ("The Kremlin denied that Putin had ever spoken to Trump about Ukraine.", True, "denial", "Kremlin"),
 ("Kremlin spokesman Dmitry Peskov rejected the report as baseless.", True, "dismissal", "Peskov"),
 ("The White House dismissed the story as fake news.", True, "dismissal", "White House"),
 ("The ministry called the allegations “absurd and without foundation.”", True, "dismissal", "ministry"),
 ("Beijing refuted claims that its ships had entered Japanese waters.", True, "denial", "China"),
 ("The company disputed the account, saying its engineers had followed every procedure.", True, "denial", "company"),
 ("Senator Jane Holt pushed back on the suggestion that she had met the lobbyist.", True, "denial", "Holt"),
 ("Moscow brushed aside the accusations.", True, "dismissal", "Russia"),
 ("“That is a complete fabrication,” said Maria Zakharova, the foreign ministry spokeswoman.", True, "dismissal", "Zakharova"),
 ("“These reports are simply not true,” the spokesman told reporters.", True, "denial", "spokesman"),
 ("Ukrainian officials cast doubt on Moscow's claim that the drones had been shot down.", True, "doubt", "Ukraine"),
 ("Analyst Mark Reed questioned whether the figures could be trusted.", True, "doubt", "Reed"),
 ("The minister said there had been no secret talks with the rebels.", True, "denial", "minister"),
 ("He denied making the remarks.", True, "denial", "he"),
 ("Smith’s lawyer said the charges were baseless.", True, "dismissal", "Smith"),
 ("The governor flatly denied any wrongdoing.", True, "denial", "governor"),
 ("Officials in Kyiv rejected the Russian account of the strike.", True, "denial", "Ukraine"),
 ("The Pentagon said the video was fabricated.", True, "dismissal", "Pentagon"),
 ("The company's chief executive, Anna Berg, denied the allegations on Tuesday.", True, "denial", "Berg"),
 ("The report was denied by the White House on Monday.", True, "denial", "White House"),
 ("Prime Minister Carney dismissed the claims as “nonsense.”", True, "dismissal", "Carney"),
 ("Critics have raised doubts about the accuracy of the poll.", True, "doubt", "critics"),
 ("Zelensky expressed skepticism about Russia's offer of a ceasefire.", True, "doubt", "Zelensky"),
 ("The embassy said no such meeting ever took place.", True, "denial", "embassy"),
 ("Trump hasn't decided how many will be sent.", False),
 ("No one was hurt in the fire, police said.", False),
 ("The Kremlin declined to comment on the report.", False),
 ("The spokesman refused to comment.", False),
 ("He was denied entry at the border.", False),
 ("The court denied bail to the three suspects.", False),
 ("Her request for asylum was denied.", False),
 ("Did Russia deny the report?", False),
 ("Why has the Kremlin not denied it?", False),
 ("Peskov did not deny that the call took place.", False),
 ("The Kremlin has yet to respond to the report.", False),
 ("Parliament rejected the budget proposal by 210 votes to 190.", False),
 ("The judge dismissed the case on Friday.", False),
 ("Three managers were dismissed after the audit.", False),
 ("There is no doubt that the economy is slowing.", False),
 ("The talks did not produce an agreement.", False),
 ("There were no survivors.", False),
 ("The ministry will deny the claims, sources predicted.", False),
 ("If the White House denies the story, it will lose credibility.", False),
 ("Police found no evidence of a break-in.", False),
 ("The team has never won the cup.", False),
 ("The fake Rolex watches were seized at the port.", False),
 ("The film is a work of fiction.", False),
 ("The senator disputed parking ticket was paid on Monday.", False),
 ("Fans rejected the new kit design.", False),
 ("It is unclear whether the calls took place.", False),
 ("The denial of service attack took the site offline.", False),
]
MORE = [
 ("The ministry branded the claims “lies.”", True, "dismissal", "ministry"),
 ("Peskov insisted the meeting never took place.", True, "denial", "Peskov"),
 ("The Kremlin rejected as “nonsense” reports that Putin was ill.", True, "dismissal", "Kremlin"),
 ("In a statement, the foreign ministry denied any involvement in the plot.", True, "denial", "ministry"),
 ("“This is a lie,” he said.", True, "dismissal", "he"),
 ("The claims are false, the spokesman said.", True, "denial", "spokesman"),
 ("Lavrov called the accusations “absurd.”", True, "dismissal", "Lavrov"),
 ("Gazprom has denied reports that it will cut supplies to Europe.", True, "denial", "Gazprom"),
 ("The general dismissed the report as propaganda.", True, "dismissal", "general"),
 ("Democrats disputed the president's version of events.", True, "denial", "Democrats"),
 ("The prime minister's office said the story was “completely untrue.”", True, "denial", "prime minister"),
 ("White House press secretary Karoline Leavitt denied that the president had been briefed.", True, "denial", "Leavitt"),
 ("The Chinese embassy in Washington rejected the accusations as groundless.", True, "dismissal", "China"),
 ("Netanyahu's office denied the report.", True, "denial", "Netanyahu"),
 ("Experts have questioned the authenticity of the video.", True, "doubt", "experts"),
 ("Several historians cast doubt on the diary's authenticity.", True, "doubt", "historians"),
 ("The company's lawyers called the lawsuit baseless.", True, "dismissal", "company"),
 ("Moscow denied the allegations, saying its troops had not crossed the border.", True, "denial", "Russia"),
 ("The FBI said there was no truth to the rumors.", True, "denial", "FBI"),
 ("Trump dismissed the reports as “fake news.”", True, "dismissal", "Trump"),
 ("Officials at the ministry flatly rejected the newspaper's account.", True, "denial", "ministry"),
 ("“There was no such conversation,” Ushakov told reporters.", True, "denial", "Ushakov"),
 ("Apple denied that it slowed down older iPhones on purpose.", True, "denial", "Apple"),
 ("She later denied having said it.", True, "denial", "she"),
 ("The agency neither confirmed nor denied the report.", False),
 ("Russia has not denied the strike.", False),
 ("The Kremlin has not commented on the report.", False),
 ("He denied himself the pleasure of a second glass.", False),
 ("Fans were denied a goal in the last minute.", False),
 ("The strike was not reported until Tuesday.", False),
 ("The minister was asked whether the report was true.", False),
 ("Nobody believes the weather forecast anymore, he joked.", False),
 ("Analysts expect the central bank to reject calls for a rate cut.", False),
 ("The senator rejected the nomination.", False),
 ("There were no injuries, the fire department said.", False),
 ("There was no immediate comment from the Kremlin.", False),
 ("The leaked documents were published on Monday.", False),
 ("The claims will be examined by a court.", False),
 ("Investors shrugged off the news and the index rose.", True, "dismissal", "investors"),
 ("Is it true that the Kremlin denied the story?", False),
]
MORE2 = [
 ("According to the Kremlin, there were no such talks.", True, "denial", "Kremlin"),
 ("Peskov, speaking to reporters on Monday, denied the report.", True, "denial", "Peskov"),
 ("The allegations were rejected by Moscow.", True, "denial", "Russia"),
 ("“Fake news,” Trump wrote on Truth Social.", True, "dismissal", "Trump"),
 ("Trump called the investigation a “hoax.”", True, "dismissal", "Trump"),
 ("Ukraine's military denied Russian claims that it had lost the town.", True, "denial", "Ukraine"),
 ("Moscow has long denied any role in the downing of the airliner.", True, "denial", "Russia"),
 ("The minister was quick to deny the reports.", True, "denial", "minister"),
 ("The club dismissed suggestions that the manager would be sacked.", True, "dismissal", "club"),
 ("Asked about the leak, the Pentagon spokesman said the document was “not authentic.”", True, "denial", "Pentagon"),
 ("Her denial of the rumors was widely reported.", True, "denial", "she"),
 ("Orban's spokesman said the story was invented.", True, "dismissal", "Orban"),
 ("The company said in a statement that the accusations were unfounded.", True, "dismissal", "company"),
 ("Israeli officials disputed the casualty figures.", True, "denial", "Israel"),
 ("The CEO laughed off questions about a merger.", True, "dismissal", "CEO"),
 ("Russia has denied access to international inspectors.", False),
 ("The government denied the company a licence.", False),
 ("The court rejected the appeal.", False),
 ("He refused to deny the rumours.", False),
 ("Did Russia deny the claims, or not?", False),
 ("The price of oil is not expected to rise.", False),
 ("The museum displays fake banknotes from the war.", False),
 ("The investigation found no evidence of wrongdoing.", False),
 ("She did not dispute the figures.", False),
 ("The witness could not recall the meeting.", False),
 ("No talks are planned for this week.", False),
 ("There were no calls for a ceasefire at the summit.", False, None, None, "narrator: no calls (requests) — no one's denial"),
 ("The company rejected the offer as too low.", False),
 ("Voters rejected the referendum.", False),
 ("The dismissal of the coach surprised fans.", False),
]
D = D + MORE + MORE2
for item in D:
    sentence, yes = item[0], item[1]
    kind, denier, note = (list(item[2:]) + [None, None, None])[:3]
    add(sentence, yes, kind, denier, source="own", note=note)

# ---- own examples, held out (never tuned on; evaluated once) ----
H = [
 ("The Foreign Ministry in Beijing denied that it had pressured the airline.", True, "denial", "Foreign Ministry"),
 ("Apple spokeswoman Kristin Huguet dismissed the report as speculation.", True, "dismissal", "Huguet"),
 ("Tehran rejected the accusations, calling them “a pack of lies.”", True, "dismissal", "Iran"),
 ("A spokesman for the army, Colonel Ali Hassan, said the claims were false.", True, "denial", "Hassan"),
 ("“We never said that,” Johnson insisted.", True, "denial", "Johnson"),
 ("The union disputed the company's figures.", True, "denial", "union"),
 ("Microsoft denied the accusation.", True, "denial", "Microsoft"),
 ("The mayor’s office refuted the newspaper's story.", True, "denial", "mayor"),
 ("Scientists have cast doubt on the study's conclusions.", True, "doubt", "scientists"),
 ("The Kremlin called the leaked memo a forgery and a provocation.", True, "dismissal", "Kremlin"),
 ("Russian officials said the reports were “absolute nonsense.”", True, "dismissal", "Russia"),
 ("Peskov told reporters there had been no contacts between the two leaders.", True, "denial", "Peskov"),
 ("She denied ever meeting him.", True, "denial", "she"),
 ("The network stood by its reporting, while the senator called it a hoax.", True, "dismissal", "senator"),
 ("Israel's military said the account was inaccurate.", True, "denial", "Israel"),
 ("Ford pushed back against claims that the recall had been delayed.", True, "denial", "Ford"),
 ("The ministry's statement contradicted the reports of a deal.", True, "denial", "ministry"),
 ("European diplomats voiced doubts over the plan's feasibility.", True, "doubt", "European Union"),
 ("Investors doubted that the merger would go ahead.", True, "doubt", "investors"),
 ("The opposition leader laughed off the rumors of a split.", True, "dismissal", "leader"),
 ("The airline said the incident never happened.", True, "denial", "airline"),
 ("Boeing denied allegations that it had hidden safety problems.", True, "denial", "Boeing"),
 ("The spokesperson said the story was fabricated by rivals.", True, "dismissal", "spokesperson"),
 ("Kyiv denied responsibility for the attack.", True, "denial", "Ukraine"),
 ("GM's chairman questioned the accuracy of the report.", True, "doubt", "GM"),
 ("The player was denied a penalty in the final minute.", False),
 ("The committee rejected the application.", False),
 ("Nobody was injured.", False),
 ("The company did not respond to a request for comment.", False),
 ("Is the audio fake?", False),
 ("Could the Kremlin deny it?", False),
 ("The minister declined to say whether the calls had happened.", False),
 ("The visa was denied because of missing documents.", False),
 ("The coach was dismissed after ten games.", False),
 ("The prices were not as high as expected.", False),
 ("He didn't deny the allegations.", False),
 ("The rumors, if true, would be damaging.", False),
 ("The board rejected the takeover bid.", False),
 ("There was no sign of the missing hikers.", False),
 ("Sales did not meet expectations in March.", False),
 ("She has never been to Moscow.", False),
 ("The novel is pure fiction, the author said in an interview about her craft.", False, None, None, "calls her novel fiction: not denying a claim"),
 ("The regulator refused to approve the merger.", False),
 ("Without doubt, the storm was the worst in decades.", False),
 ("Protesters disputed territory claims in the square.", False),
 ("The plant produces fake leather for car seats.", False),
 ("The bill was rejected by the Senate.", False),
 ("Trump said he would not send troops.", False),
 ("The company has not yet decided whether to appeal.", False),
 ("It remains unclear who leaked the recording.", False),
]
for item in H:
    sentence, yes = item[0], item[1]
    kind, denier, note = (list(item[2:]) + [None, None, None])[:3]
    add(sentence, yes, kind, denier, source="own", split="heldout", note=note)

with open("tests/data/denials_gold.jsonl", "w", encoding="utf-8") as f:
    f.write(json.dumps({"_comment": "Labelled sentences for denial detection (benchmarks/eval_denials.py). One JSON object a line: sentence, is_denial, kind (denial|dismissal|doubt), denier (canonical actor; lowercase role noun when unnamed; a pronoun when unresolved), source (seeds:<article>:<sentence> | meantime:<article>:<sentence> | own), split (dev = used while tuning | heldout = never tuned on), note. Labelling rule: a sentence is a denial when it states that an identifiable actor denies, dismisses or doubts a claim or report (also by clear anaphora: 'This flat denial'); plain negations, questions, refusals (denied entry, refused to comment), rejected proposals and a narrator's own uncertainty are not."}, ensure_ascii=False) + "\n")
    for r in rows:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
print(len(rows), sum(r["split"] == "heldout" for r in rows), sum(r["is_denial"] for r in rows))
