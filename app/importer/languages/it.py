"""Italian."""

from app.importer.languages.vocabulary import Vocabulary

WORDS = Vocabulary()
