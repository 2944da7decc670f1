"""A component after NER that reads a capitalised plural common noun opening a sentence as the noun it is.

The small model tags "Rebels", "Militants", "Extremists" at the start of a sentence as proper nouns (NNPS) and
keeps the capitalised text as the lemma, so no role lexicon ever sees "rebel". A sentence-initial plural that is
no entity and whose lower-case singular is a noun the lemmatizer knows becomes NOUN/NNS with that lemma. Names
are left alone: the NER tagged them ("Reuters", "Thomas"), or their singular is no English noun.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

NAME = "eventwire_sentence_case_nouns"


@Language.factory(NAME, requires=["token.pos", "token.lemma", "token.ent_type"],
                  assigns=["token.pos", "token.tag", "token.lemma"])
def make_sentence_case_nouns(nlp, name: str):
    return SentenceCaseNouns(nlp)


class SentenceCaseNouns:
    def __init__(self, nlp):
        self.nlp = nlp

    def __call__(self, doc):
        if "lemmatizer" not in self.nlp.pipe_names:
            return doc
        lemmatizer = self.nlp.get_pipe("lemmatizer")
        if getattr(lemmatizer, "mode", None) != "rule":
            return doc
        nouns = lemmatizer.lookups.get_table("lemma_index").get("noun", ())
        for token in doc:
            if not (token.is_sent_start and token.tag_ in ("NNPS", "NNP") and not token.ent_type_
                    and token.text[:1].isupper() and token.text[1:].islower() and token.lower_.endswith("s")):
                continue
            single = Doc(doc.vocab, words=[token.lower_], pos=["NOUN"], tags=["NNS"], morphs=["Number=Plur"])
            lemma = lemmatizer.rule_lemmatize(single[0])[0]
            if lemma != token.lower_ and lemma in nouns:
                token.tag_, token.pos_, token.lemma_ = "NNS", "NOUN", lemma
        return doc
