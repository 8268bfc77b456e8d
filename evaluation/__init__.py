"""Developer tools: score the build on hand-annotated sets (``make eval``) and benchmark it
(``make bench``). Not part of the product; needs ``../shared/eval`` for the scores.
"""
