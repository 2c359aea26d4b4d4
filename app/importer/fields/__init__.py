"""One module per field of an opening. Each field's function takes a draft (and what earlier
fields found) and returns a `Found`, the value with where it came from, or None when the advert
does not say."""
