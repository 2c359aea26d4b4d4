"""Pages for people: the job board, postings, the apply form and the embed, as HTML."""
